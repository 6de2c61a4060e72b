#!/usr/bin/env bash
# Container command of a Kubernetes Indexed Job (completionMode: Indexed): the pod with
# JOB_COMPLETION_INDEX = k (0-based) computes shard k+1 of SHARDS into a shared volume.
# See docs/cluster.md for the Job manifest; merge with `grdpsim merge $WORK/part-*` afterwards.
set -euo pipefail
: "${SCENARIO:?}" "${PATHS:?}" "${SEED:?}" "${SHARDS:?}" "${WORK:?}"
GRDPSIM=${GRDPSIM:-grdpsim}
K=${JOB_COMPLETION_INDEX:?set by Kubernetes for completionMode: Indexed}
I=$((K + 1))
exec "$GRDPSIM" run "$SCENARIO" --paths "$PATHS" --seed "$SEED" --shard "$I/$SHARDS" --out "$WORK/part-$I" --quiet
