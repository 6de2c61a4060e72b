#!/usr/bin/env bash
# Run a Monte Carlo as N shards in parallel on one machine, then merge them.
# The merged summary.json is byte-identical to `grdpsim run` with the same seed and paths.
#
# Usage: scripts/run-shards-local.sh SCENARIO PATHS SEED SHARDS OUT_DIR [GRDPSIM]
# With GNU parallel installed, the loop below is equivalent to:
#   parallel -j "$(nproc)" "$GRDPSIM" run "$SCENARIO" --paths "$PATHS" --seed "$SEED" \
#     --shard {}/"$SHARDS" --out "$WORK/part-{}" -q ::: $(seq 1 "$SHARDS")
set -euo pipefail
SCENARIO=$1 PATHS=$2 SEED=$3 SHARDS=$4 OUT=$5
GRDPSIM=${6:-grdpsim}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
pids=()
for i in $(seq 1 "$SHARDS"); do
  # each shard uses one thread; the shards themselves run in parallel
  RAYON_NUM_THREADS=1 "$GRDPSIM" run "$SCENARIO" --paths "$PATHS" --seed "$SEED" \
    --shard "$i/$SHARDS" --out "$WORK/part-$i" -q &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
"$GRDPSIM" merge "$WORK"/part-* --out "$OUT" -q
echo "$OUT/summary.json"
