package dev.eos.cli.sweep;

import java.nio.file.Path;
import java.util.List;

/**
 * The text of SWEEP/sweep.sbatch (a Slurm job array over the manifest, one row per task) and SWEEP/submit.sh (one
 * sbatch per chunk below MaxArraySize). The batch shell gets Slurm's early warning ({@code --signal=B:USR1@S}),
 * forwards it to eos, which checkpoints and exits 4, and then requeues its task with {@code scontrol requeue}: a
 * task that reaches its time limit is not requeued by {@code --requeue} alone.
 *
 * @param sweep        the sweep directory (absolute)
 * @param eos          the eos launcher (absolute)
 * @param rows         rows in the manifest
 * @param chunks       the arrays covering them
 * @param concurrency  tasks running at once per array (%K)
 * @param time         the time limit of one task
 * @param signalLead   seconds before the time limit at which USR1 is sent
 * @param cpus         CPUs per task
 * @param jobName      the job name
 * @param extra        further #SBATCH options (e.g. "--partition=short"), as given
 * @param javaOpts     EOS_JAVA_OPTS for the tasks, or empty
 */
record SbatchScript(Path sweep, Path eos, int rows, List<SlurmArrays.Chunk> chunks, int concurrency, String time,
                    int signalLead, int cpus, String jobName, List<String> extra, String javaOpts) {

    /** The batch script. */
    String sbatch() {
        SlurmArrays.Chunk first = chunks.get(0);
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/bash\n");
        s.append("# eos sweep: a Slurm job array over ").append(sweep.resolve(Manifest.NAME)).append(" (").append(rows)
                .append(" rows), written by eos sweep slurm.\n");
        s.append("# Submit every row with:  bash ").append(sweep.resolve(SweepDir.SUBMIT)).append('\n');
        if (chunks.size() == 1) {
            s.append("#   (one array is enough here, so this is the same as: sbatch ")
                    .append(sweep.resolve(SweepDir.SBATCH)).append(")\n");
        } else {
            s.append("#   (").append(chunks.size()).append(" arrays of at most ").append(first.size())
                    .append(" tasks, below MaxArraySize; sbatch of this file alone runs rows 0..")
                    .append(first.size() - 1).append(")\n");
        }
        s.append("#\n");
        s.append("# Each task runs one manifest row: eos sweep run reads SLURM_ARRAY_TASK_ID and adds\n");
        s.append("# EOS_INDEX_OFFSET (--index-offset; set per chunk by submit.sh). A finished row is a no-op, so\n");
        s.append("# resubmitting runs only what is left; an interrupted row resumes from its checkpoint.\n");
        s.append("#\n");
        s.append("# Time limits: Slurm sends SIGUSR1 to this batch shell ").append(signalLead).append(" s before the limit\n");
        s.append("# (--signal=B:USR1@").append(signalLead).append("; B: = the batch shell only). The shell forwards it to eos, which\n");
        s.append("# writes a checkpoint and exits 4; the shell then requeues this task (scontrol requeue) and the\n");
        s.append("# next start resumes the row. --requeue alone would not requeue a task that hits its time limit.\n");
        s.append("# A SIGTERM (scancel, preemption) is forwarded too: eos checkpoints and exits 4, not requeued here.\n");
        s.append("#\n");
        s.append("#SBATCH --job-name=").append(jobName).append('\n');
        s.append("#SBATCH --array=0-").append(first.size() - 1).append('%').append(concurrency).append('\n');
        s.append("#SBATCH --time=").append(time).append('\n');
        s.append("#SBATCH --cpus-per-task=").append(cpus).append('\n');
        s.append("#SBATCH --signal=B:USR1@").append(signalLead).append('\n');
        s.append("#SBATCH --requeue\n");
        s.append("#SBATCH --open-mode=append\n");
        s.append("#SBATCH --output=").append(sweep.resolve(SweepDir.LOGS)).append("/%A_%a.log\n");
        for (String e : extra) {
            s.append("#SBATCH ").append(e).append('\n');
        }
        s.append('\n');
        s.append("set -u\n");
        s.append("sweep=").append(quote(sweep.toString())).append('\n');
        s.append("eos=").append(quote(eos.toString())).append('\n');
        s.append("offset=\"${EOS_INDEX_OFFSET:-0}\"\n");
        s.append("# eos needs JDK 25 on the compute nodes: its launcher looks at JAVA_HOME, then /usr/lib/jvm.\n");
        s.append("# export JAVA_HOME=/path/to/jdk-25\n");
        if (!javaOpts.isEmpty()) {
            s.append("export EOS_JAVA_OPTS=").append(quote(javaOpts)).append('\n');
        } else {
            s.append("# export EOS_JAVA_OPTS=\"-Xmx4g\"\n");
        }
        s.append('\n');
        s.append("child=0\n");
        s.append("warned=0\n");
        s.append("on_usr1() { warned=1; [ \"$child\" -gt 0 ] && kill -USR1 \"$child\" 2>/dev/null; }\n");
        s.append("on_term() { [ \"$child\" -gt 0 ] && kill -TERM \"$child\" 2>/dev/null; }\n");
        s.append("trap on_usr1 USR1\n");
        s.append("trap on_term TERM\n");
        s.append('\n');
        s.append("echo \"eos sweep: array task ${SLURM_ARRAY_JOB_ID:-?}_${SLURM_ARRAY_TASK_ID:-?} + offset $offset "
                + "(job ${SLURM_JOB_ID:-?}, restart ${SLURM_RESTART_COUNT:-0}) on $(hostname) at $(date -u +%FT%TZ)\"\n");
        s.append("# In the background, so that this shell can take the signal and hand it on (the launcher execs the\n");
        s.append("# JVM, so $child is the JVM itself).\n");
        s.append("\"$eos\" sweep run \"$sweep\" --index-offset \"$offset\" --no-progress &\n");
        s.append("child=$!\n");
        s.append("# wait returns early when a trapped signal arrives: wait until eos itself has ended, then take\n");
        s.append("# its exit status\n");
        s.append("while kill -0 \"$child\" 2>/dev/null; do wait \"$child\"; done\n");
        s.append("wait \"$child\"\n");
        s.append("rc=$?\n");
        s.append("if [ \"$rc\" -eq 4 ] && [ \"$warned\" -eq 1 ]; then\n");
        s.append("  echo \"eos sweep: checkpointed before the time limit; requeueing job $SLURM_JOB_ID\"\n");
        s.append("  scontrol requeue \"$SLURM_JOB_ID\"\n");
        s.append("fi\n");
        s.append("exit \"$rc\"\n");
        return s.toString();
    }

    /** The submit script: one sbatch per chunk. */
    String submit() {
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/bash\n");
        s.append("# Submits every row of ").append(sweep.resolve(Manifest.NAME)).append(" (").append(rows)
                .append(" rows) as ").append(chunks.size()).append(" Slurm job array").append(chunks.size() == 1 ? "" : "s")
                .append(" (written by eos sweep slurm).\n");
        s.append("# Safe to run again: finished rows are no-ops, interrupted ones resume.\n");
        s.append("set -euo pipefail\n");
        s.append("mkdir -p ").append(quote(sweep.resolve(SweepDir.LOGS).toString())).append('\n');
        for (SlurmArrays.Chunk c : chunks) {
            s.append("sbatch --array=0-").append(c.size() - 1).append('%').append(concurrency)
                    .append(" --export=ALL,EOS_INDEX_OFFSET=").append(c.offset()).append(' ')
                    .append(quote(sweep.resolve(SweepDir.SBATCH).toString()))
                    .append("   # rows ").append(c.offset()).append("..").append(c.offset() + c.size() - 1).append('\n');
        }
        return s.toString();
    }

    /** A shell word: single-quoted unless it is plain. */
    static String quote(String text) {
        if (text.matches("[A-Za-z0-9_./=:,+@%-]+")) {
            return text;
        }
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
