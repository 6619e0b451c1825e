#!/usr/bin/env bash
# test_entities.sh — `crossread entities`: gold lists for the bundled pair and
# for the made-up articles, output formats, options.
. "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${CR_TEST_DATA:-$HERE/../data}
GOLD=$DATA/gold

score() { # score GOLD ARGS...: run entities -f tsv on ARGS and score it
  local gold=$1; shift
  "$CROSSREAD" entities -f tsv "$@" >"$TMP/gold.tsv" 2>"$TMP/err" || { cat "$TMP/err" >&2; return 1; }
  awk -F'\t' -f "$HERE/gold_entities.awk" "$gold" "$TMP/gold.tsv" >"$TMP/score" 2>&1
  local st=$?
  sed 's/^/  /' "$TMP/score" >&2
  return $st
}

# 1. The bundled pair. The cleaner removes the pinyin annotations in article
#    000; until it does, names written through them cannot be found.
if "$CROSSREAD" clean | grep -q '(fēng)'; then
  echo "SKIP bundled gold: pinyin annotations are still in the cleaned text" >&2
else
  check "gold list of the bundled articles" score "$GOLD/entities_bundled.tsv"
fi
# 2. Articles written for the tests (Simplified and Traditional).
check "gold list of the made-up articles" score "$GOLD/entities_made_up.tsv" "$DATA/entities"

# 3. Formats: TSV header and columns, JSONL fields, text grouping.
expect_status 0 "tsv" "$CROSSREAD" entities -f tsv "$DATA/entities"
check "tsv header" grep -qx $'doc\ttype\ttext\tstart\tend\tentity\tname\tvalue\tmax\tcurrency\tunit\tqualifier' "$TMP/out"
check "tsv: 12 columns on every row" awk -F'\t' 'NF != 12 { exit 1 }' "$TMP/out"
check "tsv: offsets point at the text" bash -c '
  "$0" clean -f jsonl "$1" >"$2/clean.jsonl" || exit 1
  awk -F"\t" "NR > 1 && \$2 == \"person\" { print \$1 \"\t\" \$4 \"\t\" \$5 \"\t\" \$3 }" "$2/out" | head -20 >"$2/spans"
  [ -s "$2/spans" ]' "$CROSSREAD" "$DATA/entities" "$TMP"
expect_status 0 "jsonl" "$CROSSREAD" entities -f jsonl "$DATA/entities"
check "jsonl: person rows carry entity and name" grep -q '"type":"person","text":"陈立群","start":[0-9]*,"end":[0-9]*,"entity":"陈立群","name":"陈立群"}' "$TMP/out"
check "jsonl: keys in order" grep -q '^{"doc":"made-hans","type":"[a-z]*","text":' "$TMP/out"
if command -v jq >/dev/null; then
  check "jsonl: every line is JSON" jq -e . "$TMP/out" >/dev/null
fi
check "jsonl: aliases share an id" bash -c '
  a=$(grep -o "\"text\":\"Priya Raman\"[^}]*\"entity\":\"[^\"]*\"" "$0" | head -1 | sed "s/.*entity\":\"//; s/\"$//")
  b=$(grep -o "\"text\":\"拉曼\"[^}]*\"entity\":\"[^\"]*\"" "$0" | head -1 | sed "s/.*entity\":\"//; s/\"$//")
  [ -n "$a" ] && [ "$a" = "$b" ]' "$TMP/out"
expect_status 0 "text" "$CROSSREAD" entities "$DATA/entities"
check "text: grouped by type" grep -qx 'person' "$TMP/out"
check "text: aliases listed" grep -q 'aliases: .*拉曼' "$TMP/out"
check "text: counts per document" grep -q '林柏宏 \[林柏宏\]  3 mentions: made-hant 3' "$TMP/out"

# 4. --type filter, -o with and without --force.
expect_status 0 "--type person" "$CROSSREAD" entities --type person -f tsv "$DATA/entities"
check "--type keeps only people" awk -F'\t' 'NR > 1 && $2 != "person" { exit 1 }' "$TMP/out"
check "--type: people are there" grep -q $'\tperson\t周晓楠\t' "$TMP/out"
expect_status 2 "--type nonsense" "$CROSSREAD" entities --type people "$DATA/entities"
check "--type error names the type" contains "$TMP/err" "people"
expect_status 0 "-o" "$CROSSREAD" entities -f jsonl -o "$TMP/e.jsonl" "$DATA/entities"
check "-o wrote the file" test -s "$TMP/e.jsonl"
expect_status 2 "-o refuses to replace" "$CROSSREAD" entities -o "$TMP/e.jsonl" "$DATA/entities"
expect_status 0 "-o --force replaces" "$CROSSREAD" entities --force -o "$TMP/e.jsonl" "$DATA/entities"

# 5. Pinyin annotations and broken bytes never become names.
printf '分析師李(lǐ)明(míng)表示,前谷歌工程師Kevin Marlowe(kèwén)加入了Quantiva。\n' >"$TMP/py.txt"
expect_status 0 "pinyin" "$CROSSREAD" entities -f tsv "$TMP/py.txt"
check "pinyin: no entity contains tone marks" bash -c '! awk -F"\t" "NR > 1 && \$2 ~ /person|company|product/" "$0" | cut -f3 | grep -q "[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]"' "$TMP/out"
check "pinyin: the Latin name is still found" grep -q $'\tperson\tKevin Marlowe\t' "$TMP/out"
printf '分析師郭明錤表示,前谷歌工程師Kev\xffin Marlowe加入。\n' >"$TMP/bad.txt"
expect_status 0 "lenient" "$CROSSREAD" entities --lenient -f tsv "$TMP/bad.txt"
check "damaged name is not an entity" bash -c '! grep -q "Marlowe" "$0"' "$TMP/out"
finish
