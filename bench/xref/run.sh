#!/usr/bin/env bash
# run.sh — the cross-reference benchmark. From the source root, after
# `meson compile -C build`:
#     bench/xref/run.sh [BUILD_DIR]
# 1. the bundled pair: the whole `crossread xref` command (best of 10) and
#    the xref stage alone (bench_xref, best and median of 20 runs);
# 2. 200 generated articles of about 4 KB (gen.awk, fixed seed), all 19,900
#    pairs: the whole command and the xref stage alone.
# Targets: bundled pair under 50 ms; 200 articles under 10 s.
set -eu
build=${1:-build}
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cr="$build/crossread"
export CROSSREAD_DATADIR="$root"
mkdir -p "$tmp/gen"
LC_ALL=C awk -v n=200 -v out="$tmp/gen" -f "$root/bench/xref/gen.awk"
cc -O2 -std=c17 -D_GNU_SOURCE -o "$tmp/bench_xref" "$root/bench/xref/bench_xref.c" \
    -I"$root/src/core" -I"$build" "$build/libcrossread_core.a" \
    $(pkg-config --cflags --libs icu-uc icu-i18n libpcre2-8) -lm -lpthread

best_of() {   # runs command N times, prints the fastest wall time in ms
    local n=$1; shift
    local best=
    for _ in $(seq "$n"); do
        local a b
        a=$(date +%s%N); "$@" >/dev/null; b=$(date +%s%N)
        local ms=$(( (b - a) / 1000000 ))
        if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
    done
    echo "$best"
}

echo "== bundled pair (corpus/)"
echo "crossread xref, whole command: $(best_of 10 "$cr" xref --format tsv "$root/corpus") ms (best of 10)"
"$tmp/bench_xref" --runs 20 "$root/corpus"
echo
echo "== 200 generated articles, $(du -sb "$tmp/gen" | cut -f1) bytes"
echo "crossread xref, whole command: $(best_of 1 "$cr" xref --format tsv --lexicon "$tmp/gen/lexicon.tsv" "$tmp/gen") ms"
"$tmp/bench_xref" --runs 3 --lexicon "$tmp/gen/lexicon.tsv" "$tmp/gen"
