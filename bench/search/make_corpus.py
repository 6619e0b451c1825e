#!/usr/bin/env python3
"""Build the search benchmark corpus from the raw SIGHAN 2005 test inputs.

Reads ../shared/eval/segmentation/*_test.utf8 (the unsegmented inputs: real
Simplified and Traditional news text), cuts the text into articles of at
most 4 KB at line boundaries (first line = title), and cycles through it
until N files exist. Output goes to a directory outside git (bench/out/ is
gitignored). Nothing from the data is copied into the repository.

usage: make_corpus.py EVAL_DIR OUT_DIR [N_FILES]
"""
import os
import sys

def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    src, out = sys.argv[1], sys.argv[2]
    n_files = int(sys.argv[3]) if len(sys.argv) > 3 else 4631
    names = sorted(f for f in os.listdir(src) if f.endswith("_test.utf8"))
    if not names:
        sys.exit(f"no *_test.utf8 in {src}")
    lines = []
    for name in names:
        with open(os.path.join(src, name), encoding="utf-8-sig") as f:
            lines += [l.rstrip("\r\n") for l in f if l.strip()]
    os.makedirs(out, exist_ok=True)
    for old in os.listdir(out):
        if old.endswith(".txt"):
            os.remove(os.path.join(out, old))
    made, i, total = 0, 0, 0
    while made < n_files:
        art, size = [], 0
        while True:
            line = lines[i % len(lines)]
            b = len(line.encode("utf-8")) + 1
            if art and size + b > 4096:
                break
            art.append(line)
            size += b
            i += 1
        data = "\n".join(art) + "\n"
        with open(os.path.join(out, f"{made:05d}.txt"), "w", encoding="utf-8") as f:
            f.write(data)
        total += len(data.encode("utf-8"))
        made += 1
    print(f"{made} files, {total} bytes in {out}")

main()
