#!/usr/bin/env bash
# bench/entities/losses.sh — loss breakdown of the full extractor on People's
# Daily dev (docs/performance.md, "The full extractor").
#   bash bench/entities/losses.sh [MODEL_DIR] [dev|test]
# Builds build-tune/ (-DCR_GATE_TUNING: the tagger checks log what they drop)
# and runs ner_full --dump there, then losses.py. MODEL_DIR holds data/ with
# the word lists and the ner.model to use (default: the repository's).
# For tuning use a model trained on MSRA only (see docs/performance.md).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DIR=${1:-$ROOT}
SPLIT=${2:-dev}
EVAL=${EVAL:-$ROOT/../shared/eval}
[ -d "$EVAL" ] || EVAL=/work/shared/eval
B=$ROOT/build-tune
[ -d "$B" ] || meson setup "$B" -Dc_args=-DCR_GATE_TUNING >/dev/null
meson compile -C "$B" ner_full >/dev/null
OUT=$ROOT/bench/out/entities
mkdir -p "$OUT"
CROSSREAD_DATADIR=$DIR "$B/bench/entities/ner_full" --dump "$OUT/$SPLIT.dump.tsv" \
  "$EVAL/ner/peoples_daily_example.$SPLIT" 2>"$OUT/$SPLIT.gate.log"
python3 "$ROOT/bench/entities/losses.py" "$EVAL/ner/peoples_daily_example.$SPLIT" \
  "$OUT/$SPLIT.dump.tsv" "$OUT/$SPLIT.gate.log"
