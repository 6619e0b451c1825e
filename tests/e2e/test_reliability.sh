#!/usr/bin/env bash
# Never lose data, and say so with the documented status:
# - a full standard output (/dev/full) is status 2 with a message, for every
#   subcommand and for --help and --version;
# - -o on a really full disk (a 64 KB tmpfs, mounted in a private mount
#   namespace with unshare, or directly when root) is status 2, names the
#   file, leaves an existing file intact and leaves no temporary file;
# - exit statuses (docs/reliability.md, crossread(1)): 0 success, 1 nothing
#   found (search only), 2 usage or input error.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=$here/../corpus

# ---- standard output on a full device -----------------------------------------
for args in "clean" "clean --format jsonl" "tokens --format tsv" "sentences" "entities" \
            "entities --format tsv" "claims" "claims --format jsonl" "xref" "xref --format jsonl" \
            "search OpenAI" "search -c OpenAI" "search -E Open.I --format jsonl" \
            "search --entity OpenAI"; do
  # shellcheck disable=SC2086
  "$CROSSREAD" $args "$CORPUS" >/dev/full 2>"$TMP/err" </dev/null
  st=$?
  check "$args > /dev/full: status 2 (got $st)" test "$st" -eq 2
  check "$args > /dev/full: says so" contains "$TMP/err" "write error"
done
for opt in --help --version; do
  "$CROSSREAD" $opt >/dev/full 2>"$TMP/err"
  st=$?
  check "$opt > /dev/full: status 2 (got $st)" test "$st" -eq 2
  check "$opt > /dev/full: says so" contains "$TMP/err" "write error"
done

# ---- -o on a full disk ----------------------------------------------------------------
# full_disk: runs the scenario in $TMP/disk.sh with $1 a fresh 64 KB tmpfs.
mkdir -p "$TMP/mnt"
cat > "$TMP/disk.sh" <<EOF
set -u
mount -t tmpfs -o size=64k tmpfs "$TMP/mnt" || exit 97
cd "$TMP/mnt"
echo precious > keep.txt
"$CROSSREAD" tokens --format tsv --force -o keep.txt "$CORPUS" >"$TMP/o1" 2>"$TMP/e1"
echo \$? > "$TMP/s1"
"$CROSSREAD" tokens --format tsv -o new.tsv "$CORPUS" >"$TMP/o2" 2>"$TMP/e2"
echo \$? > "$TMP/s2"
"$CROSSREAD" clean -o small.txt "$here/data/xref/pair/01_hans.txt" >"$TMP/o3" 2>"$TMP/e3"
echo \$? > "$TMP/s3"
cat keep.txt > "$TMP/keep.after"
ls -A > "$TMP/listing"
df -k . | tail -n 1 > "$TMP/df"
EOF
ran=false
if command -v unshare >/dev/null && unshare -rm bash "$TMP/disk.sh" 2>"$TMP/unshare.err"; then
  ran=true
elif [ "$(id -u)" -eq 0 ] && [ ! -s "$TMP/s1" ]; then
  # no user namespaces here: as root, mount for real and unmount after
  if bash "$TMP/disk.sh" 2>"$TMP/mount.err"; then ran=true; fi
  umount "$TMP/mnt" 2>/dev/null
fi
if $ran; then
  check "full disk, --force over a file: status 2 (got $(cat "$TMP/s1"))" test "$(cat "$TMP/s1")" = 2
  check "full disk: message names the file" grep -q "keep.txt" "$TMP/e1"
  check "full disk: message says why" grep -qi "no space" "$TMP/e1"
  check "full disk: the old file is intact" test "$(cat "$TMP/keep.after")" = precious
  check "full disk, new file: status 2" test "$(cat "$TMP/s2")" = 2
  check "full disk, new file: not created" bash -c "! grep -qx new.tsv '$TMP/listing'"
  check "full disk: no temporary file left" bash -c "! grep -q '^\\.crossread' '$TMP/listing'"
  check "small output still fits: status 0" test "$(cat "$TMP/s3")" = 0
  check "small output written" grep -qx small.txt "$TMP/listing"
else
  echo "full-disk test skipped: cannot mount a tmpfs here ($(cat "$TMP/unshare.err" "$TMP/mount.err" 2>/dev/null | head -c 200))"
fi

# ---- exit statuses ----------------------------------------------------------------------
for args in "clean" "tokens" "sentences" "entities" "claims" "xref" "search OpenAI" \
            "search -E Open.I" "search --entity OpenAI" "search -c OpenAI"; do
  # shellcheck disable=SC2086
  expect_status 0 "$args: 0 on success" "$CROSSREAD" $args "$CORPUS"
done
expect_status 0 "--help: 0" "$CROSSREAD" --help
expect_status 0 "--version: 0" "$CROSSREAD" --version
for args in "search 不存在的詞語" "search -E 不存在.詞" "search -c 不存在的詞語" \
            "search --entity 不存在的公司" "search -w OpenA"; do
  # shellcheck disable=SC2086
  expect_status 1 "$args: 1 when nothing is found" "$CROSSREAD" $args "$CORPUS"
done
check "nothing found: stdout empty" test ! -s "$TMP/out"
for args in "clean --bogus" "clean --format xml" "clean --max-size 0" "clean --color sometimes" \
            "search -E (" "search -E [a-" "clean -o"; do
  # shellcheck disable=SC2086
  expect_status 2 "$args: 2 on a usage error" "$CROSSREAD" $args "$CORPUS"
  check "$args: a message" test -s "$TMP/err"
done
expect_status 2 "search without a pattern: 2" "$CROSSREAD" search
check "search without a pattern: says so" contains "$TMP/err" "PATTERN"
printf 'ok\n\xff\n' > "$TMP/bad.txt"
expect_status 2 "bad UTF-8: 2" "$CROSSREAD" entities "$TMP/bad.txt"
check "bad UTF-8: file, line and byte" contains "$TMP/err" "bad.txt:2: byte 3:"
expect_status 2 "missing file: 2" "$CROSSREAD" claims "$TMP/none.txt"
check "missing file named" contains "$TMP/err" "none.txt"
expect_status 2 "bad file in search: 2, not 1" "$CROSSREAD" search 不存在 "$TMP/bad.txt"
expect_status 2 "-o existing file without --force: 2" "$CROSSREAD" clean -o "$TMP/bad.txt" "$CORPUS"

finish
