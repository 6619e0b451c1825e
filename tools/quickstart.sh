#!/usr/bin/env bash
# Quick start: install what is missing, build, and open the explorer on the
# bundled corpus. Extra arguments are passed to crossread.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/deps.sh
[ -d build ] || meson setup build >/dev/null
meson compile -C build >/dev/null
exec ./build/crossread "$@"
