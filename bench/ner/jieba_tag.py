#!/usr/bin/python3
"""Tag a character BIO file's sentences with jieba.posseg, for comparison.

usage: /usr/bin/python3 jieba_tag.py FILE > PRED

Each sentence's characters are joined and cut by jieba 0.42 (default
dictionary, HMM on); words tagged nr, nrfg or nrt become PER, nt ORG and
ns LOC, everything else O. Output uses the input's layout ("char tag").
"""
import logging
import sys

import jieba
import jieba.posseg as pseg

jieba.setLogLevel(logging.WARNING)
FLAGS = {"nr": "PER", "nrfg": "PER", "nrt": "PER", "nt": "ORG", "ns": "LOC"}


def sentences(path):
    cur = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line.strip():
                if cur:
                    yield cur
                cur = []
                continue
            parts = line.split()
            cur.append(" " if len(parts) == 1 else parts[0])
    if cur:
        yield cur


out = sys.stdout
for chars in sentences(sys.argv[1]):
    text = "".join(chars)
    tags = ["O"] * len(text)
    pos = 0
    for w in pseg.cut(text):
        typ = FLAGS.get(w.flag)
        if typ:
            tags[pos] = "B-" + typ
            for k in range(pos + 1, pos + len(w.word)):
                tags[k] = "I-" + typ
        pos += len(w.word)
    assert pos == len(text) == len(chars)
    for c, t in zip(chars, tags):
        out.write("%s %s\n" % (c, t))
    out.write("\n")
