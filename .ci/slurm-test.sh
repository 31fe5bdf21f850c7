#!/usr/bin/env bash
# A real Slurm test of eos sweeps (called by .ci/run after the test suite).
#
# Installs Debian's slurm-wlm and munge when absent (apt-get), starts a single-node cluster on this machine (munged
# as user munge; slurmctld -i and slurmd with a minimal slurm.conf in a temporary directory, given by SLURM_CONF, so
# /etc/slurm is not touched), then:
#   1. plans a 4-row sweep, submits it with the generated sweep.sbatch (bash submit.sh), waits by polling squeue
#      (accounting is off: no sacct), collects, and checks that every row completed and that summary.csv equals
#      the summary of the same manifest run locally with eos sweep run --all, bit for bit apart from the timing
#      columns;
#   2. sends SIGUSR1 to the batch shell of a running task (scancel --signal=USR1 --batch, what --signal=B:USR1@S
#      does before a time limit): eos must checkpoint, exit 4, and the script requeue the task, which then resumes
#      the row to the bits of an uninterrupted run.
# It stops the daemons it started (by PID) and removes what it created, leaving the machine as it found it.
# Skipped, with the reason, only where Slurm cannot be installed or started here (no root, no apt-get, a Slurm
# already running).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
eos="$root/eos"
say() { echo "slurm-test: $*"; }
skip() { say "SKIPPED: $*"; exit 0; }
fail() { say "FAILED: $*"; exit 1; }

# ---- install ---------------------------------------------------------------------------------------------------
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null \
    || ! command -v munged >/dev/null; then
  [[ "$(id -u)" -eq 0 ]] || skip "slurm-wlm/munge are not installed and this is not root (cannot apt-get install)"
  command -v apt-get >/dev/null || skip "slurm-wlm/munge are not installed and there is no apt-get here"
  say "installing slurm-wlm and munge with apt-get (about a minute) ..."
  log="$(mktemp)"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm munge >"$log" 2>&1; then
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -q && \
           DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm munge; } >"$log" 2>&1; then
      tail -5 "$log" >&2
      rm -f "$log"
      skip "apt-get could not install slurm-wlm and munge (output above)"
    fi
  fi
  rm -f "$log"
fi
[[ "$(id -u)" -eq 0 ]] || skip "starting slurmctld, slurmd and munged needs root"
if pgrep -x slurmctld >/dev/null || pgrep -x slurmd >/dev/null; then
  skip "a Slurm daemon already runs on this machine; not starting a test cluster beside it"
fi

# ---- the cluster: everything we create is recorded for the cleanup ---------------------------------------------
work="$(mktemp -d /tmp/eos-slurm-test.XXXXXX)"
chmod 755 "$work"
started_munged=""
created_run_munge=""
created_key=""
jobs_submitted=()

cleanup() {
  set +e
  if [[ -f "$work/slurm.conf" ]]; then
    export SLURM_CONF="$work/slurm.conf"
    for j in "${jobs_submitted[@]}"; do scancel "$j" 2>/dev/null; done
    for _ in $(seq 1 30); do [[ -z "$(squeue -h 2>/dev/null)" ]] && break; sleep 1; done
  fi
  for f in "$work/slurmd.pid" "$work/slurmctld.pid"; do
    if [[ -f "$f" ]]; then
      pid="$(cat "$f")"
      kill "$pid" 2>/dev/null
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
  done
  if [[ -n "$started_munged" ]]; then
    kill "$started_munged" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$started_munged" 2>/dev/null || break; sleep 0.1; done
  fi
  [[ -n "$created_run_munge" ]] && rm -rf /run/munge
  [[ -n "$created_key" ]] && rm -f /etc/munge/munge.key
  rm -rf "$work"
}
trap cleanup EXIT

if [[ ! -f /etc/munge/munge.key ]]; then
  dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 2>/dev/null
  created_key=1
fi
chown munge:munge /etc/munge/munge.key
[[ -n "$created_key" ]] && chmod 400 /etc/munge/munge.key
if ! pgrep -x munged >/dev/null; then
  if [[ ! -d /run/munge ]]; then
    mkdir -p /run/munge
    created_run_munge=1
  fi
  chown munge:munge /run/munge
  chmod 755 /run/munge
  mkdir -p "$work/munge"
  chown munge:munge "$work/munge"
  chmod 700 "$work/munge"
  runuser -u munge -- /usr/sbin/munged --pid-file="$work/munge/munged.pid" \
    --log-file="$work/munge/munged.log" --seed-file="$work/munge/munged.seed"
  for _ in $(seq 1 50); do [[ -s "$work/munge/munged.pid" ]] && break; sleep 0.1; done
  started_munged="$(cat "$work/munge/munged.pid")"
fi
munge -n | unmunge >/dev/null || fail "munge does not work (see $work/munge/munged.log)"

host="$(hostname -s)"
mem_mb="$(awk '/MemTotal/ { print int($2 / 1024 * 0.8) }' /proc/meminfo)"
mkdir -p "$work/state" "$work/spool"
cat >"$work/slurm.conf" <<EOF
# a single-node test cluster (eos .ci/slurm-test.sh)
ClusterName=eostest
SlurmctldHost=$host
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
ReturnToService=2
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
NodeName=$host CPUs=2 RealMemory=$mem_mb State=UNKNOWN
PartitionName=main Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$work/slurm.conf"
slurmctld -i -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"
for _ in $(seq 1 60); do sinfo -h -o '%T' 2>/dev/null | grep -qx idle && break; sleep 0.5; done
sinfo -h -o '%T' | grep -qx idle || fail "the node did not come up (see $work/slurmctld.log, $work/slurmd.log)"
say "single-node cluster up: $(sinfo -h -o '%P %D %c %T' | head -1) (MaxArraySize $(scontrol show config \
  | awk '/^MaxArraySize/ { print $3 }'))"

# ---- helpers -----------------------------------------------------------------------------------------------------
"$eos" --version >/dev/null # builds the jar first if needed, so that tasks never build it at once

wait_empty() { # waits until none of our jobs is in squeue, at most $1 seconds
  local q
  for _ in $(seq 1 "$1"); do
    if q="$(squeue -h -o '%i %T' 2>/dev/null)" && [[ -z "$q" ]]; then
      return 0
    fi
    sleep 1
  done
  squeue >&2
  fail "jobs still queued after $1 s"
}

compare_summaries() { # summary.csv of $1 and $2 without the timing columns (the last four)
  python3 - "$1/summary.csv" "$2/summary.csv" <<'EOF'
import csv, sys
def rows(path):
    with open(path, newline="") as f:
        r = list(csv.reader(f))
    assert r[0][-4:] == ["steps_per_second", "loop_seconds", "metric_seconds", "total_seconds"], r[0]
    return [row[:-4] for row in r]
a, b = rows(sys.argv[1]), rows(sys.argv[2])
if a != b:
    for x, y in zip(a, b):
        if x != y:
            print("differs:\n  ", x, "\n  ", y)
    sys.exit(1)
status = a[0].index("status")
bad = [row for row in a[1:] if row[status] != "completed"]
if bad:
    print("not completed:", bad)
    sys.exit(1)
print(f"{len(a) - 1} rows completed; summaries equal in all {len(a[0])} deterministic columns")
EOF
}

plan() { # plan DIR ARGS...: the same plan twice gives the same manifest
  local dir="$1"
  shift
  "$eos" sweep plan --out "$dir" "$@" >/dev/null
}

# ---- 1. a 4-task array ---------------------------------------------------------------------------------------------
say "1. a 4-row sweep as a Slurm job array ..."
plan "$work/cluster" --model toy2d --log-points 10 --eta 0.1,0.05 --seeds 0..1 --steps 20000 --metrics-every 1000
plan "$work/local" --model toy2d --log-points 10 --eta 0.1,0.05 --seeds 0..1 --steps 20000 --metrics-every 1000
cmp -s "$work/cluster/manifest.csv" "$work/local/manifest.csv" || fail "the same plan gave different manifests"
"$eos" sweep slurm "$work/cluster" --time 0:10:00 --concurrency 2 | sed 's/^/  /'
out="$(bash "$work/cluster/submit.sh")"
job="$(awk '/Submitted batch job/ { print $4 }' <<<"$out")"
[[ -n "$job" ]] || fail "sbatch did not submit: $out"
jobs_submitted+=("$job")
say "  submitted array job $job"
wait_empty 300
"$eos" sweep collect "$work/cluster" | sed 's/^/  /'
n_logs="$(find "$work/cluster/logs" -name "${job}_*.log" | wc -l)"
[[ "$n_logs" -eq 4 ]] || fail "expected 4 task logs, found $n_logs"
"$eos" sweep run "$work/local" --all --jobs 2 --no-progress 2>&1 | sed 's/^/  /'
"$eos" sweep collect "$work/local" >/dev/null
compare_summaries "$work/cluster" "$work/local" | sed 's/^/  /' || fail "the cluster's summary differs from the local one"

# ---- 2. USR1 to the batch shell: checkpoint, exit 4, requeue, resume -------------------------------------------------
say "2. SIGUSR1 to a running task's batch shell ..."
# a row of several seconds on any machine: toy2d runs 30M steps/s once compiled and finished 6e6 steps before the
# signal came; a deep linear net of D = 768 runs ~1M steps/s, so 6e6 steps take ~6 s here
slow=(--model deep-linear --depth 3 --width 16 --eta 0.01 --steps 6e6 --metrics-every 1e6 --log-points 0 --no-flow)
plan "$work/requeue" "${slow[@]}"
plan "$work/whole" "${slow[@]}"
"$eos" sweep slurm "$work/requeue" --time 0:10:00 >/dev/null
job="$(sbatch --parsable "$work/requeue/sweep.sbatch")"
job="${job%%;*}"
jobs_submitted+=("$job")
id="$(tail -1 "$work/requeue/manifest.csv" | cut -d, -f2)"
run="$work/requeue/runs/$id"
for _ in $(seq 1 300); do [[ -f "$run/run.json" ]] && break; sleep 0.2; done
[[ -f "$run/run.json" ]] || fail "the task did not start its run (see $work/requeue/logs)"
sleep 1
scancel --signal=USR1 --batch "${job}_0"
for _ in $(seq 1 120); do
  scontrol show job "${job}_0" 2>/dev/null | grep -q 'Restarts=[1-9]' && \
    scontrol show job "${job}_0" | grep -q 'JobState=PENDING' && break
  sleep 0.5
done
scontrol show job "${job}_0" | grep -q 'Restarts=[1-9]' || fail "the task was not requeued ($(cat "$work"/requeue/logs/*))"
log="$(cat "$work"/requeue/logs/*.log)"
grep -q 'received SIGUSR1: writing a checkpoint' <<<"$log" || fail "eos did not get the USR1: $log"
grep -q 'requeueing job' <<<"$log" || fail "the script did not requeue: $log"
say "  task checkpointed at step $(sed -n 's/.*stopped at step \([0-9,]*\).*/\1/p' <<<"$log") and was requeued"
# Slurm holds a requeued job for two minutes (EligibleTime); the test does not wait for that. Not "now": a restart in
# the same second as the kill is refused by slurmd ("Job credential revoked": the revocation is kept per second),
# which failed this test once
scontrol update JobId="${job}_0" StartTime=now+3
wait_empty 300
[[ -f "$run/DONE" ]] || fail "the requeued task did not finish the row: $(cat "$work"/requeue/logs/*; \
  scontrol show job "${job}_0" 2>&1; tail -20 "$work/slurmctld.log")"
python3 - "$run/run.json" <<'EOF' || fail "run.json does not show a start and a resume"
import json, sys
s = [x["kind"] for x in json.load(open(sys.argv[1]))["sessions"]]
assert s == ["start", "resume"], s
EOF
"$eos" sweep run "$work/whole" --index 0 --no-progress >"$work/whole.log" 2>&1 \
  || fail "the local run failed: $(cat "$work/whole.log")"
for f in final.npy metrics.csv; do
  cmp -s "$run/$f" "$work/whole/runs/$id/$f" || fail "$f of the requeued row differs from an uninterrupted run"
done
say "  resumed after the requeue to the same final.npy and metrics.csv as an uninterrupted run"
say "PASSED"
