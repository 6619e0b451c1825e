#!/usr/bin/env bash
# bench/ner/entities_speed.sh — what the tagger costs inside `crossread
# entities`, side by side with ICU word break (bench/pipeline/icu_wb).
#
#   bench/ner/entities_speed.sh [-r ROUNDS] [-n FILES] [--ref BIN DATAROOT] [BUILD_DIR]
#
# Makes (once) a corpus of FILES articles (default 1255, ~5 MB) from the
# SIGHAN test texts with bench/search/make_corpus.py (as bench/run.sh does)
# and runs, interleaved ROUNDS times (default 3), one thread each:
#   icu_wb -j 1; crossread entities; the same with CROSSREAD_NO_TAGGER=1;
#   and with --ref, another crossread binary with its own data root (e.g. a
#   build of an older commit and the model it shipped), to compare builds.
# Prints the median user+sys CPU seconds of each and the ratios to icu_wb;
# the tagger's share is entities minus entities-without-tagger. CPU time,
# not wall time: the machine is shared (docs/performance.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
rounds=3 files=1255 build=build ref_bin= ref_root=
while [ $# -gt 0 ]; do
  case $1 in
    -r) rounds=$2; shift 2 ;;
    -n) files=$2; shift 2 ;;
    --ref) ref_bin=$2 ref_root=$3; shift 3 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) build=$1; shift ;;
  esac
done
bin=$root/$build/crossread
icu_wb=$root/$build/bench/pipeline/icu_wb
eval_dir=${CR_EVAL_DIR:-$root/../shared/eval/segmentation}
corpus=$root/bench/out/ner/corpus_$files
export LC_ALL=C.UTF-8
if [ "$(ls "$corpus" 2>/dev/null | wc -l)" -ne "$files" ]; then
  python3 "$root/bench/search/make_corpus.py" "$eval_dir" "$corpus" "$files" >/dev/null
fi
bytes=$(cat "$corpus"/*.txt | wc -c)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# name|environment|command
runs=(
  "icu_wb||$icu_wb -j 1 $corpus"
  "entities|CROSSREAD_DATADIR=$root CROSSREAD_THREADS=1|$bin entities $corpus"
  "entities, no tagger|CROSSREAD_DATADIR=$root CROSSREAD_THREADS=1 CROSSREAD_NO_TAGGER=1|$bin entities $corpus"
)
[ -n "$ref_bin" ] && runs+=(
  "reference entities|CROSSREAD_DATADIR=$ref_root CROSSREAD_THREADS=1|$ref_bin entities $corpus"
  "reference, no tagger|CROSSREAD_DATADIR=$ref_root CROSSREAD_THREADS=1 CROSSREAD_NO_TAGGER=1|$ref_bin entities $corpus"
)
for r in $(seq "$rounds"); do
  for i in "${!runs[@]}"; do
    IFS='|' read -r name envs cmd <<< "${runs[$i]}"
    # shellcheck disable=SC2086
    env $envs /usr/bin/time -f '%U %S' -o "$tmp/t" $cmd > /dev/null
    awk '{print $1 + $2}' "$tmp/t" >> "$tmp/$i"
  done
done
echo "corpus: $files files, $bytes bytes; $rounds rounds, medians of CPU s (user+sys), 1 thread"
echo
echo "| run | CPU s | MB/s (CPU) | x icu_wb |"
echo "|---|---|---|---|"
base=
for i in "${!runs[@]}"; do
  IFS='|' read -r name _ _ <<< "${runs[$i]}"
  med=$(sort -n "$tmp/$i" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
  [ -z "$base" ] && base=$med
  awk -v n="$name" -v m="$med" -v b="$bytes" -v base="$base" \
    'BEGIN {printf "| %s | %.2f | %.1f | %.2f |\n", n, m, b / 1e6 / m, m / base}'
done
