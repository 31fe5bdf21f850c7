package dev.eos.cli.options;

import java.nio.file.Path;
import java.util.Set;
import picocli.CommandLine.Option;

/** Where a run (or a sharpness evaluation, or a flow) starts: a .npy file, or a seeded random start. */
public final class StartOptions {

    @Option(names = "--init", paramLabel = "FILE.npy",
            description = "The start point as .npy: a vector of the model's D parameters in its documented "
                    + "layout (for deep-linear W_1, ..., W_N, each row-major). Default: seeded random.")
    public Path init;

    @Option(names = "--init-scale", paramLabel = "S",
            description = "Scale >= 0 of the seeded random start: Gaussian entries with fan-in variance times S "
                    + "(default: 1; for the toys 0, their documented start).")
    public Double initScale;

    /** Refuses a start that is given twice, a bad scale, or a missing file. */
    public void check(Set<String> given) {
        if (init != null && given.contains("init-scale")) {
            throw Checks.bad("--init gives the start point: do not combine it with --init-scale");
        }
        Checks.nonNegative("init-scale", initScale);
        Checks.readable("init", init);
    }
}
