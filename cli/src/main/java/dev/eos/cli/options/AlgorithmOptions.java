package dev.eos.cli.options;

import dev.eos.cli.options.Choices.Algo;
import java.util.Set;
import picocli.CommandLine.Option;

/** The algorithm of a run: which update, its learning rate, how long, optional noise, and the divergence bound. */
public final class AlgorithmOptions {

    @Option(names = "--algo", paramLabel = "A", defaultValue = "ngd",
            converter = Algo.Converter.class, completionCandidates = Algo.Candidates.class,
            description = "ngd (normalized GD), sqrt (GD on sqrt(L - L_min)), gd, or gf (gradient flow) "
                    + "(default: ${DEFAULT-VALUE}).")
    public Algo algo;

    @Option(names = "--eta", paramLabel = "E", defaultValue = "1e-3",
            description = "Learning rate eta > 0 (default: ${DEFAULT-VALUE}).")
    public double eta;

    @Option(names = "--steps", paramLabel = "N", converter = Counts.class,
            description = "Number of steps, e.g. 20000, 2e4 (instead of --horizon).")
    public Long steps;

    @Option(names = "--horizon", paramLabel = "T2",
            description = "Phase II length in limiting-flow time: steps = T2/eta^2 after Phase I "
                    + "(default: 15 unless --steps is given).")
    public Double horizon;

    @Option(names = "--noise-radius", paramLabel = "R",
            description = "Perturb with noise uniform in a ball of radius R (default: off).")
    public Double noiseRadius;

    @Option(names = "--noise-every", paramLabel = "K", converter = Counts.class,
            description = "Perturb every K steps (default with --noise-radius: ceil(1/eta)).")
    public Long noiseEvery;

    @Option(names = "--divergence-bound", paramLabel = "B",
            description = "Stop as diverged when the loss exceeds B (NaN and Inf always stop the run; "
                    + "default: no bound).")
    public Double divergenceBound;

    /** The default Phase II horizon T2 when neither --steps nor --horizon is given. */
    public static final double DEFAULT_HORIZON = 15;

    /** Refuses bad values and combinations. */
    public void check(Set<String> given) {
        if (!(eta > 0 && Double.isFinite(eta))) {
            throw Checks.bad("--eta must be a positive finite number, got " + eta);
        }
        if (steps != null && horizon != null) {
            throw Checks.bad("give --steps or --horizon, not both (steps = horizon/eta^2 after Phase I)");
        }
        Checks.positive("steps", steps);
        Checks.positive("horizon", horizon);
        Checks.nonNegative("noise-radius", noiseRadius);
        Checks.positive("noise-every", noiseEvery);
        Checks.positive("divergence-bound", divergenceBound);
        if (noiseEvery != null && noiseRadius == null) {
            throw Checks.bad("--noise-every needs --noise-radius (the size of the perturbation)");
        }
        if (algo == Algo.GF && noiseRadius != null) {
            throw Checks.bad("--noise-radius does not apply to --algo gf (gradient flow is not perturbed)");
        }
        if (horizon != null && !algo.hasLimitingFlow()) {
            throw Checks.bad("--horizon counts limiting-flow time, which --algo " + algo + " does not have: "
                    + "give --steps");
        }
    }

    /** The Phase II horizon in effect (null when --steps fixes the length). */
    public Double effectiveHorizon() {
        return steps != null ? null : horizon != null ? horizon : Double.valueOf(DEFAULT_HORIZON);
    }
}
