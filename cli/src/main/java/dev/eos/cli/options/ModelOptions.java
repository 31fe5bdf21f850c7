package dev.eos.cli.options;

import dev.eos.cli.options.Choices.ModelKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Option;

/**
 * The model options shared by run, sharpness, flow (and sweeps): which loss, its shape, and its data. An option
 * that does not apply to the chosen model is refused ({@link #checkApplicable}, by the model factory's own table).
 * With no shape or data option, deep-linear is the built-in experiment's network ({@link #builtIn}).
 */
public final class ModelOptions {

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "deep-linear",
            converter = ModelKind.Converter.class, completionCandidates = ModelKind.Candidates.class,
            description = "The loss: deep-linear, factorization, matrix-sensing, quadratic, toy2d or toy3d "
                    + "(default: ${DEFAULT-VALUE}).")
    public ModelKind model;

    @Option(names = "--depth", paramLabel = "N",
            description = "deep-linear: number of layers N (default: 4; 3 in the built-in model, see below).")
    public Integer depth;

    @Option(names = "--width", paramLabel = "d",
            description = "deep-linear: square layers, every width d (default: 8; 3 in the built-in model).")
    public Integer width;

    @Option(names = "--widths", paramLabel = "d0,...,dN", split = ",", hideParamSyntax = true,
            description = "deep-linear: the N+1 widths d0 (input) ... dN (output), instead of --depth/--width.")
    public List<Integer> widths;

    @Option(names = "--dim", paramLabel = "d",
            description = "factorization, matrix-sensing, quadratic: the dimension d of M (or of x for the "
                    + "quadratic; default: 8).")
    public Integer dim;

    @Option(names = "--rank", paramLabel = "k",
            description = "factorization, matrix-sensing: columns of U (default: 2).")
    public Integer rank;

    @Option(names = "--target-rank", paramLabel = "r",
            description = "Rank of the random target M (default: full for deep-linear and the quadratic, --rank "
                    + "for factorization and sensing).")
    public Integer targetRank;

    @Option(names = "--spectrum", paramLabel = "s1,s2,...", split = ",", hideParamSyntax = true,
            description = "deep-linear, factorization, quadratic: the singular values (eigenvalues) of the random "
                    + "target, descending (default: 1/(1 + i/2); 2,0.6,0.3 in the built-in model).")
    public List<Double> spectrum;

    @Option(names = "--measurements", paramLabel = "m",
            description = "matrix-sensing: number of Gaussian measurements m (default: (dk - k(k-1)/2)/2).")
    public Integer measurements;

    @Option(names = "--target", paramLabel = "FILE.npy",
            description = "The target M as .npy (deep-linear dN x d0, factorization d x d PSD); for the "
                    + "quadratic, its matrix A (d x d, symmetric). Default: random from --seed.%n"
                    + "Built-in model (deep-linear with none of --depth, --width, --widths, --spectrum, --target, "
                    + "--target-rank): depth 3, width 3, target singular values 2, 0.6, 0.3.")
    public Path target;

    @Option(names = "--sensing-a", paramLabel = "FILE.npy",
            description = "matrix-sensing: the measurement matrices A_i as .npy, shape (m, d, d).")
    public Path sensingA;

    @Option(names = "--sensing-y", paramLabel = "FILE.npy",
            description = "matrix-sensing: the measurements y_i as .npy, shape (m,).")
    public Path sensingY;

    @Option(names = "--data-x", paramLabel = "FILE.npy",
            description = "deep-linear: whitened regression inputs X, shape (d0, n), with --data-y (THEORY 6.1).")
    public Path dataX;

    @Option(names = "--data-y", paramLabel = "FILE.npy",
            description = "deep-linear: regression outputs Y, shape (dN, n), with --data-x.")
    public Path dataY;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the random data, start and noise (java.util.Random; default: ${DEFAULT-VALUE}).")
    public long seed;

    /** The option keys (flag names without dashes) that only some models take; --seed applies to all. */
    private static final List<String> MODEL_KEYS = List.of("depth", "width", "widths", "dim", "rank", "target-rank",
            "spectrum", "measurements", "target", "sensing-a", "sensing-y", "data-x", "data-y");

    /** The built-in experiment's network: deep-linear, depth 3, width 3, target singular values 2, 0.6, 0.3. */
    public static final int BUILT_IN_DEPTH = 3;
    /** The built-in experiment's width. */
    public static final int BUILT_IN_WIDTH = 3;
    /** The built-in experiment's target singular values (well separated, THEORY 4.3). */
    public static final List<Double> BUILT_IN_SPECTRUM = List.of(2.0, 0.6, 0.3);

    /** The model-specific keys, for resolved configs: those that do not apply to the model are dropped. */
    public static List<String> modelSpecificKeys() {
        return MODEL_KEYS;
    }

    /** Whether the option {@code key} (without dashes) means something for {@code kind}. */
    public static boolean applies(String key, ModelKind kind) {
        String engineKey = key.startsWith("data-") ? "data" : key; // the factory's one key for X and Y
        return !MODEL_KEYS.contains(key) || dev.eos.models.ModelSpec.applicable(kind.cliName()).contains(engineKey);
    }

    /** Whether the options describe the built-in experiment's network (deep-linear with no shape or data). */
    public boolean builtIn(Set<String> given) {
        return model == ModelKind.DEEP_LINEAR && List.of("depth", "width", "widths", "spectrum", "target",
                "target-rank", "data-x", "data-y").stream().noneMatch(given::contains);
    }

    /**
     * Refuses options given for a model they do not apply to, and inconsistent or out-of-range shapes.
     *
     * @param given the keys the user gave (command line or config file)
     */
    public void checkApplicable(Set<String> given) {
        for (String key : MODEL_KEYS) {
            if (given.contains(key) && !applies(key, model)) {
                TreeSet<String> takes = new TreeSet<>();
                for (String k : MODEL_KEYS) {
                    if (applies(k, model)) {
                        takes.add(k);
                    }
                }
                throw Checks.bad("--" + key + " does not apply to --model " + model + (takes.isEmpty()
                        ? " (it takes no shape or data options)" : " (it takes --" + String.join(", --", takes) + ")"));
            }
        }
        if (widths != null && (given.contains("depth") || given.contains("width"))) {
            throw Checks.bad("--widths gives every width: do not combine it with --depth or --width");
        }
        Checks.positive("depth", depth);
        Checks.positive("width", width);
        Checks.positive("dim", dim);
        Checks.positive("rank", rank);
        Checks.positive("target-rank", targetRank);
        Checks.positive("measurements", measurements);
        if (widths != null) {
            if (widths.size() < 2) {
                throw Checks.bad("--widths needs at least two widths d0,d1 (one layer), got " + widths.size());
            }
            for (Integer w : widths) {
                if (w == null || w <= 0) {
                    throw Checks.bad("--widths must be positive integers, got " + widths);
                }
            }
        }
        if (targetRank != null && dim != null && targetRank > dim) {
            throw Checks.bad("--target-rank " + targetRank + " exceeds --dim " + dim);
        }
        if (rank != null && dim != null && rank > dim) {
            throw Checks.bad("--rank " + rank + " exceeds --dim " + dim);
        }
        if ((dataX == null) != (dataY == null)) {
            throw Checks.bad("--data-x and --data-y go together (the regression inputs and outputs)");
        }
        if (sensingY != null && sensingA == null) {
            throw Checks.bad("--sensing-y needs --sensing-a (the matrices A_i its measurements y_i observe)");
        }
        if (spectrum != null) {
            for (int i = 0; i < spectrum.size(); i++) {
                Double v = spectrum.get(i);
                if (v == null || !(v > 0 && Double.isFinite(v)) || i > 0 && v > spectrum.get(i - 1)) {
                    throw Checks.bad("--spectrum must be positive finite values in descending order, got "
                            + spectrum);
                }
            }
        }
        Checks.readable("target", target);
        Checks.readable("sensing-a", sensingA);
        Checks.readable("sensing-y", sensingY);
        Checks.readable("data-x", dataX);
        Checks.readable("data-y", dataY);
    }
}
