#!/usr/bin/env bash
# Memcheck over the end-to-end tests:
#     tools/valgrind.sh [--quick] [NAME...]
# runs tests/e2e/test_NAME.sh (default: every e2e test but tui, whose tmux
# timing does not survive a 20x slower binary) with $CROSSREAD pointing at a
# wrapper that runs the real binary under valgrind --leak-check=full. Any
# memcheck error or definite/possible leak in any run fails the whole run;
# each is kept in build-vg/valgrind/vg.PID.log. --quick is the subset CI
# runs (cli, errors, golden, reliability, and test_hostile on nine of its
# small files); the full run takes over an hour: see docs/reliability.md
# for the figures. Builds build-vg (-O1 -g) if needed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
command -v valgrind >/dev/null || { echo "valgrind: not installed (apt-get install valgrind)" >&2; exit 2; }
quick=false
if [ "${1:-}" = --quick ]; then quick=true; shift; fi
names=("$@")
if [ ${#names[@]} -eq 0 ] && $quick; then
  # every subcommand and output format, the error paths, -o and a full
  # disk, and the hostile cases that reach the most code per run
  names=(cli errors golden reliability hostile)
  export HOSTILE_ONLY=${HOSTILE_ONLY:-"escapes bom_crlf tabs_ambiguous numeral_overflow numeral_digits nested_parens empty whitespace bad_byte"}
elif [ ${#names[@]} -eq 0 ]; then
  for s in tests/e2e/test_*.sh; do
    n=${s#tests/e2e/test_}; n=${n%.sh}
    [ "$n" = tui ] && continue
    names+=("$n")
  done
fi

if [ ! -d build-vg ]; then
  meson setup build-vg -Dwerror_ci=true -Dbuildtype=debugoptimized -Doptimization=1 >/dev/null
fi
meson compile -C build-vg crossread >/dev/null
logs=$root/build-vg/valgrind
rm -rf "$logs"
mkdir -p "$logs"
wrapper=$logs/crossread
: >"$logs/runs"
cat >"$wrapper" <<EOF
#!/bin/sh
echo >>"$logs/runs"
exec valgrind -q --error-exitcode=99 --leak-check=full \\
  --show-leak-kinds=definite,possible --errors-for-leak-kinds=definite,possible \\
  --log-file="$logs/vg.%p.log" "$root/build-vg/crossread" "\$@"
EOF
chmod +x "$wrapper"

# The environment tests/meson.build gives the e2e tests.
export CROSSREAD=$wrapper CROSSREAD_DATADIR=$root LANG=C.UTF-8
# valgrind cannot follow PCRE2's JIT code (false "uninitialised" reports)
export CROSSREAD_NO_JIT=1
export CR_TEST_DATA=$root/tests/data CR_GOLDEN=$root/tests/golden
export HOSTILE_TIMEOUT=${HOSTILE_TIMEOUT:-900}
status=0
start=$(date +%s)
for n in "${names[@]}"; do
  t0=$(date +%s)
  if bash "tests/e2e/test_$n.sh" >"$logs/e2e_$n.log" 2>&1; then r=ok; else r=FAILED; status=1; fi
  echo "valgrind: e2e_$n $r in $(( $(date +%s) - t0 ))s ($(tail -n 1 "$logs/e2e_$n.log"))"
done
# An empty log is a clean run; anything else is an error or a leak.
find "$logs" -name 'vg.*.log' -empty -delete
runs=$(find "$logs" -name 'vg.*.log' | wc -l)
total=$(wc -l <"$logs/runs")
if [ "$runs" -gt 0 ]; then
  status=1
  echo "valgrind: $runs run(s) with memcheck errors or leaks:"
  for f in "$logs"/vg.*.log; do echo "--- $f"; head -40 "$f"; done
else
  echo "valgrind: $total runs of crossread, no memcheck errors and no leaks ($(( $(date +%s) - start ))s)"
fi
exit $status
