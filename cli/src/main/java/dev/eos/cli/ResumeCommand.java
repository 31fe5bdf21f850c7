package dev.eos.cli;

import dev.eos.cli.backend.Backend;
import dev.eos.cli.backend.RunOutcome;
import dev.eos.cli.common.BadInputException;
import dev.eos.cli.options.Checks;
import dev.eos.cli.options.Counts;
import dev.eos.cli.output.OutDirectory;
import dev.eos.cli.output.RunSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import dev.eos.run.StopToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eos resume DIR}: continues a stopped run from its last checkpoint, or extends a finished one. */
@Command(name = "resume", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Continue the run in DIR from its last checkpoint, with the config stored in DIR/run.json. The final "
                    + "iterate is bit-identical to an uninterrupted run; metrics.csv is cut back to the "
                    + "checkpoint, so no row is duplicated or lost.",
            "With --steps N, a finished run is extended to N steps in total."},
        footer = {
            "%nExamples:",
            "  eos resume runs/20250101-120000-deep-linear-ngd",
            "  eos resume DIR --steps 4e6     # extend a finished run to 4,000,000 steps",
            "%nExit codes:",
            "  0 ok   1 internal error   2 bad input (not a run, corrupt checkpoint)",
            "  3 diverged   4 stopped by a signal again (resume again)"})
final class ResumeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The run directory (it holds run.json).")
    Path dir;

    @Option(names = "--steps", paramLabel = "N", converter = Counts.class,
            description = "The total number of steps (to extend a finished run).")
    Long steps;

    @Option(names = "--no-progress", description = "No progress bar: a plain log line every few seconds.")
    boolean noProgress;

    @Option(names = "--no-plots", description = "Do not draw plots at the end.")
    boolean noPlots;

    private final Backend backend;

    ResumeCommand(Backend backend) {
        this.backend = backend;
    }

    @Override
    public Integer call() {
        Checks.positive("steps", steps);
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": no such directory");
        }
        if (!OutDirectory.looksLikeRun(dir)) {
            throw new BadInputException(dir + " is not a run directory (no " + OutDirectory.RUN_JSON
                    + "); start a run with: eos run --out " + dir);
        }
        if (!Files.isWritable(dir)) {
            throw new BadInputException(dir + " is not writable (permission denied)");
        }
        StopToken stop = new StopToken();
        RunOutcome outcome;
        try (RunSession session = RunSession.open("resume", noProgress, spec.commandLine().getErr(), stop)) {
            outcome = backend.resume(dir, steps, stop, session);
        }
        return RunEndings.finish("resume", outcome, noPlots, RunInfo.read(dir).flattest(),
                spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
