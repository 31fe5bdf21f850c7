package dev.eos.models;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What to build: a model name and its options, as the command line gives them (free of any CLI code). Set only the
 * options you have; {@link Models#build} refuses an option that does not apply to the model, fills defaults, and
 * checks shapes. Option names (as in {@link #setOptions()}) are the CLI flag names without dashes.
 *
 * <p>Defaults: depth 4 and width 8 (deep-linear), dim 8 (factorization, sensing, quadratic), rank 2 (columns of U),
 * target-rank = rank (factorization, sensing; = dim for the quadratic, = min(d_0, d_N) for deep-linear),
 * measurements = (d k - k(k-1)/2) / 2 rounded down, at least 1 (well below the manifold's codimension, so Gamma is
 * larger than one orbit, THEORY 6.2), seed 0, spectrum 1/(1 + i/2) for i = 0..target-rank-1.
 */
public final class ModelSpec {

    /** The model names. */
    public static final List<String> MODELS =
            List.of("deep-linear", "factorization", "matrix-sensing", "quadratic", "toy2d", "toy3d");

    String name;
    Integer depth;
    Integer width;
    int[] widths;
    Integer dim;
    Integer rank;
    Integer targetRank;
    Integer measurements;
    long seed;
    double[] spectrum;
    double[] target;
    int[] targetShape;
    double[] sensingA;
    int[] sensingAShape;
    double[] sensingY;
    int[] sensingYShape;
    double[] dataX;
    int[] dataXShape;
    double[] dataY;
    int[] dataYShape;
    private final Set<String> set = new LinkedHashSet<>();

    private ModelSpec(String name) {
        this.name = name;
    }

    /** A spec for one of {@link #MODELS}. */
    public static ModelSpec of(String name) {
        if (name == null || !MODELS.contains(name)) {
            throw new IllegalArgumentException("unknown model '" + name + "'; expected one of " + String.join(", ", MODELS));
        }
        return new ModelSpec(name);
    }

    /** The options that apply to a model (flag names without dashes). */
    public static Set<String> applicable(String model) {
        return switch (model) {
            case "deep-linear" -> Set.of("depth", "width", "widths", "target-rank", "seed", "spectrum", "target", "data");
            case "factorization" -> Set.of("dim", "rank", "target-rank", "seed", "spectrum", "target");
            case "matrix-sensing" -> Set.of("dim", "rank", "target-rank", "measurements", "seed", "sensing-a",
                    "sensing-y");
            case "quadratic" -> Set.of("dim", "target-rank", "seed", "spectrum", "target");
            case "toy2d", "toy3d" -> Set.of("seed");
            default -> throw new IllegalArgumentException("unknown model '" + model + "'; expected one of "
                    + String.join(", ", MODELS));
        };
    }

    /** The options set so far, in order. */
    public Set<String> setOptions() {
        return Set.copyOf(set);
    }

    public String name() {
        return name;
    }

    /** Depth N of a deep linear network. */
    public ModelSpec depth(int n) {
        set.add("depth");
        this.depth = n;
        return this;
    }

    /** Square layers of width d (deep-linear). */
    public ModelSpec width(int d) {
        set.add("width");
        this.width = d;
        return this;
    }

    /** Widths d_0, ..., d_N (deep-linear); sets the depth to N. */
    public ModelSpec widths(int... w) {
        set.add("widths");
        this.widths = w.clone();
        return this;
    }

    /** The size d (factorization, sensing) or D (quadratic). */
    public ModelSpec dim(int d) {
        set.add("dim");
        this.dim = d;
        return this;
    }

    /** Columns k of U (factorization, sensing). */
    public ModelSpec rank(int k) {
        set.add("rank");
        this.rank = k;
        return this;
    }

    /** Rank of the random target / ground truth (or of A for the quadratic). */
    public ModelSpec targetRank(int r) {
        set.add("target-rank");
        this.targetRank = r;
        return this;
    }

    /** Number of measurements m (sensing). */
    public ModelSpec measurements(int m) {
        set.add("measurements");
        this.measurements = m;
        return this;
    }

    /** Seed of the random data (and, salted, of the random start). */
    public ModelSpec seed(long s) {
        set.add("seed");
        this.seed = s;
        return this;
    }

    /** The spectrum of a random target (singular values, or eigenvalues for factorization and the quadratic). */
    public ModelSpec spectrum(double... s) {
        set.add("spectrum");
        this.spectrum = s.clone();
        return this;
    }

    /** The target M (deep-linear d_N x d_0, factorization d x d) or the quadratic's matrix A (D x D). */
    public ModelSpec target(double[] data, int... shape) {
        set.add("target");
        this.target = data;
        this.targetShape = shape.clone();
        return this;
    }

    /** Sensing measurements A, shape (m, d, d). */
    public ModelSpec sensingA(double[] data, int... shape) {
        set.add("sensing-a");
        this.sensingA = data;
        this.sensingAShape = shape.clone();
        return this;
    }

    /** Sensing observations y, shape (m,). */
    public ModelSpec sensingY(double[] data, int... shape) {
        set.add("sensing-y");
        this.sensingY = data;
        this.sensingYShape = shape.clone();
        return this;
    }

    /** Whitened regression data X (d_0 x n) and Y (d_N x n) for a deep linear network (THEORY 6.1). */
    public ModelSpec data(double[] x, int[] xShape, double[] y, int[] yShape) {
        set.add("data");
        this.dataX = x;
        this.dataXShape = xShape.clone();
        this.dataY = y;
        this.dataYShape = yShape.clone();
        return this;
    }

    /** Builds the model ({@link Models#build}). */
    public Model build() {
        return Models.build(this);
    }

    @Override
    public String toString() {
        return "ModelSpec[" + name + ", options " + set + (widths != null ? ", widths " + Arrays.toString(widths) : "")
                + "]";
    }
}
