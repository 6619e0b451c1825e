#!/usr/bin/env bash
# test_tokens.sh — `crossread tokens` and `crossread sentences` on the
# bundled corpus: golden files of `tokens --format tsv` (one per article,
# tests/golden/tokens_ID.tsv), plus checks that hold for any text: the
# tokens tile the cleaned text, sentences are made of whole tokens.
#   APPROVE=1 bash tests/e2e/test_tokens.sh   rewrites the golden files
set -uo pipefail
: "${CROSSREAD:?set CROSSREAD to the crossread binary}"
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
golden=${CR_GOLDEN:-$root/tests/golden}
corpus=$root/corpus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }

ids=$(awk -F'\t' 'NR > 1 && $1 !~ /^#/ && NF >= 2 {print $1 "\t" $2}' "$corpus/manifest.tsv")
[[ -n $ids ]] || bad "no articles in $corpus/manifest.tsv"

while IFS=$'\t' read -r id file; do
    out=$tmp/tokens_$id.tsv
    if ! "$CROSSREAD" tokens --format tsv "$corpus/$file" > "$out"; then
        bad "tokens $file exited $?"
        continue
    fi
    [[ $(head -1 "$out") == $'doc\tstart\tend\tkind\ttext\tkey' ]] || bad "$id: TSV header"
    # every row: this doc, 6 fields, contiguous offsets, a known kind
    awk -F'\t' -v id="$id" 'NR > 1 {
            if (NF != 6 || $1 != id) { print "bad row " NR ": " $0; exit 1 }
            if ($2 != prev) { print "gap before row " NR; exit 1 }
            if ($3 <= $2) { print "empty token at row " NR; exit 1 }
            if ($4 !~ /^(han|latin|number|punct|space|other)$/) { print "kind " $4; exit 1 }
            prev = $3 }
        NR == 1 { prev = 0 }' "$out" || bad "$id: token rows"
    if [[ ${APPROVE:-0} == 1 ]]; then
        mkdir -p "$golden"
        cp "$out" "$golden/tokens_$id.tsv"
        echo "approved $golden/tokens_$id.tsv"
    elif [[ ! -f $golden/tokens_$id.tsv ]]; then
        bad "$id: no golden file tokens_$id.tsv (run with APPROVE=1)"
    elif ! diff -u "$golden/tokens_$id.tsv" "$out" > "$tmp/diff"; then
        bad "$id: tokens differ from tests/golden/tokens_$id.tsv (a lexicon or cleaner" \
            "change? check the diff, then: APPROVE=1 CROSSREAD=build/crossread bash $0):"
        head -40 "$tmp/diff" >&2
    fi
done <<<"$ids"

# The tokens' texts put together are the cleaned text, for every document;
# sentences lie on token boundaries and carry the fields the formats promise.
if command -v python3 >/dev/null; then
    "$CROSSREAD" clean --format jsonl "$corpus" > "$tmp/clean.jsonl" || bad "clean exited $?"
    "$CROSSREAD" tokens --format jsonl "$corpus" > "$tmp/tokens.jsonl" || bad "tokens exited $?"
    "$CROSSREAD" sentences --format jsonl "$corpus" > "$tmp/sent.jsonl" || bad "sentences exited $?"
    python3 - "$tmp" <<'EOF' || bad "tokens/sentences do not agree with the cleaned text"
import json, sys
d = sys.argv[1]
text = {}
for line in open(f"{d}/clean.jsonl", encoding="utf-8"):
    o = json.loads(line)
    text[o["doc"]] = o["text"].encode("utf-8")
toks, ok = {}, True
for line in open(f"{d}/tokens.jsonl", encoding="utf-8"):
    o = json.loads(line)
    if list(o) != ["doc", "start", "end", "kind", "text", "key"]:
        print("token fields:", list(o)); ok = False; break
    t = text[o["doc"]]
    if t[o["start"]:o["end"]] != o["text"].encode("utf-8"):
        print("token text differs at", o["doc"], o["start"]); ok = False; break
    toks.setdefault(o["doc"], []).append((o["start"], o["end"], o["kind"]))
for doc, t in text.items():
    spans = toks.get(doc, [])
    if b"".join(t[a:b] for a, b, _ in spans) != t:
        print("tokens do not tile", doc); ok = False
    starts = {a for a, _, _ in spans}
    ends = {b for _, b, _ in spans}
    n = 0
    for line in open(f"{d}/sent.jsonl", encoding="utf-8"):
        s = json.loads(line)
        if s["doc"] != doc:
            continue
        n += 1
        if list(s) != ["doc", "n", "start", "end", "text"] or s["n"] != n:
            print("sentence fields", s); ok = False; break
        if s["start"] not in starts or s["end"] not in ends:
            print("sentence cuts a token", s); ok = False; break
        if t[s["start"]:s["end"]] != s["text"].encode("utf-8") or s["text"] != s["text"].strip():
            print("sentence text", s); ok = False; break
    if n == 0:
        print("no sentences in", doc); ok = False
sys.exit(0 if ok else 1)
EOF
else
    echo "SKIP: python3 not found, tiling checks not run"
fi

# Text format: no space tokens, one line per document.
lines=$("$CROSSREAD" tokens "$corpus" | wc -l)
ndocs=$(grep -c . <<<"$ids")
[[ $lines == "$ndocs" ]] || bad "text format: $lines lines for $ndocs documents"

exit $fail
