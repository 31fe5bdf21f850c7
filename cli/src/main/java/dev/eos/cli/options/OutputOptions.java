package dev.eos.cli.options;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a run writes, how it reports progress, and the resources it uses. */
public final class OutputOptions {

    @Option(names = "--out", paramLabel = "DIR",
            description = "The run directory (default: a new runs/<date>-<time>-<model>-<algo>). An existing "
                    + "non-empty DIR is refused unless --force.")
    public Path out;

    @Option(names = "--force", description = "Replace the run in --out (refused when files other than eos's "
            + "are there).")
    public boolean force;

    @Option(names = "--no-progress",
            description = "No progress bar: a plain log line every few seconds instead (also the behaviour "
                    + "when stderr is not a terminal).")
    public boolean noProgress;

    @Option(names = "--no-plots", description = "Do not draw plots at the end (eos report DIR draws them later).")
    public boolean noPlots;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "1",
            description = "Threads inside one run: matrix sensing splits each pass over its measurements, and a "
                    + "deep linear net each evaluation over the input columns of its products (d_0 >= 64), over them "
                    + "(up to 8; the same bits for any T; small problems stay on one); the other models use one "
                    + "(default: ${DEFAULT-VALUE}; --jobs always means runs in parallel).")
    public int threads;

    @Option(names = "--dry-run",
            description = "Print the resolved config (as TOML, usable with --config) and an estimate of the "
                    + "time, and stop.")
    public boolean dryRun;

    /** Refuses a bad thread count. */
    public void check() {
        if (threads <= 0) {
            throw Checks.bad("--threads must be a positive integer, got " + threads);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        if (threads > 4 * cores) {
            throw Checks.bad("--threads " + threads + " is far above the " + cores + " cores of this machine");
        }
    }
}
