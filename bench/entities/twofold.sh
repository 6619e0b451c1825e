#!/usr/bin/env bash
# bench/entities/twofold.sh — two-fold estimate of the full extractor on
# peoples_daily_example.dev with taggers that never saw the half they score
# (docs/performance.md, "The full extractor"): dev is split into A
# (sentences 0, 2, 4 ...) and B; a model trained on MSRA + A scores B and
# one trained on MSRA + B scores A; counts are summed.
#   bash bench/entities/twofold.sh [BUILD_DIR]      # trains once, then reuses
# RETRAIN=1 trains the two models again (2 x ~20 s CPU). TRAIN_OPTS are
# passed to train_ner (default: --drop 10,11,12,13, as for msra.model);
# NAME keeps those models apart (bench/out/entities/twofold-NAME/).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=${1:-$ROOT/build}
EVAL=${EVAL:-$ROOT/../shared/eval}
[ -d "$EVAL" ] || EVAL=/work/shared/eval
OUT=$ROOT/bench/out/entities/twofold${NAME:+-$NAME}
mkdir -p "$OUT"
python3 - "$EVAL/ner/peoples_daily_example.dev" "$OUT" <<'PY'
import sys
s = open(sys.argv[1], encoding='utf-8').read().strip('\n').split('\n\n')
for h, part in (('A', s[0::2]), ('B', s[1::2])):
    open(f'{sys.argv[2]}/dev{h}.bio', 'w', encoding='utf-8').write('\n\n'.join(part) + '\n\n')
PY
for h in A B; do
  if [ -n "${RETRAIN:-}" ] || [ ! -f "$OUT/dev$h.model" ]; then
    CROSSREAD_DATADIR=$ROOT "$B/train_ner" train ${TRAIN_OPTS:---drop 10,11,12,13} \
      -o "$OUT/dev$h.model" "$OUT/dev$h.bio" "$EVAL/ner/msra_test_bio.txt" >/dev/null 2>&1
  fi
done
D=$OUT/data
for h in A B; do
  o=$([ $h = A ] && echo B || echo A)
  rm -rf "$D" && mkdir -p "$D/data"
  for f in "$ROOT"/data/*; do [ "$(basename "$f")" = ner.model ] || ln -s "$f" "$D/data/"; done
  ln -s "$OUT/dev$h.model" "$D/data/ner.model"
  CROSSREAD_DATADIR=$D "$B/bench/entities/ner_full" "$OUT/dev$o.bio"
done | awk -F'|' '/^\| (PER|ORG)/ { g[$2]+=$3; p[$2]+=$4; c[$2]+=$5 }
  END { print "| type | gold | predicted | correct | P | R | F1 |"; print "|---|---|---|---|---|---|---|"
        for (t in g) { P=c[t]/p[t]; R=c[t]/g[t]; printf "|%s| %d | %d | %d | %.3f | %.3f | %.3f |\n", t, g[t], p[t], c[t], P, R, 2*P*R/(P+R) } }'
