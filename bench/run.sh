#!/usr/bin/env bash
# bench/run.sh — the pipeline benchmarks of docs/performance.md ("Pipeline
# benchmarks"), in one command:
#
#   bench/run.sh [--quick] [--full] [BUILD_DIR]      (default BUILD_DIR: build)
#
#   RUNS=N    rounds of the side-by-side comparison (default 3; medians)
#   --quick   one round, no jieba, scaling at 1 and 5 MB only
#   --full    also the 100 MB scaling point (minutes of CPU: run it rarely)
#
# Needs the raw SIGHAN 2005 test inputs (../shared/eval/segmentation, or
# CR_EVAL_DIR=dir), hyperfine-free: times come from /usr/bin/time -v.
# Builds the corpora under bench/out/ (gitignored): the 4,631-file search
# corpus (bench/search/make_corpus.py, ~18.4 MB) and scaled copies of
# 1, 5, 20 (and 100) MB. Then:
#  1. side by side, RUNS rounds, interleaved so that load on the shared
#     machine hits every tool alike: plain ICU word break (bench/pipeline/
#     icu_wb, 1 and 2 threads), crossread tokens / entities (with and
#     without the tagger; 1 and 2 threads) / claims / xref / search -c,
#     grep -rFc, jieba's cut;
#  2. stage by stage (bench/pipeline/pipe_bench) with 1 and 2 threads;
#  3. the scaling series, stage by stage, and the xref command.
# Raw measurements go to bench/out/pipeline/*.tsv, the tables to
# bench/out/pipeline/results.md and stdout.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
quick=0 full=0 build=build
for a in "$@"; do
  case $a in
    --quick) quick=1 ;;
    --full) full=1 ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) build=$a ;;
  esac
done
runs=${RUNS:-3}
[ $quick = 1 ] && runs=1
bin="$root/$build/crossread"
icu_wb="$root/$build/bench/pipeline/icu_wb"
pipe="$root/$build/bench/pipeline/pipe_bench"
for b in "$bin" "$icu_wb" "$pipe"; do
  [ -x "$b" ] || { echo "no $b: meson compile -C $build first" >&2; exit 2; }
done
eval_dir=${CR_EVAL_DIR:-$root/../shared/eval/segmentation}
out="$root/bench/out/pipeline"
mkdir -p "$out"
export CROSSREAD_DATADIR=$root LC_ALL=C.UTF-8

# ---- corpora -----------------------------------------------------------------
corpus="$root/bench/out/search"
if [ "$(ls "$corpus" 2>/dev/null | wc -l)" -ne 4631 ]; then
  python3 "$root/bench/search/make_corpus.py" "$eval_dir" "$corpus" 4631
fi
sizes="1 5 20"
[ $quick = 1 ] && sizes="1 5"
[ $full = 1 ] && sizes="$sizes 100"
for mb in $sizes; do
  d="$root/bench/out/scale/${mb}mb"
  n=$((mb * 251))       # 4,631 files are 18.4 MB: 251 files per MB
  if [ "$(ls "$d" 2>/dev/null | wc -l)" -ne $n ]; then
    python3 "$root/bench/search/make_corpus.py" "$eval_dir" "$d" $n >/dev/null
  fi
done

bytes=$(cat "$corpus"/*.txt | wc -c)
{
  echo "commit $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo +dirty)"
  echo "cpus $(nproc) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "icu $(pkg-config --modversion icu-uc 2>/dev/null || echo ?)"
  echo "corpus $(ls "$corpus" | wc -l) files $bytes bytes"
  echo "date $(date -u +%FT%TZ)"
} > "$out/machine.txt"
cat "$out/machine.txt"

# ---- 1. side by side ------------------------------------------------------------
# name, threads, command; every command reads the whole corpus and writes
# to /dev/null.
jieba_ok=0
[ $quick = 0 ] && /usr/bin/python3 -c 'import jieba' 2>/dev/null && jieba_ok=1
# name | threads | extra environment | command
cmds=(
  "icu_wb|1||$icu_wb -j 1 $corpus"
  "icu_wb|2||$icu_wb -j 2 $corpus"
  "tokens|1||$bin tokens $corpus"
  "tokens|2||$bin tokens $corpus"
  "entities|1||$bin entities $corpus"
  "entities|2||$bin entities $corpus"
  "entities, no tagger|1|CROSSREAD_NO_TAGGER=1|$bin entities $corpus"
  "entities, no tagger|2|CROSSREAD_NO_TAGGER=1|$bin entities $corpus"
  "claims|2||$bin claims $corpus"
  "xref|1||$bin xref -f tsv $corpus"
  "xref|2||$bin xref -f tsv $corpus"
  "search -c|2||$bin search -c 经济 $corpus"
  "grep -rFc|1||grep -rFc 经济 $corpus"
)
[ $jieba_ok = 1 ] && cmds+=("jieba cut|1||/usr/bin/python3 $root/bench/pipeline/jieba_cut.py $corpus")

side="$out/side.tsv"
printf 'round\tname\tthreads\twall_s\tuser_s\tsys_s\tmaxrss_kb\tload\textra\n' > "$side"
for r in $(seq 1 "$runs"); do
  for c in "${cmds[@]}"; do
    IFS='|' read -r name th envs cmd <<<"$c"
    load=$(cut -d' ' -f1 /proc/loadavg)
    # shellcheck disable=SC2086
    env CROSSREAD_THREADS=$th $envs /usr/bin/time -f '%e\t%U\t%S\t%M' -o "$out/time.tmp" \
      $cmd >/dev/null 2>"$out/stderr.tmp" || true
    extra=$(grep -m1 '^cut ' "$out/stderr.tmp" | cut -d' ' -f2 || true)   # jieba: cutting alone
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$name" "$th" "$(tail -1 "$out/time.tmp")" \
      "$load" "${extra:--}" >> "$side"
    echo "round $r: $name (threads $th): $(tail -1 "$out/time.tmp" | cut -f1) s" >&2
  done
done

# ---- 2. stage by stage, 1 and 2 threads ------------------------------------------------
stages="$out/stages.tsv"
printf 'round\tsize\tthreads\tstage\twall_ms\tcpu_ms\trss_kb\n' > "$stages"
mem="$out/memory.txt"
: > "$mem"
run_pipe() {   # run_pipe ROUND SIZE THREADS DIR
  CROSSREAD_THREADS=$3 "$pipe" "$4" > "$out/pipe.tmp"
  awk -v r="$1" -v s="$2" -v t="$3" '$1 == "stage" { printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r, s, t, $2, $4, $6, $8 }' \
    "$out/pipe.tmp" >> "$stages"
  { echo "== size $2 threads $3"; grep -v '^stage' "$out/pipe.tmp"; } >> "$mem"
}
for r in $(seq 1 "$runs"); do
  for th in 1 2; do
    run_pipe "$r" corpus "$th" "$corpus"
    echo "round $r: stages, threads $th" >&2
  done
done

# ---- 3. scaling ----------------------------------------------------------------------
# Stage by stage, then the xref command as a user runs it (one run, tokens
# released as they stop being needed: its peak RSS is the one that counts).
scale="$out/scale.tsv"
printf 'size\tbytes\twall_s\tuser_s\tsys_s\tmaxrss_kb\tload\n' > "$scale"
for mb in $sizes; do
  d="$root/bench/out/scale/${mb}mb"
  run_pipe 1 "${mb}mb" 2 "$d"
  load=$(cut -d' ' -f1 /proc/loadavg)
  CROSSREAD_THREADS=2 /usr/bin/time -f '%e\t%U\t%S\t%M' -o "$out/time.tmp" \
    "$bin" xref -f tsv "$d" >/dev/null
  printf '%s\t%s\t%s\t%s\n' "${mb}mb" "$(cat "$d"/*.txt | wc -c)" "$(tail -1 "$out/time.tmp")" \
    "$load" >> "$scale"
  echo "scaling: $mb MB" >&2
done

python3 "$here/pipeline/report.py" "$out" | tee "$out/results.md"
