#!/usr/bin/env bash
# bench/entities/losses.sh — where the full extractor loses People's Daily
# entities, by cause (docs/performance.md, "The full extractor").
#   MODEL=bench/out/msra.model bash bench/entities/losses.sh [dev|test|BIO_FILE]
# Builds build-tune/ (-DCR_GATE_TUNING: the tagger checks log every span and
# the check that dropped it; never shipped), runs ner_full --dump there and
# bench/entities/losses.py on the result. MODEL as in run.sh (default: the
# shipped data/ner.model, which was trained on dev). Environment variables
# GATE_SURE, GATE_MIN_PER, GATE_MIN_ORG, GATE_REPAIR override the
# thresholds in that build (entities.c) for sweeps, GATE_LIST_SEED the
# tagger score a list is followed from; GATE_EXT3=0, GATE_DICTVETO=0,
# GATE_TITLE_AFTER=0, GATE_LIST=0, GATE_LISTWORD=0, GATE_PLACE=0 and
# GATE_DOTORG=0 turn off the three-character extension, the
# dictionary-word veto, names before a title, list members, the
# dictionary-word check on them, the place veto and dotted organisations
# (session 4's ablations in docs/performance.md were run this way);
# session 5's: GATE_TPREFIX=0, GATE_PLACE_STRONG=0, GATE_LOCPER=0,
# GATE_CREDIT=0, GATE_GLUED=0, GATE_NUMUNIT=0, GATE_DICTCLS=0 and
# GATE_DICTPER (score cut x1000).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SPLIT=${1:-dev}
EVAL=${EVAL:-$ROOT/../shared/eval}
[ -d "$EVAL" ] || EVAL=/work/shared/eval
B=$ROOT/build-tune
[ -d "$B" ] || meson setup "$B" -Dc_args=-DCR_GATE_TUNING >/dev/null
meson compile -C "$B" ner_full >/dev/null
OUT=$ROOT/bench/out/entities
mkdir -p "$OUT"
BIO=$EVAL/ner/peoples_daily_example.$SPLIT
if [ -f "$SPLIT" ]; then BIO=$(cd "$(dirname "$SPLIT")" && pwd)/$(basename "$SPLIT"); SPLIT=$(basename "$SPLIT"); fi
export CROSSREAD_DATADIR=$ROOT
if [ -n "${MODEL:-}" ]; then
  M=$(cd "$(dirname "$MODEL")" && pwd)/$(basename "$MODEL")
  D=$OUT/model
  rm -rf "$D" && mkdir -p "$D/data"
  for f in "$ROOT"/data/*; do [ "$(basename "$f")" = ner.model ] || ln -s "$f" "$D/data/"; done
  ln -s "$M" "$D/data/ner.model"
  export CROSSREAD_DATADIR=$D
fi
"$B/bench/entities/ner_full" --dump "$OUT/$SPLIT.dump.tsv" \
  "$BIO" 2>"$OUT/$SPLIT.gate.log"
python3 "$ROOT/bench/entities/losses.py" "$BIO" \
  "$OUT/$SPLIT.dump.tsv" "$OUT/$SPLIT.gate.log"
