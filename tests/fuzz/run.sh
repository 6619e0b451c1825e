#!/usr/bin/env bash
# Run the fuzz harnesses: tests/fuzz/run.sh [SECONDS per harness] [NAME...]
# Builds build-fuzz with clang, libFuzzer, ASan and UBSan if needed. New
# inputs go to tests/fuzz/out/NAME (gitignored); crashes to
# tests/fuzz/out/crash-NAME-*. Seeds come from tests/fuzz/seeds/NAME and
# the bundled corpus.
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-60}; shift || true
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(clean numerals extract pipeline search lexicon)
command -v clang >/dev/null || { echo "fuzz: clang is needed (apt-get install clang)" >&2; exit 2; }
if [ ! -d build-fuzz ]; then
  CC=clang meson setup build-fuzz -Dfuzz=true -Db_sanitize=address,undefined \
    -Db_lundef=false -Dbuildtype=debugoptimized >/dev/null
fi
targets=()
for n in "${names[@]}"; do targets+=("fuzz_$n"); done
meson compile -C build-fuzz "${targets[@]}" >/dev/null   # the harnesses only
status=0
for n in "${names[@]}"; do
  bin=build-fuzz/tests/fuzz/fuzz_$n
  [ -x "$bin" ] || { echo "fuzz: no harness $n"; continue; }
  mkdir -p "tests/fuzz/out/$n"
  seeds=(tests/fuzz/seeds/$n)
  [ "$n" = numerals ] || seeds+=(corpus)
  # The whole-pipeline harnesses cost about 150 ms per 30 KB input under
  # ASan: inputs of at most 8 KB keep them near 20 runs a second (long
  # inputs are the hostile suite's job). FUZZ_MAX_LEN overrides.
  case $n in extract|pipeline|search) max_len=8192;; *) max_len=65536;; esac
  max_len=${FUZZ_MAX_LEN:-$max_len}
  echo "== fuzz_$n for ${secs}s (inputs up to $max_len bytes)"
  UBSAN_OPTIONS=halt_on_error=1 "$bin" -max_total_time="$secs" -max_len="$max_len" \
    -timeout=10 -rss_limit_mb=2048 -artifact_prefix="tests/fuzz/out/crash-$n-" \
    -print_final_stats=1 "tests/fuzz/out/$n" "${seeds[@]}" 2>"tests/fuzz/out/$n.log" \
    || { status=1; echo "fuzz_$n FOUND A PROBLEM: see tests/fuzz/out/$n.log"; tail -30 "tests/fuzz/out/$n.log"; }
  grep -E 'stat::number_of_executed_units|cov:' "tests/fuzz/out/$n.log" | tail -2
done
exit $status
