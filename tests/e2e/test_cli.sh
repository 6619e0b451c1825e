#!/usr/bin/env bash
# The command line contract: help, version, usage errors, output files.
. "$(dirname "$0")/lib.sh"

expect_status 0 "--help" "$CROSSREAD" --help
check "help lists commands" contains "$TMP/out" "entities"
check "help names exit statuses" contains "$TMP/out" "Exit status"
expect_status 0 "--version" "$CROSSREAD" --version
check "version printed" grep -qE '^crossread [0-9]+\.[0-9]+' "$TMP/out"

expect_status 2 "unknown option" "$CROSSREAD" clean --no-such-option
check "unknown option message" contains "$TMP/err" "unknown option"
expect_status 2 "bad format" "$CROSSREAD" clean --format xml
check "bad format names it" contains "$TMP/err" "xml"
expect_status 2 "missing argument" "$CROSSREAD" clean -o
expect_status 2 "bad --max-size" "$CROSSREAD" clean --max-size -5
expect_status 2 "missing file" "$CROSSREAD" clean "$TMP/nope.txt"
check "missing file named" contains "$TMP/err" "$TMP/nope.txt"

# The bundled corpus is used when no file is named.
expect_status 0 "clean bundled corpus" "$CROSSREAD" clean
check "both bundled documents" test "$(grep -c '^==> ' "$TMP/out")" -eq 2

# Files and directories, in the order given; directories recursively.
mkdir -p "$TMP/d/sub"
printf '第一篇\n\n內容一。\n' > "$TMP/d/b.txt"
printf '第二篇\n\n內容二。\n' > "$TMP/d/sub/a.txt"
printf 'not text\n' > "$TMP/d/ignored.md"
expect_status 0 "clean a directory" "$CROSSREAD" clean --format jsonl "$TMP/d"
check "directory read recursively, *.txt only" test "$(wc -l < "$TMP/out")" -eq 2
check "sorted by name" test "$(head -1 "$TMP/out" | grep -c 'b.txt')" -eq 1
expect_status 0 "order given" "$CROSSREAD" clean --format jsonl "$TMP/d/sub/a.txt" "$TMP/d/b.txt"
check "first document first" test "$(head -1 "$TMP/out" | grep -c 'a.txt')" -eq 1
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$TMP/out" && ok || bad "clean jsonl is valid JSON"

# -o writes atomically and never replaces a file without --force.
expect_status 0 "-o new file" "$CROSSREAD" clean -o "$TMP/out.txt" "$TMP/d/b.txt"
check "-o wrote the file" contains "$TMP/out.txt" "內容一"
check "-o printed nothing" test ! -s "$TMP/out"
echo "precious" > "$TMP/keep.txt"
expect_status 2 "-o existing file refused" "$CROSSREAD" clean -o "$TMP/keep.txt" "$TMP/d/b.txt"
check "refusal mentions --force" contains "$TMP/err" "--force"
check "existing file untouched" test "$(cat "$TMP/keep.txt")" = "precious"
expect_status 0 "-o --force replaces" "$CROSSREAD" clean --force -o "$TMP/keep.txt" "$TMP/d/b.txt"
check "replaced" contains "$TMP/keep.txt" "內容一"
expect_status 2 "-o into a missing directory" "$CROSSREAD" clean -o "$TMP/no/dir/x.txt" "$TMP/d/b.txt"
check "no temporary files left behind" test -z "$(find "$TMP" -name '.crossread-*')"
# An input error leaves no output file.
printf 'bad \xff byte\n' > "$TMP/bad.txt"
expect_status 2 "input error with -o" "$CROSSREAD" clean -o "$TMP/never.txt" "$TMP/bad.txt"
check "no output file on error" test ! -e "$TMP/never.txt"

# The explorer refuses to start without a terminal.
expect_status 2 "tui without a terminal" env TERM=dumb "$CROSSREAD"
check "points to the subcommands" contains "$TMP/err" "subcommands"
expect_status 2 "tui with output redirected" "$CROSSREAD" tui

# every option --help names, and every command, has its entry in the man page
man=$(dirname "$0")/../../docs/crossread.1
"$CROSSREAD" --help >"$TMP/help"
for opt in $(grep -o -- '--[a-z][a-z-]*' "$TMP/help" | sort -u); do
  esc=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
  check "man page documents $opt" grep -q -- "^\.B[IR]* .*$esc\b" "$man"
done
for cmd in $(sed -n '/^Commands:/,/^$/p' "$TMP/help" | awk 'NF > 1 {print $1}'); do
  check "man page documents the $cmd command" grep -q "^\.B $cmd\b" "$man"
done

finish
