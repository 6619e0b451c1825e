#!/usr/bin/env bash
# CPU of `crossread tokens` and `entities` (no tagger) against plain ICU
# word break (bench/pipeline/icu_wb) over the pipeline corpus, one thread,
# interleaved round-robin, medians of RUNS rounds (user + system CPU, so the
# ratios hold on a loaded machine). With BASE, the same commands of another
# crossread binary (e.g. main before a change) run in the same rounds.
#
# usage: bench/seg/pipe_ratio.sh [RUNS [BASE_BINARY]]     (after meson compile -C build)
# BASE_DATADIR=dir: the data directory for BASE (a checkout of its commit),
# when data/ changed since in a way an older binary cannot read.
# The corpus is bench/out/search (bench/search/make_corpus.py, 18.4 MB).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-3}
base=${2:-}
build=${BUILD:-build}
corpus="$root/bench/out/search"
eval_dir=${CR_EVAL_DIR:-$root/../shared/eval/segmentation}
[ -d "$corpus" ] || python3 "$root/bench/search/make_corpus.py" "$eval_dir" "$corpus" 4631
export CROSSREAD_DATADIR=$root LC_ALL=C.UTF-8 CROSSREAD_THREADS=1
bin="$root/$build/crossread"
cmds=("icu_wb|$root/$build/bench/pipeline/icu_wb -j 1 $corpus"
      "tokens|$bin tokens $corpus"
      "entities, no tagger|env CROSSREAD_NO_TAGGER=1 $bin entities $corpus")
if [ -n "$base" ]; then
  bd=${BASE_DATADIR:+CROSSREAD_DATADIR=$BASE_DATADIR}
  cmds+=("tokens (base)|env $bd $base tokens $corpus"
         "entities, no tagger (base)|env $bd CROSSREAD_NO_TAGGER=1 $base entities $corpus")
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for ((r = 0; r < runs; r++)); do
  for i in "${!cmds[@]}"; do
    /usr/bin/time -f '%U %S' -o "$tmp/t" ${cmds[$i]#*|} >/dev/null 2>"$tmp/err" ||
      { echo "failed: ${cmds[$i]#*|}" >&2; tail -3 "$tmp/err" >&2; exit 1; }
    awk '{print $1 + $2}' "$tmp/t" | tail -1 >> "$tmp/$i"
  done
done
echo "| command | CPU s (median of $runs) | ratio to icu_wb | runs |"
echo "|---|---|---|---|"
ref=
for i in "${!cmds[@]}"; do
  med=$(sort -n "$tmp/$i" | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}')
  ref=${ref:-$med}
  printf '| %s | %.2f | %.2f | %s |\n' "${cmds[$i]%%|*}" "$med" "$(echo "$med / $ref" | bc -l)" "$(tr '\n' ' ' < "$tmp/$i")"
done
