package dev.eos.models;

import java.util.Random;
import java.util.TreeSet;

/**
 * The model factory the command line calls: {@link #build(ModelSpec)} and the start points
 * ({@link #start(Model, double[], int[])}, {@link #randomStart(Model, long, double)}). Every refusal is an
 * {@link IllegalArgumentException} whose message names the option and the shapes.
 */
public final class Models {

    /**
     * The random start is drawn from {@code new Random(seed ^ START_SALT)}, so that a start and the model data built
     * from the same seed are independent streams.
     */
    public static final long START_SALT = 0x9E3779B97F4A7C15L;

    private Models() {
    }

    /** The default spectrum of a random target of rank r: 1/(1 + i/2), i = 0..r-1 (simple top value, gap 1/3). */
    public static double[] decaySpectrum(int r) {
        double[] s = new double[r];
        for (int i = 0; i < r; i++) {
            s[i] = 1 / (1 + i / 2.0);
        }
        return s;
    }

    /** Builds the model a spec describes (see {@link ModelSpec} for the defaults). */
    public static Model build(ModelSpec s) {
        TreeSet<String> bad = new TreeSet<>(s.setOptions());
        bad.removeAll(ModelSpec.applicable(s.name));
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("option" + (bad.size() > 1 ? "s " : " ") + "--"
                    + String.join(", --", bad) + " do" + (bad.size() > 1 ? "" : "es") + " not apply to model " + s.name
                    + " (it takes --" + String.join(", --", new TreeSet<>(ModelSpec.applicable(s.name))) + ")");
        }
        return switch (s.name) {
            case "deep-linear" -> deepLinear(s);
            case "factorization" -> factorization(s);
            case "matrix-sensing" -> sensing(s);
            case "quadratic" -> quadratic(s);
            case "toy2d" -> SeparableToy.toy2d();
            case "toy3d" -> SeparableToy.toy3d();
            default -> throw new IllegalArgumentException("unknown model '" + s.name + "'");
        };
    }

    private static void notWith(ModelSpec s, String a, String b, String why) {
        if (s.setOptions().contains(a) && s.setOptions().contains(b)) {
            throw new IllegalArgumentException("--" + a + " and --" + b + " cannot be combined for model " + s.name
                    + ": " + why);
        }
    }

    /** Spectrum and rank of a random target: both given must agree; else one follows from the other. */
    private static double[] spectrum(ModelSpec s, int defaultRank, int maxRank, String what) {
        int r;
        if (s.spectrum != null) {
            if (s.targetRank != null && s.targetRank != s.spectrum.length) {
                throw new IllegalArgumentException("--target-rank " + s.targetRank + " disagrees with the "
                        + s.spectrum.length + " values of --spectrum");
            }
            r = s.spectrum.length;
        } else {
            r = s.targetRank != null ? s.targetRank : defaultRank;
        }
        if (r < 1 || r > maxRank) {
            throw new IllegalArgumentException("--target-rank must lie in [1, " + maxRank + "] for " + what + ", got " + r);
        }
        return s.spectrum != null ? s.spectrum.clone() : decaySpectrum(r);
    }

    private static DeepLinear deepLinear(ModelSpec s) {
        int[] widths;
        notWith(s, "width", "widths", "give square layers with --width or all widths with --widths");
        if (s.widths != null) {
            if (s.depth != null && s.depth != s.widths.length - 1) {
                throw new IllegalArgumentException("--depth " + s.depth + " disagrees with --widths "
                        + java.util.Arrays.toString(s.widths) + " (depth " + (s.widths.length - 1) + ")");
            }
            widths = s.widths;
            DeepLinear.checkWidths(widths);
        } else {
            widths = DeepLinear.squareWidths(s.depth != null ? s.depth : 4, s.width != null ? s.width : 8);
        }
        notWith(s, "target", "data", "the data define the target");
        for (String o : new String[] {"spectrum", "target-rank"}) {
            notWith(s, "target", o, "--" + o + " describes a random target");
            notWith(s, "data", o, "--" + o + " describes a random target");
        }
        if (s.dataX != null) {
            return DeepLinear.fromData(widths, s.dataX, s.dataXShape, s.dataY, s.dataYShape);
        }
        if (s.target != null) {
            if (s.targetShape.length != 2) {
                throw new IllegalArgumentException("deep-linear target M must be 2-D (d_N, d_0) = ("
                        + widths[widths.length - 1] + ", " + widths[0] + "), got shape " + Checks.shape(s.targetShape));
            }
            return new DeepLinear(widths, s.target, s.targetShape);
        }
        int min = Math.min(widths[0], widths[widths.length - 1]);
        return DeepLinear.random(widths, spectrum(s, min, min, "a d_N x d_0 = " + widths[widths.length - 1] + " x "
                + widths[0] + " target"), s.seed);
    }

    private static int dimFromShape(ModelSpec s, String option, int[] shape, int axis) {
        int d = shape.length > axis ? shape[axis] : -1;
        if (s.dim != null && s.dim != d) {
            throw new IllegalArgumentException("--dim " + s.dim + " disagrees with --" + option + " of shape "
                    + Checks.shape(shape));
        }
        return d;
    }

    private static SymmetricFactorization factorization(ModelSpec s) {
        int k = s.rank != null ? s.rank : 2;
        Checks.positive("--rank (columns of U)", k);
        for (String o : new String[] {"spectrum", "target-rank"}) {
            notWith(s, "target", o, "--" + o + " describes a random target");
        }
        if (s.target != null) {
            if (s.targetShape.length != 2 || s.targetShape[0] != s.targetShape[1]) {
                throw new IllegalArgumentException("factorization target M must be square (d, d), got shape "
                        + Checks.shape(s.targetShape));
            }
            int d = dimFromShape(s, "target", s.targetShape, 0);
            return new SymmetricFactorization(s.target, s.targetShape, d, k);
        }
        int d = s.dim != null ? s.dim : 8;
        Checks.positive("--dim", d);
        return SymmetricFactorization.random(d, k, spectrum(s, Math.min(k, d), d, "a " + d + " x " + d + " target"),
                s.seed);
    }

    private static MatrixSensing sensing(ModelSpec s) {
        int k = s.rank != null ? s.rank : 2;
        Checks.positive("--rank (columns of U)", k);
        if (s.sensingY != null && s.sensingA == null) {
            throw new IllegalArgumentException("--sensing-y needs --sensing-a (the measurements it observes)");
        }
        notWith(s, "sensing-y", "target-rank", "the observations y replace the random ground truth");
        if (s.sensingA != null) {
            int[] sh = s.sensingAShape;
            if (sh.length != 3 || sh[1] != sh[2]) {
                throw new IllegalArgumentException("--sensing-a must have shape (m, d, d), got " + Checks.shape(sh));
            }
            int d = dimFromShape(s, "sensing-a", sh, 1);
            int m = sh[0];
            if (s.measurements != null && s.measurements != m) {
                throw new IllegalArgumentException("--measurements " + s.measurements + " disagrees with --sensing-a of"
                        + " shape " + Checks.shape(sh));
            }
            if (s.sensingY != null) {
                return MatrixSensing.of(s.sensingA, sh, s.sensingY, s.sensingYShape, m, d, k);
            }
            int r = s.targetRank != null ? s.targetRank : k;
            if (r < 1 || r > d) {
                throw new IllegalArgumentException("--target-rank must lie in [1, " + d + "], got " + r);
            }
            double[] truth = new double[d * r];
            Random rnd = new Random(s.seed);
            for (int i = 0; i < truth.length; i++) {
                truth[i] = rnd.nextGaussian() / Math.sqrt(d);
            }
            return MatrixSensing.withTruth(s.sensingA, sh, truth, m, d, k, r);
        }
        int d = s.dim != null ? s.dim : 8;
        Checks.positive("--dim", d);
        int r = s.targetRank != null ? s.targetRank : Math.min(k, d);
        if (r < 1 || r > d) {
            throw new IllegalArgumentException("--target-rank must lie in [1, " + d + "], got " + r);
        }
        int m = s.measurements != null ? s.measurements : Math.max(1, FactorModel.productDimension(d, k) / 2);
        return MatrixSensing.random(m, d, k, r, s.seed);
    }

    private static Quadratic quadratic(ModelSpec s) {
        for (String o : new String[] {"spectrum", "target-rank"}) {
            notWith(s, "target", o, "--" + o + " describes a random matrix");
        }
        if (s.target != null) {
            if (s.targetShape.length != 2 || s.targetShape[0] != s.targetShape[1]) {
                throw new IllegalArgumentException("quadratic matrix A (--target) must be square (D, D), got shape "
                        + Checks.shape(s.targetShape));
            }
            int d = dimFromShape(s, "target", s.targetShape, 0);
            return new Quadratic(s.target, d);
        }
        int d = s.dim != null ? s.dim : (s.spectrum != null ? s.spectrum.length : 8);
        Checks.positive("--dim", d);
        double[] spec = spectrum(s, d, d, "a " + d + " x " + d + " quadratic");
        return Quadratic.withSpectrum(java.util.Arrays.copyOf(spec, d), s.seed);
    }

    // ---------------------------------------------------------------- start points

    /**
     * A start point from an array in the model's documented layout ({@link Model#layout()}): a flat vector of length
     * D (shape (D,) or null), or for factorization and sensing also U as a 2-D (d, k) array. Returns a copy.
     */
    public static double[] start(Model model, double[] data, int[] shape) {
        int d = model.dim();
        if (data == null) {
            throw new IllegalArgumentException("start point is missing (expected " + model.layout() + ")");
        }
        boolean ok;
        if (shape == null) {
            ok = data.length == d;
        } else if (shape.length == 1) {
            ok = shape[0] == d && data.length == d;
        } else if (shape.length == 2 && model instanceof FactorModel f) {
            ok = shape[0] == f.size() && shape[1] == f.rank() && data.length == d;
        } else {
            ok = false;
        }
        if (!ok) {
            throw new IllegalArgumentException("start point has shape " + (shape == null ? "(" + data.length + ",)"
                    : Checks.shape(shape)) + ", expected (" + d + ",) for " + model.name() + ": " + model.layout());
        }
        Checks.finite("start point", data, shape == null ? new int[] {data.length} : shape);
        return data.clone();
    }

    /** The default init scale: 1, except 0 for the toys (their documented default start). */
    public static double defaultInitScale(Model model) {
        return model instanceof SeparableToy ? 0 : 1;
    }

    /**
     * A seeded random start, drawn from {@code new Random(seed ^ START_SALT)}:
     * <ul>
     *   <li>deep-linear: W_k entries scale * N(0, 1/d_{k-1}) (fan-in);</li>
     *   <li>factorization, sensing: U entries scale * N(0, 1/d);</li>
     *   <li>quadratic: entries scale * N(0, 1/D);</li>
     *   <li>toys: the default start (1, 0.05[, 0.03]) plus scale * N(0, 1) per coordinate (scale 0: exactly it).</li>
     * </ul>
     *
     * @param scale the init scale, or NaN for {@link #defaultInitScale}
     */
    public static double[] randomStart(Model model, long seed, double scale) {
        double sc = Double.isNaN(scale) ? defaultInitScale(model) : scale;
        if (!(sc >= 0) || Double.isInfinite(sc)) {
            throw new IllegalArgumentException("--init-scale must be finite and >= 0, got " + scale);
        }
        long salted = seed ^ START_SALT;
        if (model instanceof DeepLinear dl) {
            return dl.randomStart(salted, sc);
        }
        if (model instanceof FactorModel f) {
            return f.randomStart(salted, sc);
        }
        Random rnd = new Random(salted);
        if (model instanceof SeparableToy toy) {
            double[] x = toy.defaultStart();
            for (int i = 0; i < x.length; i++) {
                x[i] += sc * rnd.nextGaussian();
            }
            return x;
        }
        double[] x = new double[model.dim()];
        double s = sc / Math.sqrt(model.dim());
        for (int i = 0; i < x.length; i++) {
            x[i] = s * rnd.nextGaussian();
        }
        return x;
    }
}
