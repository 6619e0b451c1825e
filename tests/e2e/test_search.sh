#!/usr/bin/env bash
# crossread search: folding, regex errors, word boundaries, entities, output
# formats, colour and exit statuses, on the bundled corpus and small files.
. "$(dirname "$0")/lib.sh"

A000=$(ls "$CROSSREAD_DATADIR"/corpus/000_*.txt)
A003=$(ls "$CROSSREAD_DATADIR"/corpus/003_*.txt)

# ---- exit statuses --------------------------------------------------------
expect_status 0 "a keyword that occurs" "$CROSSREAD" search 微软
expect_status 1 "a keyword that does not occur" "$CROSSREAD" search 完全不存在的詞語
check "nothing printed when nothing matched" test ! -s "$TMP/out"
expect_status 2 "no pattern" "$CROSSREAD" search
check "no pattern: usage" contains "$TMP/err" "PATTERN"
expect_status 2 "missing file" "$CROSSREAD" search 微软 "$TMP/nope.txt"
check "missing file named" contains "$TMP/err" "$TMP/nope.txt"
expect_status 2 "empty pattern" "$CROSSREAD" search ""
expect_status 2 "bad regex" "$CROSSREAD" search -E 'Open(AI'
check "bad regex: PCRE2's offset" contains "$TMP/err" "offset 7"
check "bad regex: PCRE2's message" contains "$TMP/err" "parenthesis"
check "bad regex: nothing on stdout" test ! -s "$TMP/out"
expect_status 2 "bad regex, Han" "$CROSSREAD" search -E '微軟[' "$A000"
check "bad regex: byte offset" contains "$TMP/err" "offset 7"
expect_status 2 "bad --color" "$CROSSREAD" search --color=sometimes 微软

# ---- folding: Simplified <-> Traditional, case, width ------------------------
expect_status 0 "微软 finds 微軟" "$CROSSREAD" search --color=never 微软 "$A000"
check "hit shown in original script" contains "$TMP/out" "[微軟]"
check "no folded text in output" test "$(grep -c '\[微软\]' "$TMP/out")" -eq 0
n_hans=$(wc -l < "$TMP/out")
expect_status 0 "微軟 finds the same" "$CROSSREAD" search --color=never 微軟 "$A000"
check "both directions find the same hits" test "$(wc -l < "$TMP/out")" -eq "$n_hans"
expect_status 0 "openai finds OpenAI" "$CROSSREAD" search --color=never openai "$A003"
check "case folded" contains "$TMP/out" "[OpenAI]"
printf '標題\n\n全形ＯｐｅｎＡＩ上漲１７％。\n' > "$TMP/w.txt"
expect_status 0 "width folding" "$CROSSREAD" search --color=never 'openai' "$TMP/w.txt"
check "full-width hit" contains "$TMP/out" "[ＯｐｅｎＡＩ]"
expect_status 0 "width folding, digits" "$CROSSREAD" search --color=never '17%' "$TMP/w.txt"
check "full-width digits" contains "$TMP/out" "[１７％]"
check "line and column in the raw file" contains "$TMP/out" "$TMP/w.txt:3:11: "

# Pinyin annotations: once the cleaner removes them (issue 2), 运营 finds
# 運(yùn)營 in article 000 and reports the raw span with the annotation.
if "$CROSSREAD" clean "$A000" | grep -q '運(yùn)營'; then
  echo "SKIP: the cleaner does not remove pinyin annotations yet" >&2
else
  expect_status 0 "运营 finds 運(yùn)營" "$CROSSREAD" search -f jsonl 运营 "$A000"
  python3 - "$TMP/out" "$A000" <<'EOF' && ok || bad "annotated hit: raw span and position"
import json, sys
raw = open(sys.argv[2], 'rb').read()
hits = [json.loads(l) for l in open(sys.argv[1])]
ann = [h for h in hits if raw[h['raw_start']:h['raw_end']].decode() == '運(yùn)營']
assert ann, hits
for h in ann:
    assert h['text'] == '運營', h
    line_start = raw.rfind(b'\n', 0, h['raw_start']) + 1
    assert h['line'] == raw.count(b'\n', 0, h['raw_start']) + 1
    assert h['column'] == len(raw[line_start:h['raw_start']].decode()) + 1
EOF
fi

# ---- output formats ----------------------------------------------------------
expect_status 0 "jsonl" "$CROSSREAD" search -f jsonl 微软
python3 - "$TMP/out" "$CROSSREAD_DATADIR/corpus" <<'EOF' && ok || bad "jsonl fields, offsets and positions"
import json, os, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) > 3
for r in rows:
    for k in ('doc', 'start', 'end', 'line', 'text', 'context', 'column'):
        assert k in r, (k, r)
    assert r['text'] in ('微軟', '微软'), r
    assert r['text'] in r['context'], r
    assert r['end'] - r['start'] == len(r['text'].encode()), r
    raw = open(r['path'], 'rb').read()
    assert raw[r['raw_start']:r['raw_end']].decode() == r['text'], r
    line_start = raw.rfind(b'\n', 0, r['raw_start']) + 1
    assert r['line'] == raw.count(b'\n', 0, r['raw_start']) + 1, r
    assert r['column'] == len(raw[line_start:r['raw_start']].decode()) + 1, r
assert {r['doc'] for r in rows} == {'jiemian-000', 'ithome-003'}
EOF
n_json=$(wc -l < "$TMP/out")
expect_status 0 "tsv" "$CROSSREAD" search -f tsv 微软
check "tsv header" test "$(head -1 "$TMP/out" | cut -f1-5)" = "$(printf 'doc\tstart\tend\tline\tcolumn')"
check "tsv: one row per hit" test "$(($(wc -l < "$TMP/out") - 1))" -eq "$n_json"
check "tsv: every row has all fields" test "$(awk -F'\t' 'NR > 1 && NF != 10' "$TMP/out" | wc -l)" -eq 0
expect_status 0 "text" "$CROSSREAD" search 微软
check "text: one line per hit" test "$(wc -l < "$TMP/out")" -eq "$n_json"
check "text: doc:line:column: context" test "$(grep -cE '^[^:]+:[0-9]+:[0-9]+: ' "$TMP/out")" -eq "$n_json"

# -c: hits per document, every document listed, as grep -c does
expect_status 0 "-c" "$CROSSREAD" search -c 微软
check "-c lists both documents" test "$(wc -l < "$TMP/out")" -eq 2
check "-c counts sum to the hits" test "$(awk -F: '{s += $NF} END {print s}' "$TMP/out")" -eq "$n_json"
expect_status 0 "-c jsonl" "$CROSSREAD" search -c -f jsonl 微软
python3 -c 'import json,sys; assert sum(json.loads(l)["count"] for l in open(sys.argv[1])) == int(sys.argv[2])' \
  "$TMP/out" "$n_json" && ok || bad "-c jsonl counts"
expect_status 1 "-c with no hits" "$CROSSREAD" search -c 完全不存在的詞語
check "-c prints zeros" test "$(grep -c ':0$' "$TMP/out")" -eq 2

# many documents: output in document order whatever the threads did
mkdir -p "$TMP/many"
for i in $(seq -w 1 60); do printf '標題%s\n\n第%s篇提到微軟，微软。\n' "$i" "$i" > "$TMP/many/$i.txt"; done
printf '標題\n\n沒有。\n' > "$TMP/many/30.txt"
expect_status 0 "many files" env CROSSREAD_THREADS=2 "$CROSSREAD" search --color=never 微軟 "$TMP/many"
check "two hits per file but one" test "$(wc -l < "$TMP/out")" -eq 118
check "hits in document order" test "$(cut -d: -f1 "$TMP/out" | uniq | tr '\n' ' ')" = \
  "$(ls "$TMP"/many/*.txt | grep -v '/30.txt' | tr '\n' ' ')"
expect_status 0 "many files -c" env CROSSREAD_THREADS=2 "$CROSSREAD" search -c 微軟 "$TMP/many"
check "-c in document order, zeros included" test "$(cut -d: -f2 "$TMP/out" | tr -d '\n')" = \
  "$(printf '2%.0s' $(seq 1 29))0$(printf '2%.0s' $(seq 1 30))"
printf '標題\n\n壞\377。\n' > "$TMP/many/45.txt"
expect_status 2 "a bad file among many" "$CROSSREAD" search 微軟 "$TMP/many"
check "the bad file is named" contains "$TMP/err" "45.txt"

# control characters in an article never reach the terminal raw
printf '標題\n\n危險\033[31m微軟\033]0;x\007。\n' > "$TMP/ctl.txt"
expect_status 0 "controls escaped" "$CROSSREAD" search --color=never 微软 "$TMP/ctl.txt"
check "no raw ESC in output" test "$(grep -c $'\033' "$TMP/out")" -eq 0

# -o writes a file, status still says whether something matched
expect_status 0 "-o" "$CROSSREAD" search -o "$TMP/hits.txt" 微软
check "-o wrote hits" contains "$TMP/hits.txt" "微軟"
expect_status 1 "-o, nothing found" "$CROSSREAD" search -o "$TMP/none.txt" 完全不存在的詞語

# ---- colour ----------------------------------------------------------------------
expect_status 0 "--color=always" "$CROSSREAD" search --color=always 微软 "$A000"
check "always: escape sequences" contains "$TMP/out" $'\033[01;31m微軟\033[m'
check "always: no brackets" test "$(grep -c '\[微軟\]' "$TMP/out")" -eq 0
expect_status 0 "--color=never" "$CROSSREAD" search --color=never 微软 "$A000"
check "never: brackets" contains "$TMP/out" "[微軟]"
expect_status 0 "auto, not a terminal" "$CROSSREAD" search 微软 "$A000"
check "auto off a terminal: no escapes" test "$(grep -c $'\033' "$TMP/out")" -eq 0
NO_COLOR=1 expect_status 0 "NO_COLOR with always" "$CROSSREAD" search --color=always 微软 "$A000"
check "--color=always wins over NO_COLOR" contains "$TMP/out" $'\033[01;31m'
# on a terminal (script gives the command a pty)
tty_run() { script -qec "$*" /dev/null </dev/null > "$TMP/tty" 2>&1; }
tty_run "env -u NO_COLOR '$CROSSREAD' search 微软 '$A000'"
check "auto on a terminal: colour" contains "$TMP/tty" $'\033[01;31m'
tty_run "env NO_COLOR=1 '$CROSSREAD' search 微软 '$A000'"
check "NO_COLOR on a terminal: no colour" test "$(grep -c $'\033\\[01;31m' "$TMP/tty")" -eq 0
check "NO_COLOR on a terminal: brackets" contains "$TMP/tty" "[微軟]"

# ---- regex -------------------------------------------------------------------------
expect_status 0 "-E" "$CROSSREAD" search --color=never -E '[0-9.]+億美元' "$A000"
check "-E hit" grep -qE '\[[0-9.]+億美元\]' "$TMP/out"
expect_status 1 "-E runs on the original script" "$CROSSREAD" search -E '亿美元' "$A000"
expect_status 0 "-E Unicode properties" "$CROSSREAD" search -c -E '\p{Han}+' "$A003"

# ---- word boundaries (from the segmenter) --------------------------------------------
expect_status 1 "-w: Open is not a word inside OpenAI" "$CROSSREAD" search -w Open "$A003"
expect_status 0 "without -w Open matches inside OpenAI" "$CROSSREAD" search Open "$A003"
expect_status 0 "-w OpenAI is a word" "$CROSSREAD" search -w OpenAI "$A003"
# 美元化 is one word (the segmenter's 化 suffix rule); 歐美元首 is 歐美|元首:
# in both, 美元 starts or ends inside a token.
printf '標題\n\n歐美元首討論美元,美元化的趨勢。\n' > "$TMP/usd.txt"
expect_status 0 "-w 美元" "$CROSSREAD" search -c -w 美元 "$TMP/usd.txt"
check "-w 美元 neither across 歐美|元首 nor inside 美元化" test "$(cut -d: -f2 "$TMP/out")" -eq 1
expect_status 0 "美元 without -w" "$CROSSREAD" search -c 美元 "$TMP/usd.txt"
check "without -w all three" test "$(cut -d: -f2 "$TMP/out")" -eq 3

# ---- the cache of cleaned documents ---------------------------------------------------
# lib.sh points XDG_CACHE_HOME into $TMP. A second search reads the cache;
# a file changed behind its back (same size and time) is cleaned anew.
mkdir -p "$TMP/cc"
printf '標題\n\n正文：经济增长。經濟學家說。\n' > "$TMP/cc/a.txt"
printf '另一篇\n\n沒有那個詞。\n' > "$TMP/cc/b.txt"
expect_status 0 "cache: first search" "$CROSSREAD" search -f tsv 经济 "$TMP/cc"
cp "$TMP/out" "$TMP/cc1"
check "cache: a pack was written" sh -c 'ls "$XDG_CACHE_HOME"/crossread/*.pack >/dev/null'
expect_status 0 "cache: second search" "$CROSSREAD" search -f tsv 经济 "$TMP/cc"
check "cache: same output" cmp -s "$TMP/out" "$TMP/cc1"
touch -r "$TMP/cc/a.txt" "$TMP/cc/stamp"
printf '標題\n\n正文：经验增长。經濟學家說。\n' > "$TMP/cc/a.txt"
touch -r "$TMP/cc/stamp" "$TMP/cc/a.txt"; rm "$TMP/cc/stamp"
expect_status 0 "cache: changed file" "$CROSSREAD" search -c 经济 "$TMP/cc"
check "cache: the change is seen" grep -q 'a.txt:1$' "$TMP/out"
expect_status 0 "--no-cache" env XDG_CACHE_HOME="$TMP/nocache" "$CROSSREAD" search --no-cache -c 经济 "$TMP/cc"
check "--no-cache: same counts" grep -q 'a.txt:1$' "$TMP/out"
check "--no-cache: nothing written" test ! -e "$TMP/nocache/crossread"

# ---- entities -----------------------------------------------------------------------
if "$CROSSREAD" entities "$A000" >/dev/null 2>&1; then
  expect_status 0 "--entity by an alias" "$CROSSREAD" search --color=never --entity 阿爾特曼
  check "--entity 阿爾特曼 finds 奧特曼" contains "$TMP/out" "[奧特曼]"
  check "--entity 阿爾特曼 finds itself" grep -q '阿爾特曼\]' "$TMP/out"
  expect_status 1 "--entity unknown" "$CROSSREAD" search --entity 完全不存在的人
  check "--entity unknown: said so" contains "$TMP/err" "no entity"
else
  echo "SKIP: entities are not extracted yet" >&2
fi

finish
