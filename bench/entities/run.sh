#!/usr/bin/env bash
# bench/entities/run.sh — entity extraction speed and NER-style scores.
#   bash bench/entities/run.sh [BUILD_DIR] [dev|test]
# Speed: 20 MB of cleaned text (the bundled pair and the made-up test
# articles, repeated as separate documents). NER: ../shared/eval/ner/
# peoples_daily_example.test (never used to tune the rules; dev is the
# .dev file), with and without the statistical tagger. Pass "dev" to score
# peoples_daily_example.dev instead (tune on dev; read test once).
# MODEL=FILE uses that tagger model instead of data/ner.model (the word
# lists stay the repository's): tune with a model that never saw dev, e.g.
#   build/train_ner train -o bench/out/msra.model ../shared/eval/ner/msra_test_bio.txt
#   MODEL=bench/out/msra.model NO_SPEED=1 bash bench/entities/run.sh build dev
# NO_SPEED=1 skips the speed runs.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=${1:-$ROOT/build}
SPLIT=${2:-test}
case $SPLIT in dev|test) ;; *) echo "split must be dev or test" >&2; exit 2 ;; esac
EVAL=${EVAL:-$ROOT/../shared/eval}
[ -d "$EVAL" ] || EVAL=/work/shared/eval
export CROSSREAD_DATADIR=$ROOT
if [ -n "${MODEL:-}" ]; then   # a data directory: the word lists, and MODEL
  M=$(cd "$(dirname "$MODEL")" && pwd)/$(basename "$MODEL")
  D=$ROOT/bench/out/entities/model
  rm -rf "$D" && mkdir -p "$D/data"
  for f in "$ROOT"/data/*; do [ "$(basename "$f")" = ner.model ] || ln -s "$f" "$D/data/"; done
  ln -s "$M" "$D/data/ner.model"
  export CROSSREAD_DATADIR=$D
fi
if [ -z "${NO_SPEED:-}" ]; then
  echo "== speed (20 MB)"
  "$B/bench/entities/ent_bench" 20 "$ROOT"/corpus/*.txt "$ROOT"/tests/data/entities/*.txt
  echo "== speed without the tagger"
  CROSSREAD_NO_TAGGER=1 "$B/bench/entities/ent_bench" 20 "$ROOT"/corpus/*.txt "$ROOT"/tests/data/entities/*.txt
fi
for f in peoples_daily_example.$SPLIT; do
  [ -f "$EVAL/ner/$f" ] || { echo "no $EVAL/ner/$f"; continue; }
  echo "== $f: full extractor (lexicon + rules + tagger)"
  "$B/bench/entities/ner_full" "$EVAL/ner/$f"
  echo "== $f: without the tagger"
  CROSSREAD_NO_TAGGER=1 "$B/bench/entities/ner_full" "$EVAL/ner/$f"
done
