#!/usr/bin/env bash
# bench/ner/same_tags.sh — do two builds of the tagger give the same spans?
#
#   bench/ner/same_tags.sh REF_TRAIN_NER REF_MODEL [BUILD_DIR] [FILES...]
#
# Runs `train_ner spans` (every span of ner_tag_words with its exact score;
# with the segmenter's words, and again with ner_tag's own ICU words) and
# `train_ner tag --spans` over People's Daily test, with the reference
# build (e.g. one of main's commit, copied aside, and the model it read)
# and with this tree's BUILD_DIR/train_ner and data/ner.model. FILES
# default to bench/out/search/*.txt (bench/run.sh makes them) and corpus/*.txt.
# Prints the number of spans and exits 1 at the first difference.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[ $# -ge 2 ] || { sed -n '2,12p' "$0"; exit 2; }
ref=$1 refmodel=$2; shift 2
build=build
if [ $# -gt 0 ] && [ -d "$root/$1" ] && [ -x "$root/$1/train_ner" ]; then build=$1; shift; fi
files=("$@")
[ ${#files[@]} -gt 0 ] || files=("$root"/bench/out/search/*.txt "$root"/corpus/*.txt)
test=${CR_EVAL_DIR:-$root/../shared/eval/ner}/peoples_daily_example.test
export CROSSREAD_DATADIR=${CROSSREAD_DATADIR:-$root}
tn=$root/$build/train_ner
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%s\n' "${files[@]}" | xargs -d '\n' "$ref" spans "$refmodel" > "$tmp/a"
printf '%s\n' "${files[@]}" | xargs -d '\n' "$tn" spans "$root/data/ner.model" > "$tmp/b"
cmp -s "$tmp/a" "$tmp/b" || { echo "DIFFERENT: spans, segmenter words"; diff "$tmp/a" "$tmp/b" | head -5; exit 1; }
echo "same: spans of ${#files[@]} files, segmenter words ($(wc -l < "$tmp/a") spans)"
printf '%s\n' "${files[@]}" | xargs -d '\n' "$ref" spans --icu-words "$refmodel" > "$tmp/a"
printf '%s\n' "${files[@]}" | xargs -d '\n' "$tn" spans --icu-words "$root/data/ner.model" > "$tmp/b"
cmp -s "$tmp/a" "$tmp/b" || { echo "DIFFERENT: spans, ICU words"; diff "$tmp/a" "$tmp/b" | head -5; exit 1; }
echo "same: spans of ${#files[@]} files, ICU words ($(wc -l < "$tmp/a") spans)"
"$ref" tag --spans "$tmp/sa" "$refmodel" "$test" > "$tmp/a"
"$tn" tag --spans "$tmp/sb" "$root/data/ner.model" "$test" > "$tmp/b"
cmp -s "$tmp/a" "$tmp/b" && cmp -s "$tmp/sa" "$tmp/sb" || { echo "DIFFERENT: People's Daily test"; exit 1; }
echo "same: People's Daily test tags and span scores ($(wc -l < "$tmp/sa") spans)"
