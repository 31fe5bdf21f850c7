#!/bin/bash
# Submits every row of /scratch/alice/eta-rate/manifest.csv (45 rows) as 1 Slurm job array (written by eos sweep slurm).
# Safe to run again: finished rows are no-ops, interrupted ones resume.
set -euo pipefail
mkdir -p /scratch/alice/eta-rate/logs
sbatch --array=0-44%16 --export=ALL,EOS_INDEX_OFFSET=0 /scratch/alice/eta-rate/sweep.sbatch   # rows 0..44
