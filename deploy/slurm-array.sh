#!/bin/bash
# yusuan over an archive with a Slurm job array: task K of N takes slice K.
#   sbatch --array=1-8 deploy/slurm-array.sh /data/archive /data/yusuan-out
#   (then, once all tasks are done) yusuan merge -o /data/yusuan-out/merged /data/yusuan-out/shard-*
#SBATCH --job-name=yusuan
#SBATCH --cpus-per-task=2
#SBATCH --mem=4G
set -euo pipefail
archive=$1 out=$2
n=${SLURM_ARRAY_TASK_COUNT:?run with sbatch --array=1-N}
exec yusuan extract -q -log-format json -timeout 10m \
	-shard "${SLURM_ARRAY_TASK_ID}/${n}" "$archive" -o "$out/shard-${SLURM_ARRAY_TASK_ID}"
