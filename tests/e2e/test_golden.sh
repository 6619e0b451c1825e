#!/usr/bin/env bash
# test_golden.sh — `crossread clean` on each bundled article against its
# golden file, tests/golden/clean_ID.txt, and `clean --removed -f tsv`
# against tests/golden/clean_ID.removed.tsv (what the cleaner took out and
# why). Token goldens (tokens_ID.tsv) live beside them and are checked by
# test_tokens.sh.
#   APPROVE=1 CROSSREAD=build/crossread bash tests/e2e/test_golden.sh
# rewrites the golden files; read the diff (git diff tests/golden) before
# committing: the text must read like the article and nothing else.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
root=$(cd "$here/../.." && pwd)
golden=${CR_GOLDEN:-$root/tests/golden}
corpus=$root/corpus

ids=$(awk -F'\t' 'NR > 1 && $1 !~ /^#/ && NF >= 2 {print $1 "\t" $2}' "$corpus/manifest.tsv")
check "articles listed in the manifest" test -n "$ids"

# compare NAME FILE: FILE against tests/golden/NAME (or approve it).
compare() {
  local name=$1 got=$2
  if [ "${APPROVE:-0}" = 1 ]; then
    mkdir -p "$golden"
    cp "$got" "$golden/$name"
    echo "approved $golden/$name"
    ok
  elif [ ! -f "$golden/$name" ]; then
    bad "$name: no golden file (run with APPROVE=1 and review it)"
  elif diff -u "$golden/$name" "$got" > "$TMP/diff"; then
    ok
  else
    bad "$name differs from tests/golden/$name (if the change is right:" \
        "APPROVE=1 CROSSREAD=build/crossread bash tests/e2e/test_golden.sh)"
    head -40 "$TMP/diff" >&2
  fi
}

while IFS=$'\t' read -r id file; do
  [ -n "$id" ] || continue
  expect_status 0 "clean $file" "$CROSSREAD" clean "$corpus/$file"
  cp "$TMP/out" "$TMP/clean_$id.txt"
  compare "clean_$id.txt" "$TMP/clean_$id.txt"
  # Shape, whatever the golden says: a title line, then paragraphs split by
  # exactly one blank line; no CR, no tags, no line that is only spaces.
  check "$id: title line" test -n "$(head -1 "$TMP/clean_$id.txt")"
  check "$id: blank second line" test -z "$(sed -n 2p "$TMP/clean_$id.txt")"
  check "$id: no double blank lines" test "$(awk 'prev == "" && $0 == "" && NR > 1 {n++} {prev = $0} END {print n + 0}' "$TMP/clean_$id.txt")" -eq 0
  check "$id: no CR" test "$(tr -cd '\r' < "$TMP/clean_$id.txt" | wc -c)" -eq 0
  check "$id: no tags" test "$(grep -c '</\?[a-z][a-z0-9]*>' "$TMP/clean_$id.txt")" -eq 0
  check "$id: paragraphs once" test "$(grep -v '^$' "$TMP/clean_$id.txt" | sort | uniq -d | wc -l)" -eq 0
  expect_status 0 "clean --removed $file" "$CROSSREAD" clean --removed -f tsv "$corpus/$file"
  cp "$TMP/out" "$TMP/clean_$id.removed.tsv"
  check "$id: removed header" test "$(head -1 "$TMP/out")" = "$(printf 'doc\tstart\tend\treason\trule\ttext')"
  check "$id: removed rows well formed" awk -F'\t' -v id="$id" 'NR > 1 && (NF != 6 || $1 != id || $3 <= $2 || $4 !~ /^(pinyin|html|duplicate|furniture)$/) { exit 1 }' "$TMP/out"
  compare "clean_$id.removed.tsv" "$TMP/clean_$id.removed.tsv"
done <<<"$ids"

# The other formats of --removed carry the same rows.
expect_status 0 "clean --removed (text)" "$CROSSREAD" clean --removed "$corpus"
check "text rows: id:start-end: reason/rule: text" \
  awk '!/^[^:]+:[0-9]+-[0-9]+: (pinyin|html|duplicate|furniture)\/[a-z-]+: / { exit 1 }' "$TMP/out"
n_text=$(wc -l < "$TMP/out")
expect_status 0 "clean --removed (jsonl)" "$CROSSREAD" clean --removed -f jsonl "$corpus"
check "jsonl rows" awk '!/^\{"doc":"[^"]*","start":[0-9]+,"end":[0-9]+,"reason":"[a-z]+","rule":"[a-z-]+","text":".*"\}$/ { exit 1 }' "$TMP/out"
check "jsonl and text agree" test "$(wc -l < "$TMP/out")" -eq "$n_text"

finish
