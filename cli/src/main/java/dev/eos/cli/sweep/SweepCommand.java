package dev.eos.cli.sweep;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code eos sweep}: many runs as one experiment. Each run is an independent, restartable unit addressed by its row
 * index, so any index-driven engine can drive it: threads on this machine, Slurm job arrays, Kubernetes Indexed
 * Jobs.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {
            "Sweeps: plan a grid of runs, run them here (N at a time) or on a cluster, and collect one summary.",
            "",
            "  eos sweep plan --eta 1e-1:1e-4:log:16 --seeds 0..4 --out SWEEP",
            "  eos sweep run SWEEP --all --jobs 4     # or: eos sweep slurm SWEEP",
            "  eos sweep collect SWEEP                # SWEEP/summary.csv",
            "  eos rates SWEEP --metric dist_to_phi   # the exponent in eta"},
        subcommands = {PlanCommand.class, SweepRunCommand.class, CollectCommand.class, SlurmCommand.class, RowCommand.class},
        footer = {
            "%nExit codes:",
            "  0 ok   1 internal error   2 bad input   3 a run diverged",
            "  4 stopped by a signal after checkpointing (run the same command again to continue)"})
public final class SweepCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        CommandLine cl = spec.commandLine();
        cl.usage(cl.getOut());
    }
}
