package dev.eos.cli.options;

import dev.eos.cli.options.Choices.ModelKind;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The model options shared by run, sharpness, flow (and sweeps): which loss, its shape, and its data. An option
 * that does not apply to the chosen model is refused ({@link #checkApplicable}).
 */
public final class ModelOptions {

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "deep-linear",
            converter = ModelKind.Converter.class, completionCandidates = ModelKind.Candidates.class,
            description = "The loss: deep-linear, factorization, matrix-sensing, quadratic, toy2d or toy3d "
                    + "(default: ${DEFAULT-VALUE}).")
    public ModelKind model;

    @Option(names = "--depth", paramLabel = "N",
            description = "deep-linear: number of layers N (default: 3).")
    public Integer depth;

    @Option(names = "--width", paramLabel = "d",
            description = "deep-linear: square layers, every width d (default: 3).")
    public Integer width;

    @Option(names = "--widths", paramLabel = "d0,...,dN", split = ",", hideParamSyntax = true,
            description = "deep-linear: the N+1 widths d0 (input) ... dN (output), instead of --depth/--width.")
    public List<Integer> widths;

    @Option(names = "--dim", paramLabel = "d",
            description = "factorization, matrix-sensing, quadratic: the dimension d of M (or of x for the "
                    + "quadratic).")
    public Integer dim;

    @Option(names = "--rank", paramLabel = "k",
            description = "factorization, matrix-sensing: columns of U (default: --target-rank, the "
                    + "non-degenerate case).")
    public Integer rank;

    @Option(names = "--target-rank", paramLabel = "r",
            description = "factorization, matrix-sensing: rank of the random target M.")
    public Integer targetRank;

    @Option(names = "--measurements", paramLabel = "m",
            description = "matrix-sensing: number of Gaussian measurements m.")
    public Integer measurements;

    @Option(names = "--target", paramLabel = "FILE.npy",
            description = "The target M as .npy (deep-linear dN x d0, factorization d x d PSD); for the "
                    + "quadratic, its matrix A (d x d, symmetric). Default: random from --seed.")
    public Path target;

    @Option(names = "--sensing-a", paramLabel = "FILE.npy",
            description = "matrix-sensing: the measurement matrices A_i as .npy, shape (m, d, d).")
    public Path sensingA;

    @Option(names = "--sensing-y", paramLabel = "FILE.npy",
            description = "matrix-sensing: the measurements y_i as .npy, shape (m,).")
    public Path sensingY;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the random data, start and noise (java.util.Random; default: ${DEFAULT-VALUE}).")
    public long seed;

    /** Which model-specific option keys (flag names without dashes) apply to which model. */
    private static final Map<String, Set<ModelKind>> APPLIES = Map.of(
            "depth", EnumSet.of(ModelKind.DEEP_LINEAR),
            "width", EnumSet.of(ModelKind.DEEP_LINEAR),
            "widths", EnumSet.of(ModelKind.DEEP_LINEAR),
            "dim", EnumSet.of(ModelKind.FACTORIZATION, ModelKind.MATRIX_SENSING, ModelKind.QUADRATIC),
            "rank", EnumSet.of(ModelKind.FACTORIZATION, ModelKind.MATRIX_SENSING),
            "target-rank", EnumSet.of(ModelKind.FACTORIZATION, ModelKind.MATRIX_SENSING),
            "measurements", EnumSet.of(ModelKind.MATRIX_SENSING),
            "target", EnumSet.of(ModelKind.DEEP_LINEAR, ModelKind.FACTORIZATION, ModelKind.MATRIX_SENSING,
                    ModelKind.QUADRATIC),
            "sensing-a", EnumSet.of(ModelKind.MATRIX_SENSING),
            "sensing-y", EnumSet.of(ModelKind.MATRIX_SENSING));

    /** The model-specific keys, for resolved configs: those that do not apply to the model are dropped. */
    public static Set<String> modelSpecificKeys() {
        return APPLIES.keySet();
    }

    /** Whether the option {@code key} (without dashes) means something for {@code kind}. */
    public static boolean applies(String key, ModelKind kind) {
        Set<ModelKind> kinds = APPLIES.get(key);
        return kinds == null || kinds.contains(kind);
    }

    /**
     * Refuses options given for a model they do not apply to, and inconsistent or out-of-range shapes.
     *
     * @param given the keys the user gave (command line or config file)
     */
    public void checkApplicable(Set<String> given) {
        for (String key : APPLIES.keySet()) {
            if (given.contains(key) && !applies(key, model)) {
                throw Checks.bad("--" + key + " does not apply to --model " + model + " (it is for "
                        + String.join(", ", APPLIES.get(key).stream().map(ModelKind::cliName).toList()) + ")");
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
        if ((sensingA == null) != (sensingY == null)) {
            throw Checks.bad("--sensing-a and --sensing-y come together (the matrices A_i and the measurements "
                    + "y_i)");
        }
        if (sensingA != null && (given.contains("measurements") || given.contains("target")
                || given.contains("target-rank"))) {
            throw Checks.bad("--sensing-a/--sensing-y give the data: do not combine them with --measurements, "
                    + "--target or --target-rank");
        }
        Checks.readable("target", target);
        Checks.readable("sensing-a", sensingA);
        Checks.readable("sensing-y", sensingY);
    }
}
