#!/usr/bin/env bash
# test_lexicon.sh — the entity lexicon through the CLI: shipped entries match
# across scripts, --lexicon files add and override entries (later files
# win), and a bad lexicon file stops with exit status 2 and file:line.
# The text is made up for this test.
set -uo pipefail
: "${CROSSREAD:?set CROSSREAD to the crossread binary}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }

printf '台積電與微软今天宣布，山姆‧阿爾特曼將試用Veltrana X9。\n' > "$tmp/a.txt"

# entity id of the mention whose text is $2, from entities TSV in $1
id_of() { awk -F'\t' -v t="$2" 'NR > 1 && $3 == t {print $6; exit}' "$1"; }
name_of() { awk -F'\t' -v t="$2" 'NR > 1 && $3 == t {print $7; exit}' "$1"; }

"$CROSSREAD" entities --format tsv "$tmp/a.txt" > "$tmp/base.tsv" || bad "entities exited $?"
[[ $(id_of "$tmp/base.tsv" 台積電) == tsmc ]] || bad "台積電 is not tsmc"
[[ $(id_of "$tmp/base.tsv" 微软) == microsoft ]] || bad "Simplified 微软 does not match the Traditional entry"
[[ $(id_of "$tmp/base.tsv" 山姆‧阿爾特曼) == sam-altman ]] || bad "山姆‧阿爾特曼 (U+2027 dot) is not sam-altman"

# A user file adds an entry and redefines a shipped one.
printf '# user lexicon\nproduct\tveltrana-x9\tVeltrana X9\tVeltrana\ncompany\ttsmc\tTSMC Ltd\t台積電\n' > "$tmp/u1.tsv"
"$CROSSREAD" entities --format tsv --lexicon "$tmp/u1.tsv" "$tmp/a.txt" > "$tmp/u1.out" || bad "entities --lexicon exited $?"
[[ $(id_of "$tmp/u1.out" "Veltrana X9") == veltrana-x9 ]] || bad "user entry Veltrana X9 not found"
[[ $(name_of "$tmp/u1.out" 台積電) == "TSMC Ltd" ]] || bad "user file does not override tsmc's name"

# Two files claim one alias: the later file wins.
printf 'product\tveltrana-other\tVeltrana Other\tVeltrana X9\n' > "$tmp/u2.tsv"
"$CROSSREAD" entities --format tsv --lexicon "$tmp/u1.tsv" --lexicon "$tmp/u2.tsv" "$tmp/a.txt" > "$tmp/u2.out" ||
    bad "entities with two lexicons exited $?"
[[ $(id_of "$tmp/u2.out" "Veltrana X9") == veltrana-other ]] || bad "the later lexicon does not win a shared alias"

# Errors: malformed line, missing file.
printf 'company\tok\tOK Co\n# comment\nfirm\tx\tX\n' > "$tmp/bad.tsv"
"$CROSSREAD" entities --lexicon "$tmp/bad.tsv" "$tmp/a.txt" > /dev/null 2> "$tmp/err"
rc=$?
[[ $rc == 2 ]] || bad "malformed lexicon: exit $rc, want 2"
grep -q "bad.tsv:3: byte 27: unknown type 'firm'" "$tmp/err" || bad "malformed lexicon message: $(cat "$tmp/err")"
"$CROSSREAD" entities --lexicon "$tmp/missing.tsv" "$tmp/a.txt" > /dev/null 2> "$tmp/err"
rc=$?
[[ $rc == 2 ]] || bad "missing lexicon: exit $rc, want 2"
grep -q "missing.tsv" "$tmp/err" || bad "missing lexicon message does not name the file"

[[ $fail == 0 ]] && echo "lexicon e2e: ok"
exit $fail
