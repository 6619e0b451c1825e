#!/usr/bin/env bash
# bench/ner/run.sh — train (if needed) and evaluate the NER tagger (ner.h).
#
#   bench/ner/run.sh [--retrain] [BUILD_DIR]        (default BUILD_DIR: build)
#
# 1. If data/ner.model is missing, or with --retrain, trains it with
#    tools/train_ner on ../shared/eval/ner/peoples_daily_example.dev and
#    msra_test_bio.txt (and nothing else).
# 2. Tags peoples_daily_example.test — never used in training or tuning —
#    through the public ner_tag API, as given and converted to Traditional
#    characters, and scores entities (type, start and end must all match)
#    with bench/ner/score.py.
# 3. Runs jieba 0.42's POS tagger (Debian python3-jieba; nr/nrfg/nrt = PER,
#    nt = ORG, ns = LOC) on the same file with the same scorer.
# 4. Times ner_tag_words over 20 MB of the test text, one sentence per call
#    (the segmenter's words are found before the clock starts).
# bench/ner/entities_speed.sh times the tagger inside `crossread entities`.
# MSRA is not scored: the shipped model was trained on it.
# Tables go to stdout and bench/out/ner/results.md. CR_EVAL_DIR overrides
# the data directory.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
retrain=0 build=build
for a in "$@"; do
  case $a in
    --retrain) retrain=1 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) build=$a ;;
  esac
done
ev=${CR_EVAL_DIR:-$root/../shared/eval/ner}
export CROSSREAD_DATADIR=${CROSSREAD_DATADIR:-$root}   # the lexicon, for the segmenter
test=$ev/peoples_daily_example.test
out=$root/bench/out/ner
model=$root/data/ner.model
mkdir -p "$out"
meson compile -C "$root/$build" train_ner >/dev/null
tn=$root/$build/train_ner
# The settings of the shipped model (tools/train_ner.c defaults, spelt out;
# all 32 templates: see docs/performance.md for why not --drop 10,11,12,13).
# Words come from the segmenter, as in crossread.
train_args=(-e 8 --crf 0.1 --prune 0.1 --cls-count 2 --cls-ratio 0.05)

{
if [ $retrain = 1 ] || [ ! -f "$model" ]; then
  echo "## Training"
  echo
  start=$(date +%s.%N)
  "$tn" train "${train_args[@]}" -o "$model" \
    "$ev/peoples_daily_example.dev" "$ev/msra_test_bio.txt" 2>&1 | sed 's/^/    /'
  end=$(date +%s.%N)
  printf '\ntraining took %.0f s (one core); model %s bytes\n\n' \
    "$(echo "$end - $start" | bc)" "$(stat -c %s "$model")"
fi

echo "## Entity-level scores, People's Daily test (4,636 sentences)"
echo
"$tn" tag "$model" "$test" > "$out/crossread.bio"
python3 "$here/score.py" "$test" "$out/crossread.bio" "crossread"
"$tn" tag --hant "$model" "$test" > "$out/crossread_hant.bio"
python3 "$here/score.py" "$test" "$out/crossread_hant.bio" "crossread, Traditional input" | tail -n +3
if /usr/bin/python3 -c 'import jieba' 2>/dev/null; then
  /usr/bin/python3 "$here/jieba_tag.py" "$test" > "$out/jieba.bio"
  python3 "$here/score.py" "$test" "$out/jieba.bio" "jieba 0.42 posseg" | tail -n +3
else
  echo "(jieba not installed: apt-get install python3-jieba)"
fi
echo
echo "## Speed"
echo
"$tn" speed "$model" "$test" 20
} | tee "$out/results.md"
