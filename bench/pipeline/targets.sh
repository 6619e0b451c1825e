#!/usr/bin/env bash
# bench/pipeline/targets.sh — the issue-#8 targets in ~2 minutes: the
# commands of bench/run.sh that the targets name, interleaved over RUNS
# rounds (default 3) on the 18.4 MB corpus, median wall, CPU (user+sys)
# and peak RSS of each; jieba's cut once (Debian's python3-jieba, so the
# system python). Needs `meson compile -C build`; writes bench/out/targets/.
#   bash bench/pipeline/targets.sh [RUNS]
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-3}
c=$root/bench/out/search b=$root/build out=$root/bench/out/targets
eval_dir=${CR_EVAL_DIR:-$root/../shared/eval/segmentation}
[ -d "$c" ] || python3 "$root/bench/search/make_corpus.py" "$eval_dir" "$c" 4631
export CROSSREAD_DATADIR=$root LC_ALL=C.UTF-8
rm -rf "$out" && mkdir -p "$out"
cr=$b/crossread
cmds=("icu_wb, 1 thread|env CROSSREAD_THREADS=1 $b/bench/pipeline/icu_wb -j 1 $c"
      "icu_wb, 2 threads|$b/bench/pipeline/icu_wb -j 2 $c"
      "tokens, 1 thread|env CROSSREAD_THREADS=1 $cr tokens $c"
      "entities, 1 thread|env CROSSREAD_THREADS=1 $cr entities -f tsv $c"
      "entities, 2 threads|env CROSSREAD_THREADS=2 $cr entities -f tsv $c"
      "entities no tagger, 1 thread|env CROSSREAD_THREADS=1 CROSSREAD_NO_TAGGER=1 $cr entities -f tsv $c"
      "claims, 2 threads|env CROSSREAD_THREADS=2 $cr claims -f tsv $c"
      "xref -f tsv, 2 threads|env CROSSREAD_THREADS=2 $cr xref -f tsv $c"
      "xref (text), 2 threads|env CROSSREAD_THREADS=2 $cr xref $c")
for ((r = 0; r < runs; r++)); do
  for i in "${!cmds[@]}"; do
    /usr/bin/time -f '%e %U %S %M' -o "$out/t" ${cmds[$i]#*|} >/dev/null 2>"$out/err" ||
      { echo "failed: ${cmds[$i]#*|}" >&2; tail -3 "$out/err" >&2; exit 1; }
    tail -1 "$out/t" | awk '{printf "%s %.2f %.1f\n", $1, $2 + $3, $4 / 1024}' >> "$out/$i"
  done
done
n=${#cmds[@]}
cmds+=("jieba cut, 1 thread|/usr/bin/python3 $root/bench/pipeline/jieba_cut.py $c")
if /usr/bin/python3 -c 'import jieba' 2>/dev/null; then
  /usr/bin/time -f '%e %U %S %M' -o "$out/t" ${cmds[$n]#*|} >/dev/null 2>"$out/err"
  tail -1 "$out/t" | awk '{printf "%s %.2f %.1f\n", $1, $2 + $3, $4 / 1024}' > "$out/$n"
fi
mb=$(find "$c" -name "*.txt" -exec cat {} + | wc -c | awk '{printf "%.1f", $1 / 1048576}')
echo "| command | wall s | CPU s | peak RSS MiB | RSS / input ($mb MiB) | rounds |"
echo "|---|---|---|---|---|---|"
for i in "${!cmds[@]}"; do
  [ -f "$out/$i" ] || continue
  sort -k2 -n "$out/$i" | awk -v name="${cmds[$i]%%|*}" -v mb="$mb" \
    '{w[NR] = $1; c[NR] = $2; m[NR] = $3}
     END {k = int((NR + 1) / 2); printf "| %s | %.2f | %.2f | %.0f | %.1fx | %d |\n", name, w[k], c[k], m[k], m[k] / mb, NR}'
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
