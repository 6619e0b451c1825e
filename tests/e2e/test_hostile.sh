#!/usr/bin/env bash
# Every subcommand on every hostile input: bounded time, a clean result or
# status 2 with a message naming the file, and never a raw control
# character (or invalid JSON) on standard output.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")/.." && pwd)
H="$TMP/hostile"
bash "$here/data/hostile/make.sh" "$H" >/dev/null
LIMIT=${HOSTILE_TIMEOUT:-60}

verify_output() { # verify_output FORMAT FILE
  python3 - "$1" "$2" <<'PY'
import json, re, sys
fmt, path = sys.argv[1], sys.argv[2]
data = open(path, 'rb').read()
text = data.decode('utf-8', errors='strict')          # output must be UTF-8
bad = re.search('[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]', text)
if bad:
    sys.exit('raw control character U+%04X at %d' % (ord(bad.group()), bad.start()))
if fmt == 'jsonl':
    for n, line in enumerate(text.splitlines(), 1):
        json.loads(line)
if fmt == 'tsv' and text:
    lines = text.split('\n')
    width = len(lines[0].split('\t'))
    for n, line in enumerate(lines[1:-1], 2):
        if len(line.split('\t')) != width:
            sys.exit('tsv line %d has %d fields, header has %d' % (n, len(line.split('\t')), width))
PY
}

run_case() { # run_case FILE ARGS...
  local f=$1; shift
  local name; name=$(basename "$f")
  local fmt=text
  case " $* " in *" jsonl "*) fmt=jsonl;; *" tsv "*) fmt=tsv;; esac
  timeout "$LIMIT" "$CROSSREAD" "$@" "$f" >"$TMP/out" 2>"$TMP/err" </dev/null
  local st=$?
  case $st in
    0|1) ;;
    2) if ! grep -q "$name" "$TMP/err"; then bad "$name $*: status 2 but the message does not name the file: $(head -c 200 "$TMP/err")"; return; fi ;;
    124) bad "$name $*: did not finish within ${LIMIT}s"; return ;;
    *) bad "$name $*: status $st (crash?) $(head -c 300 "$TMP/err")"; return ;;
  esac
  if [ "$st" -eq 1 ] && [ "$1" != search ]; then bad "$name $*: status 1 outside search"; return; fi
  if err=$(verify_output "$fmt" "$TMP/out" 2>&1); then ok; else bad "$name $*: $err"; fi
}

for f in "$H"/*.txt; do
  for args in "clean" "clean --format jsonl" "clean --lenient" "tokens --format tsv" \
              "sentences --format jsonl" "entities --format jsonl" "entities --format tsv" \
              "entities" "claims --format jsonl" "xref --format jsonl" \
              "search OpenAI" "search -E 微.|\\d+ --format jsonl" "search --lenient -c 微軟"; do
    # shellcheck disable=SC2086
    run_case "$f" $args
  done
done

# Length bounds (docs/reliability.md): no claim is longer than 4096 bytes,
# and one 1.3 MB sentence naming a company 100,000 times is cross-referenced
# in seconds (it was quadratic in mentions per claim: 67 s).
claim_max() { python3 -c 'import json,sys; print(max([json.loads(l)["end"]-json.loads(l)["start"] for l in sys.stdin] or [0]))' <"$TMP/out"; }
for f in long_line long_claim repeated_clause pinyin_orphans; do
  expect_status 0 "$f: claims" timeout "$LIMIT" "$CROSSREAD" claims --format jsonl "$H/$f.txt"
  check "$f: no claim over 4096 bytes ($(claim_max))" test "$(claim_max)" -le 4096
done
expect_status 0 "xref on one huge sentence in bounded time" timeout 15 "$CROSSREAD" xref "$H/repeated_clause.txt"

# Errors that must be reported with file, line and byte offset.
for f in bad_byte overlong2 overlong3 surrogate truncated_end nul; do
  expect_status 2 "$f rejected" "$CROSSREAD" clean "$H/$f.txt"
  check "$f: message has line and byte" grep -qE "$f.txt:[0-9]+: byte [0-9]+:" "$TMP/err"
  check "$f: nothing on stdout" test ! -s "$TMP/out"
done
expect_status 0 "--lenient accepts bad bytes" "$CROSSREAD" clean --lenient "$H/bad_byte.txt"
check "U+FFFD in place of the bad byte" contains "$TMP/out" "�"
expect_status 2 "size cap" "$CROSSREAD" clean --max-size 1000 "$H/long_line.txt"
check "size cap message" contains "$TMP/err" "cap"

# A directory of thousands of tiny files.
expect_status 0 "3000 tiny files" timeout "$LIMIT" "$CROSSREAD" entities --format tsv "$H/many"
check "every tiny file read" test "$(cut -f1 "$TMP/out" | sort -u | grep -c many/)" -ge 3000 -o "$(grep -c . "$TMP/out")" -ge 1
expect_status 1 "search in tiny files: nothing" timeout "$LIMIT" "$CROSSREAD" search 不存在的詞 "$H/many"

# An unreadable file: /proc/self/mem reads fail with EIO even for root.
expect_status 2 "read error" "$CROSSREAD" clean /proc/self/mem
check "read error named" contains "$TMP/err" "/proc/self/mem"
# A file that is written while it is read (a FIFO fed slowly).
mkfifo "$TMP/fifo.txt"
( printf '微軟'; sleep 0.2; printf '投資100億美元。\n' ) > "$TMP/fifo.txt" &
expect_status 0 "file written while read" timeout 20 "$CROSSREAD" clean "$TMP/fifo.txt"
check "all of it read" contains "$TMP/out" "投資"
wait

finish
