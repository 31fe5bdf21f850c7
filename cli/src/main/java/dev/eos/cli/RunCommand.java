package dev.eos.cli;

import dev.eos.cli.backend.Backend;
import dev.eos.cli.backend.ModelRequest;
import dev.eos.cli.backend.Problem;
import dev.eos.cli.backend.RunOutcome;
import dev.eos.cli.backend.RunPlan;
import dev.eos.cli.config.ConfigOption;
import dev.eos.cli.config.ResolvedOptions;
import dev.eos.cli.options.AlgorithmOptions;
import dev.eos.cli.options.MeasurementOptions;
import dev.eos.cli.options.ModelOptions;
import dev.eos.cli.options.OutputOptions;
import dev.eos.cli.options.StartOptions;
import dev.eos.cli.output.Format;
import dev.eos.cli.output.RunDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.concurrent.Callable;
import dev.eos.run.StopToken;
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
                    + "singular values 2, 0.6, 0.3) with the limiting flow alongside; about a minute."},
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
        ResolvedOptions r = ResolvedOptions.resolve(spec);
        model.checkApplicable(r.givenKeys());
        start.check(r.givenKeys());
        algorithm.check(r.givenKeys());
        measurement.check(r.givenKeys(), algorithm.algo);
        output.check();
        for (String key : ModelOptions.modelSpecificKeys()) {
            if (!ModelOptions.applies(key, model.model)) {
                r.remove(key);
            }
        }
        ModelRequest request = ModelRequest.of(model, start, model.builtIn(r.givenKeys()));
        Problem problem = backend.problem(request);
        if (model.builtIn(r.givenKeys())) {
            r.put("depth", ModelOptions.BUILT_IN_DEPTH);
            r.put("width", ModelOptions.BUILT_IN_WIDTH);
            r.put("spectrum", ModelOptions.BUILT_IN_SPECTRUM);
        }
        r.put("flow", measurement.effectiveFlow(algorithm.algo));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        Path dir = output.out != null ? output.out
                : RunDirectory.freshDefault(RunDirectory.runsBase(), model.model.cliName(), algorithm.algo.cliName(),
                        LocalDateTime.now());
        if (output.out != null) {
            RunDirectory.checkOut(dir, output.force);
        }
        RunPlan plan = plan(request, problem, dir, r.values(), new StopToken());
        if (output.dryRun) {
            out.print(r.toToml());
            out.println("# run directory: " + dir);
            out.println("# " + estimate(plan));
            out.flush();
            return ExitCodes.OK;
        }
        if (output.out == null) {
            RunDirectory.checkOut(dir, false);
        }
        Path created = RunDirectory.create(dir, output.force);
        RunOutcome outcome;
        try (RunSession session = RunSession.open("run", output.noProgress, err, plan.stop())) {
            outcome = backend.run(plan, session);
        } catch (RuntimeException e) {
            // bad input found late, or a failure before the engine wrote anything: leave no run-like directory
            if (e instanceof BadInputException || !RunDirectory.looksLikeRun(dir)) {
                RunDirectory.discard(created);
            }
            throw e;
        }
        return RunSession.finish("run", outcome, output.noPlots, problem.flattest(), out, err);
    }

    private RunPlan plan(ModelRequest request, Problem problem, Path dir, Map<String, Object> config,
                         StopToken stop) {
        AlgorithmOptions a = algorithm;
        MeasurementOptions m = measurement;
        return new RunPlan(request, problem, a.algo, a.eta, a.steps, a.effectiveHorizon(), a.noiseRadius, a.noiseEvery,
                a.divergenceBound, model.seed, m.metricsEvery, m.phiEvery, m.logPoints, m.effectiveFlow(a.algo),
                m.snapshotEvery, m.checkpointEvery, output.threads, dir, config, stop);
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
