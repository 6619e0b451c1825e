#!/usr/bin/env bash
# Keyword search against grep -rFc on the same files, side by side in one
# hyperfine run.
#
#   bench/search/run.sh [BUILD_DIR]        (default: build)
#
# Builds the corpus first if needed: the raw SIGHAN 2005 test inputs from
# ../shared/eval/segmentation, cut into 4 KB articles and cycled to 4,631
# files (bench/out/search, gitignored). Results go to
# bench/out/search-results.md and stdout; copy the figures into
# docs/performance.md ("Search").
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-build}
bin="$root/$build/crossread"
eval_dir=${CR_EVAL_DIR:-$root/../shared/eval/segmentation}
corpus="$root/bench/out/search"
[ -x "$bin" ] || { echo "no $bin: build first" >&2; exit 2; }
if [ "$(ls "$corpus" 2>/dev/null | wc -l)" -ne 4631 ]; then
  python3 "$here/make_corpus.py" "$eval_dir" "$corpus" 4631
fi
files=$(ls "$corpus"/*.txt | wc -l)
bytes=$(cat "$corpus"/*.txt | wc -c)
echo "corpus: $files files, $bytes bytes; $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"

# Two patterns: a common Simplified word (crossread also finds its
# Traditional form, grep only the bytes given), and a Latin word crossread
# folds for case while grep -F does not.
out="$root/bench/out/search-results.md"
: > "$out"
# crossread keeps what cleaning made of each file (the cache of cleaned
# documents, cache.h) under $XDG_CACHE_HOME: here a directory of its own.
export XDG_CACHE_HOME="$root/bench/out/cache"
rm -rf "$XDG_CACHE_HOME"
row() { # row TITLE HYPERFINE-ARGS...: one hyperfine table into $out
  local title=$1; shift
  echo "## $title, load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out"
  hyperfine -N -i --export-markdown "$out.part" "$@"
  cat "$out.part" >> "$out"
  echo >> "$out"
}
# Warm: the files in the page cache. Without the cache every run cleans;
# with it (filled by the warm-up runs) no run cleans.
for pat in 经济 wto; do
  row "warm, $pat, --no-cache" --warmup 2 --runs 10 \
    "grep -rFc $pat $corpus" "$bin search --no-cache -c $pat $corpus"
  row "warm, $pat, cache filled" --warmup 2 --runs 10 \
    "grep -rFc $pat $corpus" "$bin search -c $pat $corpus"
done
# Cold: the corpus dropped from the page cache before every run
# (evict.py: posix_fadvise on these files only, no root needed), and for
# crossread an empty cache of cleaned documents (the very first search).
evict="python3 $here/evict.py $corpus"
row "cold, 经济, cache empty" --runs 5 \
  --prepare "$evict" "grep -rFc 经济 $corpus" \
  --prepare "sh -c 'rm -rf $XDG_CACHE_HOME; $evict'" "$bin search -c 经济 $corpus"
rm -f "$out.part"
# hits found, for the record
for pat in 经济 wto; do
  g=$(grep -rFo "$pat" "$corpus" | wc -l)
  c=$("$bin" search -c "$pat" "$corpus" | awk -F: '{s += $NF} END {print s}')
  echo "$pat: grep -F finds $g, crossread search finds $c" | tee -a "$out"
done
# Interleaved medians (CPU from wait4, all threads): -c and printing lines,
# cache filled and --no-cache, a common and a rare word in both scripts.
echo "## interleaved, load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out"
python3 "$here/side_by_side.py" "$bin" "$corpus" 7 经济 經濟 微软 微軟 | tee -a "$out"
