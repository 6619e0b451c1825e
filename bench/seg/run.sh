#!/usr/bin/env bash
# bench/seg/run.sh — score crossread's segmenter against the SIGHAN 2005
# bakeoff and against plain ICU word break; print markdown tables.
#
#   bench/seg/run.sh [--quick]
#
# Builds the tools (meson compile -C build), then for pku, msr, cityu, as:
#   1. plain ICU (bench/seg/icu_seg.c) and crossread (bench/seg/cr_seg.c,
#      segment.c with its default rules and the shipped data/ lexicon):
#      P, R, F, OOV rate and IV / OOV recall (bench/seg/seg_score.c);
#   2. ablation: F of each merge rule alone on top of ICU and of the
#      default set without it (no lexicon), with the change in correct words;
#   3. speed: segment_document over ~22 MB (the four test files, 12 times)
#      and ICU's raw iteration over UText/UTF-8 and over UTF-16.
# --quick skips 2 and 3. Env: BUILD (default build), SIGHAN (data dir,
# default ../shared/eval/segmentation next to the repository).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD:-$root/build}
data=${SIGHAN:-$root/../shared/eval/segmentation}
quick=0
[[ ${1:-} == --quick ]] && quick=1
[[ -d $data ]] || { echo "run.sh: no SIGHAN data at $data (set SIGHAN=dir)" >&2; exit 2; }
meson compile -C "$build" bench/seg/seg_score bench/seg/icu_seg bench/seg/cr_seg \
    bench/seg/utext_bench >/dev/null
bin=$build/bench/seg
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
corpora=(pku msr cityu as)
gold() { [[ $1 == as ]] && echo "$data/as_testing_gold.utf8" || echo "$data/$1_test_gold.utf8"; }

# The merge rules: "bit name in-default" lines from cr_seg --list.
mapfile -t rules < <("$bin/cr_seg" --list)
default=$("$bin/cr_seg" --list | awk '$3 == 1 {m += $1} END {print m + 0}')

echo "## Segmentation, SIGHAN 2005 bakeoff ($(date +%Y-%m-%d), ICU $(pkg-config --modversion icu-uc))"
echo
echo "| corpus | segmenter | words | P | R | F | OOV rate | IV R | OOV R |"
echo "|---|---|---|---|---|---|---|---|---|"
for c in "${corpora[@]}"; do
    "$bin/icu_seg" < "$data/${c}_test.utf8" > "$tmp/icu_$c"
    "$bin/cr_seg" < "$data/${c}_test.utf8" > "$tmp/cr_$c" 2>/dev/null
    for who in icu cr; do
        read -r g t ok p r f oov iv oovr < <("$bin/seg_score" "$(gold $c)" "$tmp/${who}_$c" \
            "$data/${c}_training_words.utf8" 2>/dev/null || true)
        name=$([[ $who == icu ]] && echo "ICU plain" || echo "crossread")
        echo "| $c | $name | $t | $p | $r | **$f** | $oov | $iv | $oovr |"
    done
done
echo
echo "Gold words: $(for c in "${corpora[@]}"; do printf '%s %s  ' $c "$("$bin/seg_score" "$(gold $c)" "$(gold $c)" | cut -f1)"; done)"
echo "Gold against itself: F = $(for c in "${corpora[@]}"; do "$bin/seg_score" "$(gold $c)" "$(gold $c)" | cut -f6; done | tr '\n' ' ')"
[[ $quick == 1 ]] && exit 0

# F to four places and correct words, for one rule mask (no lexicon unless
# a second argument says "lexicon").
fscore() {
    local out="" lex=-L
    [[ ${2:-} == lexicon ]] && lex=
    for c in "${corpora[@]}"; do
        "$bin/cr_seg" $lex -r "$1" < "$data/${c}_test.utf8" > "$tmp/abl" 2>/dev/null
        out+=$("$bin/seg_score" "$(gold $c)" "$tmp/abl" 2>/dev/null |
            awk '{printf " %.4f %d", 2*$3/($1+$2), $3}' || true)
    done
    echo "$out"
}
signed() { (($1 > 0)) && echo "+$1" || echo "$1"; }
echo
echo "### Ablation (rules without the lexicon, then the lexicon on top)"
echo
echo "F, and in brackets the change in correct words: for \"+ rule\" against ICU"
echo "plain, for \"default + lexicon\" and \"default − rule\" against the default rules."
echo
echo "| rules | pku | msr | cityu | as | in default |"
echo "|---|---|---|---|---|---|"
read -ra base <<<"$(fscore 0)"
echo "| ICU plain | ${base[0]} | ${base[2]} | ${base[4]} | ${base[6]} | |"
nolex=$((default & ~1))
for r in "${rules[@]}"; do
    read -r m name in <<<"$r"
    ((m == 1)) && continue   # the lexicon is in the first table
    read -ra v <<<"$(fscore "$m")"
    line="| + $name |"
    for k in 0 1 2 3; do line+=" ${v[2 * k]} ($(signed $((v[2 * k + 1] - base[2 * k + 1])))) |"; done
    echo "$line $( ((in)) && echo yes || echo no) |"
done
read -ra all <<<"$(fscore $nolex)"
line="| default rules |"
for k in 0 1 2 3; do line+=" ${all[2 * k]} ($(signed $((all[2 * k + 1] - base[2 * k + 1])))) |"; done
echo "$line |"
read -ra v <<<"$(fscore "$default" lexicon)"
line="| default + lexicon |"
for k in 0 1 2 3; do line+=" ${v[2 * k]} ($(signed $((v[2 * k + 1] - all[2 * k + 1])))) |"; done
echo "$line |"
for r in "${rules[@]}"; do
    read -r m name in <<<"$r"
    ((m == 1 || !in)) && continue
    read -ra v <<<"$(fscore $((nolex & ~m)))"
    line="| default − $name |"
    for k in 0 1 2 3; do line+=" ${v[2 * k]} ($(signed $((v[2 * k + 1] - all[2 * k + 1])))) |"; done
    echo "$line |"
done

echo
echo "### Speed (~22 MB: the four test files, 12 times; one document)"
echo
for i in $(seq 12); do cat "$data"/{pku,msr,cityu,as}_test.utf8; done > "$tmp/big"
echo '```'
# best of three: the machine is shared
for k in 1 2 3; do "$bin/cr_seg" < "$tmp/big" 2>&1 >/dev/null; done | sort -t' ' -k9,9g | head -1
"$bin/utext_bench" "$tmp/big"
echo '```'
