#!/usr/bin/env bash
# Hostile cases found by hand in session 5 that test_hostile.sh,
# test_errors.sh and test_reliability.sh do not cover:
# - -o onto something that is not a regular file (a directory, a FIFO, a
#   device node) is refused with status 2 even with --force, and the thing
#   is still there afterwards; with --force a symbolic link is followed (the
#   target is replaced, the link kept), a dangling link is refused; an empty
#   -o name is refused; none of these leaves a temporary file;
# - the entity extractor is not quadratic on long texts: a line with no
#   punctuation (2 MB took 15 s, 50 MB over 10 minutes), many 王先生, a long
#   list of names, many model words (3.2 MB: 57 s);
# - a bad row of a --lexicon file is reported with file, line and byte;
# - a manifest.tsv that is a FIFO or a link to /dev/zero (the walk hung);
# - ten digits before 月 (a signed overflow in the segmenter's month rule).
. "$(dirname "$0")/lib.sh"
LIMIT=${HOSTILE_TIMEOUT:-60}
cd "$TMP" || exit 2
printf '微軟宣布投資100億美元。\n' > in.txt

no_temp() { ! ls -A "${1:-.}" | grep -q '^\.crossread-'; }

# ---- -o onto what is not a regular file -----------------------------------------------
mkdir adir
mkfifo afifo
for force in "" --force; do
  expect_status 2 "-o a directory $force: 2" "$CROSSREAD" clean -o adir $force in.txt
  check "-o a directory $force: says so" contains "$TMP/err" "adir: is a directory"
  check "-o a directory $force: still a directory" test -d adir
  expect_status 2 "-o a FIFO $force: 2" timeout 20 "$CROSSREAD" clean -o afifo $force in.txt
  check "-o a FIFO $force: says so" contains "$TMP/err" "afifo: not a regular file"
  check "-o a FIFO $force: still a FIFO" test -p afifo
done
# A device node: a private copy of /dev/null (needs root, or CAP_MKNOD).
if mknod anull c 1 3 2>/dev/null; then
  expect_status 2 "-o a device --force: 2" "$CROSSREAD" clean -o anull --force in.txt
  check "-o a device: says so" contains "$TMP/err" "anull: not a regular file"
  check "-o a device: still a character device" test -c anull
  rm -f anull
fi
# A symbolic link with --force: the target is written, the link kept.
echo old > target.txt
ln -s target.txt link.txt
expect_status 2 "-o a link without --force: 2" "$CROSSREAD" clean -o link.txt in.txt
check "-o a link without --force: target untouched" test "$(cat target.txt)" = old
expect_status 0 "-o a link --force: 0" "$CROSSREAD" clean -o link.txt --force in.txt
check "-o a link --force: still a link" test -L link.txt
check "-o a link --force: the target has the output" contains target.txt "微軟宣布投資"
ln -s missing.txt dangling.txt
expect_status 2 "-o a dangling link --force: 2" "$CROSSREAD" clean -o dangling.txt --force in.txt
check "-o a dangling link: says so" contains "$TMP/err" "dangling.txt: a symbolic link to a missing file"
check "-o a dangling link: target not created" test ! -e missing.txt
expect_status 2 "-o '': 2" "$CROSSREAD" clean -o '' in.txt
check "-o '': says so" contains "$TMP/err" "empty output file name"
check "no temporary file left" no_temp .

# ---- entity extraction stays near linear --------------------------------------------------
# Texts the extractor was quadratic on (src/core/entities.c): random
# names from a few characters with no punctuation (the tagger finds tens of
# thousands of names, and every name was compared at every position);
# thousands of 王先生 with one 王小明 (every address scanned every
# candidate); a list of 128,000 names (every lone surname scanned every
# short name); model words "Gu12" (every one scanned every candidate for
# a product of its family). Each at size N and 4N: the CPU time may grow
# about 4 times, not 16 (it grew 13, 15, 10 and 13 times before the fix). CPU time, not wall
# time, so a busy machine does not matter much; the 4N runs also have a
# deadline.
cpu_secs() { # cpu_secs ARGS...: runs crossread, prints its user+system CPU seconds
  python3 -c 'import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.3f %d" % (u.ru_utime + u.ru_stime, r.returncode))' timeout "$LIMIT" "$CROSSREAD" "$@"
}
python3 - <<'PY'
import random
random.seed(5)
chars = '微軟公司宣布投資億美元台積電表示營收增長的了在是和與我們他們今年將會'
for name, n in (('names1.txt', 1000000), ('names4.txt', 4000000)):
    open(name, 'w').write(''.join(random.choice(chars) for _ in range(n // 3)))
for name, n in (('addr1.txt', 20000), ('addr4.txt', 80000)):
    open(name, 'w').write('標題\n\n' + '王先生說，' * n + '王小明表示。\n')
sur, giv = '王李張劉陳楊黃趙吳周', '小明華偉強麗娟英傑文'
def name():
    return random.choice(sur) + ''.join(random.choice(giv) for _ in range(random.randint(1, 2)))
for tag, n in (('1', 32000), ('4', 128000)):
    open('list%s.txt' % tag, 'w').write('標題\n\n' + '、'.join(name() for _ in range(n)) + '等人出席。\n')
for tag, n in (('1', 8000), ('4', 32000)):
    open('model%s.txt' % tag, 'w').write('標題\n\n' + ''.join(
        'Shane Gu%d(%s)說，' % (i % 50, name()) for i in range(n)) + '\n')
PY
for f in names addr list model; do
  read -r t1 s1 < <(cpu_secs entities --format tsv "$f"1.txt)
  read -r t4 s4 < <(cpu_secs entities --format tsv "$f"4.txt)
  check "$f: entities at N: status 0 (got $s1)" test "$s1" = 0
  check "$f: entities at 4N: status 0 within ${LIMIT}s (got $s4)" test "$s4" = 0
  check "$f: 4 times the text, ${t1} s -> ${t4} s of CPU: under 8 times" \
    python3 -c "import sys; sys.exit(not ($t4 <= 8 * $t1 + 0.2))"
done
"$CROSSREAD" entities --format tsv addr1.txt > out
n=$(awk -F'\t' '$3 == "王" && $7 == "王小明"' out | wc -l)
check "addr: every 王先生 is 王小明 ($n of 20000)" test "$n" -eq 20000

# ---- a manifest.tsv that is not a regular file is ignored, not waited for ---------------
mkdir man1 man2
cp in.txt man1/a.txt; cp in.txt man2/a.txt
mkfifo man1/manifest.tsv
ln -s /dev/zero man2/manifest.tsv
for d in man1 man2; do
  expect_status 0 "$d: manifest.tsv a $( [ $d = man1 ] && echo FIFO || echo link to /dev/zero )" \
    timeout 20 "$CROSSREAD" clean "$d"
  check "$d: the article is read" contains out "微軟宣布投資"
  expect_status 0 "$d: a file of it named" timeout 20 "$CROSSREAD" clean "$d/a.txt"
done

# ---- many digits before 月 ------------------------------------------------------------------
# The month rule multiplied the digits up before it looked at how many
# there were: a signed overflow (UBSan, found by fuzz_search). Ten digits
# are no month; in the sanitizer build a report on stderr fails this.
printf '標題\n\n今年4444444444月和12月都有。\n' > month.txt
expect_status 0 "ten digits before 月: tokens" "$CROSSREAD" tokens month.txt
check "ten digits before 月: not a month, 12月 is" contains out "4444444444 月 和 12月"
check "ten digits before 月: nothing on stderr" test ! -s err

# ---- --lexicon rows: file, line and byte ---------------------------------------------------
lexrow() { # lexrow CONTENT EXPECTED-PREFIX
  printf "$1" > lex.tsv
  expect_status 2 "bad lexicon row ($2)" "$CROSSREAD" entities --lexicon lex.tsv in.txt
  check "bad lexicon row: '$2' in $(cat "$TMP/err")" contains "$TMP/err" "$2"
}
lexrow 'company\tok\tOK Co\n  firm\tx\tX\n' "lex.tsv:2: byte 19: unknown type 'firm'"
lexrow 'company\tBAD ID\tX\n' "lex.tsv:1: byte 8: bad id 'BAD ID'"
lexrow 'company\tok\n' "lex.tsv:1: byte 0: expected 3 or 4 tab-separated fields"
lexrow '# c\ncompany\tok\tX\t甲||乙\n' "lex.tsv:2: byte 21: empty alias"
lexrow 'company\tok\tX\t---\n' "lex.tsv:1: byte 13: alias '---' has no letter or digit"
lexrow 'company\tok\tX\ncompany\tok\tY\n' "lex.tsv:2: byte 21: duplicate id 'ok' (first on line 1)"

finish
