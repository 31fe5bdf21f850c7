package dev.eos.cli.sweep;

import dev.eos.cli.config.RunOptionSet;
import dev.eos.cli.backend.Backend;
import dev.eos.cli.backend.EngineBackend;
import dev.eos.cli.backend.RunPlan;
import dev.eos.cli.config.ConfigOption;
import dev.eos.cli.options.AlgorithmOptions;
import dev.eos.cli.options.MeasurementOptions;
import dev.eos.cli.options.ModelOptions;
import dev.eos.cli.options.OutputOptions;
import dev.eos.cli.options.StartOptions;
import dev.eos.io.Json;
import dev.eos.run.RunSpec;
import dev.eos.run.StopToken;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code eos sweep row} (hidden): one row of a sweep, parsed with exactly {@code eos run}'s options (the same
 * mixins, the same --config keys, the same checks) and resolved into the {@link RunPlan} that {@code eos run} would
 * start. Sweeps rebuild every row this way from base.toml plus the row's grid values; by hand it prints a row's
 * resolved spec and run id.
 */
@Command(name = "row", hidden = true, mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print the run id and resolved spec of one row: eos run's options (e.g. --config "
                + "SWEEP/base.toml --eta 0.01 --seed 3).")
final class RowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    // the mixins of eos run, in its order (RunCommand): the option set, config keys and checks are run's
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

    RowCommand(Backend backend) {
        this.backend = backend;
    }

    /**
     * A resolved row.
     *
     * @param plan what {@code eos run} would run (its dir is the placeholder given, its config has "out" = dir)
     * @param spec the engine's spec of the plan
     */
    record Resolved(RunPlan plan, RunSpec spec) {

        /** The run id: the hash of the spec's canonical JSON, file paths excluded, file bytes included. */
        String id() {
            return spec.id();
        }

        /** The same plan, running into {@code dir} and stopped by {@code stop}. */
        RunPlan into(Path dir, StopToken stop) {
            RunPlan p = plan;
            Map<String, Object> config = new LinkedHashMap<>(p.config());
            config.put("out", dir.toString());
            return new RunPlan(p.model(), p.problem(), p.algo(), p.eta(), p.steps(), p.horizon(), p.noiseRadius(),
                    p.noiseEvery(), p.divergenceBound(), p.seed(), p.metricsEvery(), p.phiEvery(), p.logPoints(),
                    p.flow(), p.snapshotEvery(), p.checkpointEvery(), p.threads(), dir, config, stop);
        }
    }

    /**
     * Validates the parsed options and builds the plan exactly as {@code eos run} does ({@link RunOptionSet}; bad
     * input is a {@link dev.eos.cli.common.BadInputException}), into --out or the placeholder directory "row".
     */
    Resolved resolve() {
        RunOptionSet options = new RunOptionSet(spec, model, start, algorithm, measurement, output, backend);
        Path dir = output.out != null ? output.out : Path.of("row");
        options.resolved().put("out", dir);
        RunPlan plan = options.plan(dir);
        return new Resolved(plan, EngineBackend.spec(plan));
    }

    @Override
    public Integer call() {
        Resolved row = resolve();
        PrintWriter out = spec.commandLine().getOut();
        out.println("id " + row.id());
        out.print(Json.pretty(row.spec().toJson()));
        out.flush();
        return 0;
    }
}
