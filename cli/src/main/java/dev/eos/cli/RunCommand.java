package dev.eos.cli;

import dev.eos.cli.backend.Backend;
import dev.eos.cli.backend.RunOutcome;
import dev.eos.cli.backend.RunPlan;
import dev.eos.cli.common.ExitCodes;
import dev.eos.cli.config.ConfigOption;
import dev.eos.cli.config.RunOptionSet;
import dev.eos.cli.options.AlgorithmOptions;
import dev.eos.cli.options.MeasurementOptions;
import dev.eos.cli.options.ModelOptions;
import dev.eos.cli.options.OutputOptions;
import dev.eos.cli.options.StartOptions;
import dev.eos.cli.output.Format;
import dev.eos.cli.output.OutDirectory;
import dev.eos.cli.output.RunSession;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code eos run}: one experiment, from validated options to a run directory with metrics, plots and a summary. */
@Command(name = "run", mixinStandardHelpOptions = true, customSynopsis = "eos run [OPTIONS]", sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Run one experiment: Phase I to the minimizer manifold, then the drift along it, measured on a "
                    + "schedule, into a run directory (run.json, metrics.csv, final.npy, checkpoints, plots/).",
            "With no options: normalized GD on a square deep linear network (depth 3, width 3, target "
                    + "singular values 2, 0.6, 0.3) with the limiting flow alongside; under a minute."},
        footer = {
            "%nExamples:",
            "  eos run                                   # the built-in default experiment",
            "  eos run --algo sqrt --eta 2e-3 --horizon 10",
            "  eos run --model matrix-sensing --dim 10 --target-rank 2 --steps 1e6",
            "  eos run --config base.toml --eta 5e-4     # flags override the file",
            "  eos run --dry-run > base.toml             # the resolved config, as TOML",
            "%nExit codes:",
            "  0 ok   1 internal error   2 bad input   3 diverged",
            "  4 stopped by a signal after a checkpoint (continue with: eos resume DIR)"})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin(name = "model")
    ModelOptions model;

    @Mixin(name = "start")
    StartOptions start;

    @Mixin(name = "algorithm")
    AlgorithmOptions algorithm;

    @Mixin(name = "measurement")
    MeasurementOptions measurement;

    @Mixin(name = "output")
    OutputOptions output;

    @Mixin(name = "config")
    ConfigOption config;

    private final Backend backend;

    RunCommand(Backend backend) {
        this.backend = backend;
    }

    @Override
    public Integer call() {
        RunOptionSet options = new RunOptionSet(spec, model, start, algorithm, measurement, output, backend);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        Path dir = output.out != null ? output.out
                : OutDirectory.freshDefault(OutDirectory.runsBase(), model.model.cliName(), algorithm.algo.cliName(),
                        LocalDateTime.now());
        if (output.out != null) {
            OutDirectory.checkOut(dir, output.force);
        }
        RunPlan plan = options.plan(dir);
        if (output.dryRun) {
            out.print(options.dryRunToml());
            out.println("# run directory: " + dir);
            out.println("# " + estimate(plan));
            out.flush();
            return ExitCodes.OK;
        }
        if (output.out == null) {
            OutDirectory.checkOut(dir, false);
        }
        RunOutcome outcome = OutDirectory.fill(dir, output.force, () -> {
            try (RunSession session = RunSession.open("run", output.noProgress, err, plan.stop())) {
                return backend.run(plan, session);
            }
        });
        return RunEndings.finish("run", outcome, output.noPlots, options.problem().flattest(), out, err);
    }

    private String estimate(RunPlan plan) {
        double rate = backend.estimateStepsPerSecond(plan);
        String length = plan.steps() != null ? Format.count(plan.steps()) + " steps"
                : "Phase I + " + Format.count(Math.round(plan.horizon() / (plan.eta() * plan.eta())))
                        + " steps (horizon " + plan.horizon() + " / eta^2)";
        if (!(rate > 0)) {
            return length + "; no time estimate available";
        }
        double steps = plan.steps() != null ? plan.steps() : plan.horizon() / (plan.eta() * plan.eta());
        return length + "; about " + Format.count(Math.round(rate)) + " steps/s here, so about "
                + Format.duration(steps / rate) + " (metrics add to this)";
    }
}
