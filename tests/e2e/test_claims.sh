#!/usr/bin/env bash
# test_claims.sh — `crossread claims` and `crossread xref` end to end:
# output formats, the repeated body counted once, and recall / relation /
# precision against the gold link lists in tests/data/xref/ for the bundled
# pair and for a second pair written for this test.
set -u
CR=${CROSSREAD:?set CROSSREAD to the crossread binary}
DATA=${CR_TEST_DATA:?set CR_TEST_DATA}/xref
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 pass=0
ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
check() { if eval "$1"; then ok; else bad "$2"; fi; }

# ---- formats ----------------------------------------------------------------
"$CR" claims --format tsv >"$tmp/claims.tsv" 2>"$tmp/err"
check '[ $? -eq 0 ]' "claims exits 0: $(cat "$tmp/err")"
check '[ "$(head -1 "$tmp/claims.tsv")" = "$(printf "doc\tid\tstart\tend\tentities\tfigures\tsource_entity\tsource_text\ttext")" ]' \
      "claims TSV header"
check 'awk -F"\t" "NR > 1 && NF != 9 { exit 1 }" "$tmp/claims.tsv"' "claims TSV: 9 fields on every row"
"$CR" claims --format jsonl >"$tmp/claims.jsonl"
check 'awk "!/^\\{\"doc\":.*\"id\":[0-9]+,.*\"entities\":\\[.*\"figures\":\\[.*\"attribution\":/ { exit 1 }" "$tmp/claims.jsonl"' \
      "claims JSONL: every line has doc, id, entities, figures, attribution"
"$CR" xref --format tsv >"$tmp/xref.tsv" 2>"$tmp/err"
check '[ $? -eq 0 ]' "xref exits 0: $(cat "$tmp/err")"
check '[ "$(head -1 "$tmp/xref.tsv")" = "$(printf "relation\tscore\tleft_doc\tleft_claim\tleft_text\tright_doc\tright_claim\tright_text\twhy")" ]' \
      "xref TSV header"
check 'awk -F"\t" "NR > 1 && (NF != 9 || \$1 !~ /^(same|differs|related|only-in)\$/) { exit 1 }" "$tmp/xref.tsv"' \
      "xref TSV: 9 fields and a known relation on every row"
"$CR" xref --format jsonl >"$tmp/xref.jsonl"
check 'awk "!/^\\{\"relation\":\"(same|differs|related|only-in)\",\"score\":[0-9.]+,\"why\":\".*\",\"left\":\\{\"doc\":/ { exit 1 }" "$tmp/xref.jsonl"' \
      "xref JSONL: relation, score, why, left on every line"
check '! grep "\"relation\":\"only-in\"" "$tmp/xref.jsonl" | grep -qv "\"right\":null}$"' \
      "xref JSONL: only-in rows have right null"
check '! grep -v "\"relation\":\"only-in\"" "$tmp/xref.jsonl" | grep -q "\"right\":null}$"' \
      "xref JSONL: links have a right side"
"$CR" xref >"$tmp/xref.txt"
check 'head -1 "$tmp/xref.txt" | grep -q "^2 documents, 1 pair:"' "xref text report: summary line"

n_claims=$(($(wc -l <"$tmp/claims.tsv") - 1))
n_figured=$(awk -F'\t' 'NR > 1 && $6 != "" { n++ } END { print n + 0 }' "$tmp/claims.tsv")
if [ "$n_claims" -eq 0 ] || [ "$n_figured" -eq 0 ]; then
    # The stages before claims (clean, segment, extract: entities and
    # figures) have not all landed: links cannot be measured yet.
    echo "$pass passed, $fail failed"
    echo "SKIP: $n_claims claims, $n_figured with figures (upstream stages missing)"
    [ "$fail" -eq 0 ] && exit 77 || exit 1
fi

# ---- the repeated body of jiemian-000 yields each claim once ------------------
dups=$(awk -F'\t' 'NR > 1 && $1 == "jiemian-000" { if (seen[$9]++) n++ } END { print n + 0 }' "$tmp/claims.tsv")
check '[ "$dups" -eq 0 ]' "jiemian-000: $dups claims repeated"
check 'grep -q "Analytics India Magazine" "$tmp/claims.tsv"' "claims: the report's source appears"
# attribution: a reporting verb after a person gives that person
check 'awk -F"\t" "\$9 ~ /奧特曼曾表示/ && \$7 != \"\" { f = 1 } END { exit !f }" "$tmp/claims.tsv"' \
      "claims: 奧特曼曾表示 is attributed to an entity"
check '! awk -F"\t" "\$9 ~ /[？?]\$/ { f = 1 } END { exit !f }" "$tmp/claims.tsv"' \
      "claims: no question is a claim"

# ---- gold lists ---------------------------------------------------------------
# Thresholds: gold rows found / found with an accepted relation / share of
# same+differs links a reader accepts (percent).
evaluate() {   # name gold links min_found min_relation min_precision_pct
    awk -F'\t' -f "$DATA/eval.awk" "$2" "$3" >"$tmp/$1.eval"
    sed "s/^/  $1: /" "$tmp/$1.eval"
    read -r _ found _ relation _ precision < <(tail -1 "$tmp/$1.eval")
    local f=${found%/*} g=${found#*/} r=${relation%/*} p=${precision%/*} s=${precision#*/}
    check "[ $f -ge $4 ]" "$1: recall $found, want at least $4/$g"
    check "[ $r -ge $5 ]" "$1: relation right $relation, want at least $5/$g"
    local pct=100
    [ "$s" -gt 0 ] && pct=$((100 * p / s))
    check "[ $pct -ge $6 ]" "$1: precision $precision ($pct%), want at least $6%"
}
evaluate bundled "$DATA/bundled_gold.tsv" "$tmp/xref.tsv" 11 9 70
"$CR" xref --format tsv --lexicon "$DATA/pair_lexicon.tsv" "$DATA/pair" >"$tmp/pair.tsv"
evaluate pair "$DATA/pair_gold.tsv" "$tmp/pair.tsv" 8 7 80

# ---- four documents, two stories: every pair, and no fact across stories ----
mkdir -p "$tmp/four/a" "$tmp/four/b"
cp "${CROSSREAD_DATADIR:-.}"/corpus/* "$tmp/four/a/"
cp "$DATA"/pair/* "$tmp/four/b/"
"$CR" xref --format tsv --lexicon "$DATA/pair_lexicon.tsv" "$tmp/four" >"$tmp/four.tsv"
pairs=$(awk -F'\t' 'NR > 1 && $1 != "only-in" { p[$3 "/" $6] = 1 } END { print length(p) }' "$tmp/four.tsv")
check '[ "$pairs" -ge 2 ]' "four documents: links in $pairs pairs, want both stories"
across=$(awk -F'\t' 'NR > 1 && ($1 == "same" || $1 == "differs") &&
    (($3 ~ /nvda/) != ($6 ~ /nvda/)) { n++ } END { print n + 0 }' "$tmp/four.tsv")
check '[ "$across" -eq 0 ]' "four documents: $across same/differs links between unrelated stories"
within=$(awk -F'\t' 'NR > 1 && $3 == "jiemian-000" && $6 == "ithome-003" &&
    ($1 == "same" || $1 == "differs") { n++ } END { print n + 0 }' "$tmp/four.tsv")
check '[ "$within" -ge 10 ]' "four documents: $within same/differs links in the bundled pair"

# ---- the bundled pair in mixed scripts --------------------------------------
# ithome-003 converted to Simplified by ICU (uconv), the gold anchors with it:
# links must not depend on both articles being written in one script.
if command -v uconv >/dev/null; then
    mkdir -p "$tmp/mixed"
    src=${CROSSREAD_DATADIR:-.}/corpus
    cp "$src/manifest.tsv" "$src"/000_*.txt "$tmp/mixed/"
    for f in "$src"/003_*.txt; do uconv -x Hant-Hans "$f" >"$tmp/mixed/${f##*/}"; done
    awk -F'\t' 'BEGIN { OFS = "\t" }
        /^#/ || $1 == "need" || NF < 6 { print; next }
        { cmd = "printf %s \"" $5 "\" | uconv -x Hant-Hans"; cmd | getline conv
          close(cmd); $5 = conv; print }' "$DATA/bundled_gold.tsv" >"$tmp/mixed_gold.tsv"
    check 'grep -q "每天的运营成本为70万美元" "$tmp/mixed_gold.tsv"' "mixed: gold anchors converted"
    "$CR" xref --format tsv "$tmp/mixed" >"$tmp/mixed.tsv"
    evaluate mixed "$tmp/mixed_gold.tsv" "$tmp/mixed.tsv" 11 9 70
else
    echo "note: uconv not found, mixed-script check skipped"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
