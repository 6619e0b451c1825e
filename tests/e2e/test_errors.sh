#!/usr/bin/env bash
# test_errors.sh — bad input through the binary: `crossread clean FILE`
# exits 2, says "FILE:LINE: byte N: ..." on stderr and prints nothing on
# stdout; --lenient turns the same files into text with U+FFFD (exit 0).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

# refuse NAME LINE BYTE: clean must fail on $TMP/NAME with that position.
refuse() {
  local f=$TMP/$1 line=$2 byte=$3
  expect_status 2 "$1: exit status" "$CROSSREAD" clean "$f"
  check "$1: stdout empty" test ! -s "$TMP/out"
  check "$1: message names file, line and byte" contains "$TMP/err" "$f:$line: byte $byte: "
  check "$1: one line on stderr" test "$(wc -l < "$TMP/err")" -eq 1
}
# lenient NAME N: with --lenient, exit 0 and N replacement characters.
lenient() {
  local f=$TMP/$1
  expect_status 0 "$1 --lenient: exit status" "$CROSSREAD" clean --lenient "$f"
  check "$1 --lenient: $2 x U+FFFD" test "$(grep -o $'\xef\xbf\xbd' "$TMP/out" | wc -l)" -eq "$2"
  check "$1 --lenient: stderr empty" test ! -s "$TMP/err"
}

printf '標題\n\n第一段有\xff壞字節。\n'      > "$TMP/ff.txt"
printf 'a\nb\nc\xc0\x80d\n'                  > "$TMP/overlong2.txt"
printf 'x\n\xe0\x80\x80\n'                   > "$TMP/overlong3.txt"
printf 'ok\nok\n\xed\xa0\x80\n'              > "$TMP/surrogate.txt"
printf '標題\n\n結尾被截斷\xe4\xb8'           > "$TMP/truncated.txt"
printf 'abc\n\x00def\n'                      > "$TMP/nul.txt"

refuse ff.txt 3 20
refuse overlong2.txt 3 5
refuse overlong3.txt 2 2
refuse surrogate.txt 3 6
refuse truncated.txt 3 23
refuse nul.txt 2 4
check "NUL is named" contains "$TMP/err" "NUL byte"
check "NUL: suggests --lenient" contains "$TMP/err" "--lenient"
expect_status 2 "ff again" "$CROSSREAD" clean "$TMP/ff.txt"
check "invalid UTF-8 is named" contains "$TMP/err" "invalid UTF-8 (byte 0xFF)"
check "invalid UTF-8: suggests --lenient" contains "$TMP/err" "--lenient"

lenient ff.txt 1
lenient overlong2.txt 2
lenient overlong3.txt 3
lenient surrogate.txt 3
lenient truncated.txt 1
lenient nul.txt 1

# The first bad file stops a run over several; nothing is printed for the
# good one before it.
printf '標題\n\n好的內容。\n' > "$TMP/good.txt"
expect_status 2 "good then bad" "$CROSSREAD" clean "$TMP/good.txt" "$TMP/ff.txt"
check "good then bad: stdout empty" test ! -s "$TMP/out"
check "good then bad: names the bad file" contains "$TMP/err" "$TMP/ff.txt:3: byte 20: "

# Size cap.
head -c 5000 /dev/zero | tr '\0' 'a' > "$TMP/big.txt"
expect_status 2 "over the cap" "$CROSSREAD" clean --max-size 4999 "$TMP/big.txt"
check "over the cap: stdout empty" test ! -s "$TMP/out"
check "over the cap: message" contains "$TMP/err" "$TMP/big.txt: byte 4999: file is larger than the 4999-byte cap"
expect_status 0 "at the cap" "$CROSSREAD" clean --max-size 5000 "$TMP/big.txt"
expect_status 2 "--lenient keeps the cap" "$CROSSREAD" clean --lenient --max-size 10 "$TMP/big.txt"

# Files that cannot be read.
expect_status 2 "missing file" "$CROSSREAD" clean "$TMP/missing.txt"
check "missing file: named" contains "$TMP/err" "$TMP/missing.txt"
check "missing file: stdout empty" test ! -s "$TMP/out"
expect_status 2 "path under a file" "$CROSSREAD" clean "$TMP/good.txt/x.txt"
check "path under a file: named" contains "$TMP/err" "$TMP/good.txt/x.txt"
if [ "$(id -u)" -ne 0 ]; then
  printf 'x\n' > "$TMP/noread.txt"; chmod 000 "$TMP/noread.txt"
  expect_status 2 "unreadable" "$CROSSREAD" clean "$TMP/noread.txt"
  check "unreadable: says why" contains "$TMP/err" "Permission denied"
fi

# Accepted: BOM and CRLF; the output has neither.
printf '\xef\xbb\xbf標題\r\n\r\n正文第一句。\r\n' > "$TMP/bom.txt"
expect_status 0 "BOM + CRLF" "$CROSSREAD" clean "$TMP/bom.txt"
check "BOM + CRLF: text" test "$(cat "$TMP/out")" = "$(printf '標題\n\n正文第一句。')"
check "BOM + CRLF: no CR" test "$(tr -cd '\r' < "$TMP/out" | wc -c)" -eq 0
check "BOM + CRLF: no BOM" test "$(grep -c $'\xef\xbb\xbf' "$TMP/out")" -eq 0

finish
