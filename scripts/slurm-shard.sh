#!/usr/bin/env bash
# One Slurm array task = one shard. Submit N tasks, then merge:
#   sbatch --array=1-7 scripts/slurm-shard.sh scenarios/hanoi-2026-2030-mc.toml 10000000 20260101 runs/hanoi
#   # after the array finishes (e.g. sbatch --dependency=afterok:<jobid> ...):
#   grdpsim merge runs/hanoi/part-* --out runs/hanoi/merged
#SBATCH --job-name=grdpsim
#SBATCH --cpus-per-task=2
#SBATCH --mem=1G
#SBATCH --time=01:00:00
set -euo pipefail
SCENARIO=$1 PATHS=$2 SEED=$3 WORK=$4
GRDPSIM=${GRDPSIM:-grdpsim}
I=${SLURM_ARRAY_TASK_ID:?run as a Slurm array job (sbatch --array=1-N)}
N=${SLURM_ARRAY_TASK_COUNT:?run as a Slurm array job (sbatch --array=1-N)}
export RAYON_NUM_THREADS=${SLURM_CPUS_PER_TASK:-1}
exec "$GRDPSIM" run "$SCENARIO" --paths "$PATHS" --seed "$SEED" --shard "$I/$N" --out "$WORK/part-$I" --quiet
