#!/usr/bin/env bash
# Does the cleaner of this build give exactly the output of an older
# revision? For changes meant only to make it faster.
#
#   bench/search/clean_equiv.sh [REV] [BUILD_DIR] [PATH...]
#
# REV (default main) is exported with git archive into a temporary
# directory and its core library built there; clean_check.c from this tree
# is compiled against it, and both clean every document under the PATHs
# (default: the bundled corpus, the cleaner's fuzz seeds, and the search
# and noisy benchmark corpora when they exist: make_corpus.py,
# make_noisy.py). Prints the documents whose digest (cleaned text, title,
# offset map, removed and damage spans) differs; exit 1 if any does.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
rev=${1:-main}
build=${2:-build}
shift $(( $# >= 2 ? 2 : $# ))
paths=("$@")
if [ ${#paths[@]} -eq 0 ]; then
  paths=("$root/corpus" "$root/tests/fuzz/seeds/clean")
  for d in "$root/bench/out/search" "$root/bench/out/noisy"; do
    [ -d "$d" ] && paths+=("$d")
  done
fi
new="$root/$build/bench/search/clean_check"
[ -x "$new" ] || { echo "no $new: build first" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git -C "$root" archive "$rev" | tar -x -C "$tmp"
meson setup "$tmp/build" "$tmp" >/dev/null
ninja -C "$tmp/build" libcrossread_core.a >/dev/null
cc -O2 -D_GNU_SOURCE -I"$tmp/src/core" "$here/clean_check.c" \
   "$tmp/build/libcrossread_core.a" \
   $(pkg-config --libs icu-uc icu-i18n libpcre2-8) -lpthread -lm -o "$tmp/clean_check_old"
"$tmp/clean_check_old" -v "${paths[@]}" > "$tmp/old.txt"
"$new" -v "${paths[@]}" > "$tmp/new.txt"
tail -1 "$tmp/old.txt" | sed "s/^/$rev: /"
tail -1 "$tmp/new.txt" | sed "s/^/this build: /"
if diff <(head -n -1 "$tmp/old.txt") <(head -n -1 "$tmp/new.txt") > "$tmp/diff.txt"; then
  echo "identical output for every document"
else
  grep '^>' "$tmp/diff.txt" | cut -c20- | sed 's/^/differs: /'
  exit 1
fi
