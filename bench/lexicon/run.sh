#!/usr/bin/env bash
# run.sh — lexicon speed on ~20 MB of Chinese news text: the four SIGHAN
# 2005 test inputs (../shared/eval/segmentation, read at run time, never
# copied) concatenated and repeated.
#   bash bench/lexicon/run.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
eval_dir=${CR_EVAL:-$root/../shared/eval}/segmentation
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat "$eval_dir"/{pku,msr,cityu,as}_test.utf8 > "$tmp/news.txt"
size=$(stat -c %s "$tmp/news.txt")
rep=$(( (20000000 + size - 1) / size ))
CROSSREAD_DATADIR=$root "$build/bench/lexicon/lex_bench" "$tmp/news.txt" "$rep"
