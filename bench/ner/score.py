#!/usr/bin/env python3
"""Entity-level scorer for character BIO files.

usage: score.py GOLD PRED [LABEL]

Both files: one "char<space or tab>tag" line per character, a blank line
between sentences, the same characters in the same order. An entity counts
as correct only when its type, start and end all match. Prints P/R/F1 per
type (PER, ORG, LOC) and over all three, as a Markdown table row each.
"""
import sys


def read(path):
    sents, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line.strip():
                if cur:
                    sents.append(cur)
                cur = []
                continue
            parts = line.split()
            if len(parts) == 1:      # the character itself was white space
                ch, tag = " ", parts[0]
            else:
                ch, tag = parts[0], parts[-1]
            cur.append((ch, tag))
    if cur:
        sents.append(cur)
    return sents


def entities(tags):
    """(type, start, end) for B-X I-X* runs; a stray I-X starts an entity."""
    out, i = set(), 0
    while i < len(tags):
        t = tags[i]
        if t == "O" or "-" not in t:
            i += 1
            continue
        typ = t.split("-", 1)[1]
        j = i + 1
        while j < len(tags) and tags[j] == "I-" + typ:
            j += 1
        out.add((typ, i, j))
        i = j
    return out


def main():
    gold, pred = read(sys.argv[1]), read(sys.argv[2])
    label = sys.argv[3] if len(sys.argv) > 3 else sys.argv[2]
    if len(gold) != len(pred):
        sys.exit("score.py: %d gold sentences but %d predicted" % (len(gold), len(pred)))
    types = ["PER", "ORG", "LOC"]
    n = {t: [0, 0, 0] for t in types}        # gold, predicted, correct
    for k, (g, p) in enumerate(zip(gold, pred)):
        if [c for c, _ in g] != [c for c, _ in p]:
            sys.exit("score.py: sentence %d differs between files" % (k + 1))
        ge = entities([t for _, t in g])
        pe = entities([t for _, t in p])
        for typ, _, _ in ge:
            if typ in n:
                n[typ][0] += 1
        for e in pe:
            if e[0] in n:
                n[e[0]][1] += 1
                if e in ge:
                    n[e[0]][2] += 1

    def prf(g, p, c):
        P = c / p if p else 0.0
        R = c / g if g else 0.0
        F = 2 * P * R / (P + R) if P + R else 0.0
        return P, R, F

    print("| system | type | gold | predicted | correct | P | R | F1 |")
    print("|---|---|---|---|---|---|---|---|")
    tot = [0, 0, 0]
    for t in types:
        g, p, c = n[t]
        tot = [tot[0] + g, tot[1] + p, tot[2] + c]
        print("| %s | %s | %d | %d | %d | %.3f | %.3f | %.3f |" % ((label, t, g, p, c) + prf(g, p, c)))
    print("| %s | all | %d | %d | %d | %.3f | %.3f | %.3f |" % ((label,) + tuple(tot) + prf(*tot)))


if __name__ == "__main__":
    main()
