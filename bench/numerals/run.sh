#!/bin/sh
# Run crossread's numeral parser over the cn2an and nzh test cases.
#   bench/numerals/run.sh [EVAL_DIR]     (default: ../shared/eval/numerals)
# Prints pass counts, then every failing or skipped row with the reason.
set -e
here=$(cd "$(dirname "$0")/../.." && pwd)
eval_dir=${1:-$here/../shared/eval/numerals}
meson compile -C "$here/build" bench_numerals >/dev/null
CROSSREAD_DATADIR=$here exec "$here/build/bench/numerals/bench_numerals" "$eval_dir"
