package dev.eos.cli.config;

import dev.eos.cli.backend.Backend;
import dev.eos.cli.backend.ModelRequest;
import dev.eos.cli.backend.Problem;
import dev.eos.cli.backend.RunPlan;
import dev.eos.cli.common.BadInputException;
import dev.eos.cli.options.AlgorithmOptions;
import dev.eos.cli.options.MeasurementOptions;
import dev.eos.cli.options.ModelOptions;
import dev.eos.cli.options.OutputOptions;
import dev.eos.cli.options.StartOptions;
import dev.eos.run.StopToken;
import java.nio.file.Path;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The options of {@code eos run} (its model, start, algorithm, measurement and output mixins, plus --config) checked
 * as one set and resolved into a {@link RunPlan}. {@code eos run} and every sweep row ({@code eos sweep row}) go
 * through this one class, so that the same options give the same plan and the same config in run.json
 * (RowDriftTest).
 */
public final class RunOptionSet {

    private final ModelOptions model;
    private final AlgorithmOptions algorithm;
    private final MeasurementOptions measurement;
    private final OutputOptions output;
    private final ResolvedOptions resolved;
    private final ModelRequest request;
    private final Problem problem;

    /**
     * Resolves the command's options (defaults, then --config, then the command line), checks them (bad input is a
     * {@link BadInputException}), builds the model and start point with the backend, and completes the resolved
     * config with what is in effect: keys that do not apply to the model are dropped, the built-in network's shape
     * is filled in, and "flow" is the flow setting in effect.
     *
     * @param spec the command whose mixins these are
     */
    public RunOptionSet(CommandSpec spec, ModelOptions model, StartOptions start, AlgorithmOptions algorithm,
                        MeasurementOptions measurement, OutputOptions output, Backend backend) {
        ResolvedOptions r = ResolvedOptions.resolve(spec); // sets the mixins' fields from --config first
        this.model = model;
        this.algorithm = algorithm;
        this.measurement = measurement;
        this.output = output;
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
        boolean builtIn = model.builtIn(r.givenKeys());
        this.request = ModelRequest.of(model, start, builtIn);
        this.problem = backend.problem(request);
        if (builtIn) {
            r.put("depth", ModelOptions.BUILT_IN_DEPTH);
            r.put("width", ModelOptions.BUILT_IN_WIDTH);
            r.put("spectrum", ModelOptions.BUILT_IN_SPECTRUM);
        }
        r.put("flow", measurement.effectiveFlow(algorithm.algo));
        this.resolved = r;
    }

    /** The resolved config (what run.json keeps as "config" and --dry-run prints); callers may add "out". */
    public ResolvedOptions resolved() {
        return resolved;
    }

    /**
     * The resolved config as {@code --dry-run} prints it, a file for {@code --config}: "flow" is a key only when the
     * user gave it, and a comment otherwise, because its default follows --algo, which a command line reading the
     * file may change (a written "flow = true" would refuse {@code --algo gd}).
     */
    public String dryRunToml() {
        if (resolved.given("flow")) {
            return resolved.toToml();
        }
        return resolved.toToml(Set.of("flow")) + "# flow: " + (measurement.effectiveFlow(algorithm.algo)
                ? "on" : "off") + " (the default for --algo " + algorithm.algo + "; --flow or --no-flow fixes it)\n";
    }

    /** The model and start point. */
    public Problem problem() {
        return problem;
    }

    /** The plan running into {@code dir} with the resolved config as it stands, stopped by a fresh token. */
    public RunPlan plan(Path dir) {
        AlgorithmOptions a = algorithm;
        MeasurementOptions m = measurement;
        return new RunPlan(request, problem, a.algo, a.eta, a.steps, a.effectiveHorizon(), a.noiseRadius,
                a.noiseEvery, a.divergenceBound, model.seed, m.metricsEvery, m.phiEvery, m.logPoints,
                m.effectiveFlow(a.algo), m.snapshotEvery, m.checkpointEvery, output.threads, dir, resolved.values(),
                new StopToken());
    }
}
