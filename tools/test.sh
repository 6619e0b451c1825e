#!/usr/bin/env bash
# The whole test suite: install what is missing, then build and run every
# test twice — a normal build and one with AddressSanitizer and
# UndefinedBehaviorSanitizer (whose tests may take five times as long).
# Exit status is non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/deps.sh

run_suite() {   # run_suite DIR TIMEOUT_MULTIPLIER [meson setup options...]
  local dir=$1 slow=$2; shift 2
  [ -d "$dir" ] || meson setup "$dir" -Dwerror_ci=true "$@" >/dev/null
  meson compile -C "$dir" >/dev/null
  meson test -C "$dir" --print-errorlogs --num-processes 2 --timeout-multiplier "$slow"
}

echo "== normal build =="
run_suite build-test 1
echo "== AddressSanitizer + UndefinedBehaviorSanitizer =="
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  run_suite build-asan 5 -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug

# The fuzz run (one process at a time) and memcheck (one process at a
# time) share the two cores: they run side by side, and the fuzz log is
# printed when both are done.
fuzz_pid=
mkdir -p tests/fuzz/out
if command -v clang >/dev/null &&
   echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; return (int)n * 0; }' |
   clang -fsanitize=fuzzer -x c - -o /dev/null 2>/dev/null; then
  bash tests/fuzz/run.sh "${CROSSREAD_FUZZ_SECONDS:-60}" >tests/fuzz/out/ci.log 2>&1 &
  fuzz_pid=$!
else
  echo "== fuzzing skipped: clang with libFuzzer is not installed (CROSSREAD_DEPS_EXTRA='clang libclang-rt-dev' tools/deps.sh)"
fi
echo "== valgrind memcheck (tools/valgrind.sh --quick) =="
vg_status=0
if command -v valgrind >/dev/null; then
  bash tools/valgrind.sh --quick || vg_status=$?
else
  echo "skipped: valgrind is not installed (CROSSREAD_DEPS_EXTRA=valgrind tools/deps.sh)"
fi
fuzz_status=0
if [ -n "$fuzz_pid" ]; then
  wait "$fuzz_pid" || fuzz_status=$?
  echo "== fuzzing: ${CROSSREAD_FUZZ_SECONDS:-60} s per harness =="
  cat tests/fuzz/out/ci.log
fi
[ "$vg_status" -eq 0 ] && [ "$fuzz_status" -eq 0 ]
