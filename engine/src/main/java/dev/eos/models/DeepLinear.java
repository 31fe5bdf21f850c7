package dev.eos.models;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

/**
 * A deep linear network L(W_1..W_N) = 1/2 ||W_N ... W_1 - M||_F^2 + L_data (THEORY 6.1), W_k of shape d_k x d_{k-1},
 * target M of shape d_N x d_0. A least-squares model with F = P = W_N...W_1 (d_N d_0 outputs), c = 1.
 *
 * <p><b>Parameter layout</b> (stable; users load and save it as .npy): W_1 (d_1 x d_0) first, then W_2, ..., W_N,
 * each row-major; D = sum_k d_k d_{k-1}.
 *
 * <p>Whitened regression data (X of shape d_0 x n with X X^T / n = I, Y of shape d_N x n) reduce to M = Y X^T / n
 * and the constant L_data = 1/2 (tr Y Y^T / n - ||M||_F^2) ({@link #fromData}). The minimum loss is
 * L_min = L_data + 1/2 sum_{i &gt; w} sigma_i(M)^2 with w the narrowest width (Eckart-Young; the sum is empty when
 * every width is at least rank M).
 *
 * <p>THEORY 6.1: the minimizer set is the smooth manifold the theory needs only when every hidden width equals
 * r = rank M (e.g. square layers with M invertible, the default); then rank H = r (d_0 + d_N - r) on Gamma.
 */
public final class DeepLinear implements Model {

    final int depth;
    /** d_0 .. d_N. */
    final int[] widths;
    /** Offsets of W_k in the flat parameter vector, k = 1..N (index 0 unused). */
    final int[] offsets;
    final int dim;
    /** M, d_N x d_0 row-major. */
    final double[] target;
    private final double dataLoss;
    private final Dense.Svd svd;
    private final int targetRank;
    private final String origin;
    /** Threads an evaluator's calls use ({@link #withThreads}). */
    final int threads;

    /**
     * A deep linear network with a given target.
     *
     * @param widths d_0, d_1, ..., d_N (N = widths.length - 1 &ge; 1, all positive)
     * @param target M, d_N x d_0 row-major, finite
     * @throws IllegalArgumentException on bad widths or a target of the wrong size or with NaN/Inf
     */
    public DeepLinear(int[] widths, double[] target) {
        this(widths, target, null, 0, "given M");
    }

    /**
     * A deep linear network with a given target whose shape is also checked (e.g. the shape of a .npy file).
     *
     * @param targetShape the array's shape, must be (d_N, d_0)
     */
    public DeepLinear(int[] widths, double[] target, int[] targetShape) {
        this(widths, target, targetShape, 0, "given M");
    }

    private DeepLinear(int[] widths, double[] target, int[] targetShape, double dataLoss, String origin) {
        checkWidths(widths);
        int n = widths.length - 1;
        Checks.shapeIs("deep-linear target M", target, targetShape, widths[n], widths[0]);
        Checks.finite("deep-linear target M", target, widths[n], widths[0]);
        Checks.finite("deep-linear data loss constant", dataLoss);
        this.depth = n;
        this.widths = widths.clone();
        this.offsets = new int[n + 1];
        int o = 0;
        for (int k = 1; k <= n; k++) {
            offsets[k] = o;
            o += widths[k] * widths[k - 1];
        }
        this.dim = o;
        this.target = target.clone();
        this.dataLoss = dataLoss;
        this.svd = Dense.svd(this.target, widths[n], widths[0]);
        this.targetRank = Dense.rank(svd.s(), widths[n], widths[0]);
        this.origin = origin;
        this.threads = 1;
    }

    /** The same network (sharing its data) with another thread count. */
    private DeepLinear(DeepLinear o, int threads) {
        this.depth = o.depth;
        this.widths = o.widths;
        this.offsets = o.offsets;
        this.dim = o.dim;
        this.target = o.target;
        this.dataLoss = o.dataLoss;
        this.svd = o.svd;
        this.targetRank = o.targetRank;
        this.origin = o.origin;
        this.threads = threads;
    }

    /**
     * The same network (sharing its data) whose evaluators split each call over {@code threads} threads. Results are
     * bit-identical for every thread count: the d_0 columns every forward and backward product acts on are cut into
     * segments (one per thread, at most {@value DeepLinearEvaluator#SEGMENTS}, at least 32 columns each), the weight
     * outputs (sums over those columns) into column blocks, no step adds into another's output, and a block of a
     * gemm has the bits of the whole product's ({@link DeepLinearEvaluator}). Small networks (under about 50 us per
     * call) stay on one thread.
     */
    public DeepLinear withThreads(int threads) {
        Checks.positive("deep-linear threads", threads);
        return threads == this.threads ? this : new DeepLinear(this, threads);
    }

    /** Threads an evaluator's calls use (1 unless {@link #withThreads} was called). */
    public int threads() {
        return threads;
    }

    static void checkWidths(int[] widths) {
        if (widths == null || widths.length < 2) {
            throw new IllegalArgumentException("deep-linear widths must list d_0, ..., d_N with depth N >= 1, got "
                    + (widths == null ? "null" : Arrays.toString(widths)));
        }
        for (int w : widths) {
            if (w <= 0) {
                throw new IllegalArgumentException("deep-linear widths must be positive, got " + Arrays.toString(widths));
            }
        }
        long d = 0;
        for (int k = 1; k < widths.length; k++) {
            d += (long) widths[k] * widths[k - 1];
        }
        if (d > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("deep-linear widths " + Arrays.toString(widths) + " give D = " + d
                    + " parameters, too many for one array");
        }
    }

    /** Square layers: depth N, every width d. */
    public static int[] squareWidths(int depth, int d) {
        Checks.positive("deep-linear depth", depth);
        Checks.positive("deep-linear width", d);
        int[] w = new int[depth + 1];
        Arrays.fill(w, d);
        return w;
    }

    /**
     * A random target M = U diag(spectrum) V^T with U, V random orthogonal from {@code seed}; spectrum has at most
     * min(d_0, d_N) entries (the rest are zero), each finite and non-negative.
     */
    public static DeepLinear random(int[] widths, double[] spectrum, long seed) {
        checkWidths(widths);
        int rows = widths[widths.length - 1];
        int cols = widths[0];
        if (spectrum == null || spectrum.length > Math.min(rows, cols)) {
            throw new IllegalArgumentException("deep-linear target spectrum must have at most min(d_N, d_0) = "
                    + Math.min(rows, cols) + " singular values, got " + (spectrum == null ? "none" : spectrum.length));
        }
        for (double s : spectrum) {
            if (!(s >= 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("deep-linear target singular values must be finite and >= 0, got "
                        + Arrays.toString(spectrum));
            }
        }
        Random rnd = new Random(seed);
        double[] u = Dense.randomOrthogonal(rows, rnd);
        double[] v = Dense.randomOrthogonal(cols, rnd);
        double[] m = Dense.fromSvd(u, spectrum, v, rows, cols);
        return new DeepLinear(widths, m, null, 0, "random M (seed " + seed + ")");
    }

    /**
     * The whitened-regression reduction of THEORY 6.1: with X (d_0 x n) whitened, X X^T / n = I, and Y (d_N x n),
     * L = 1/(2n) sum ||P x_i - y_i||^2 = 1/2 ||P - M||^2 + L_data, M = Y X^T / n,
     * L_data = 1/2 (tr(Y Y^T)/n - ||M||_F^2).
     *
     * @throws IllegalArgumentException when shapes disagree, data are not finite, or X is not whitened
     *                                  (|X X^T/n - I| &gt; 1e-8 entrywise)
     */
    public static DeepLinear fromData(int[] widths, double[] x, int[] xShape, double[] y, int[] yShape) {
        checkWidths(widths);
        int d0 = widths[0];
        int dn = widths[widths.length - 1];
        if (xShape == null || xShape.length != 2 || xShape[0] != d0) {
            throw new IllegalArgumentException("deep-linear data X must have shape (d_0, n) = (" + d0 + ", n), got "
                    + (xShape == null ? "none" : Checks.shape(xShape)));
        }
        int n = xShape[1];
        Checks.positive("deep-linear number of samples n", n);
        Checks.shapeIs("deep-linear data X", x, xShape, d0, n);
        Checks.shapeIs("deep-linear data Y (d_N x n, n from X " + Checks.shape(xShape) + ")", y, yShape, dn, n);
        Checks.finite("deep-linear data X", x, d0, n);
        Checks.finite("deep-linear data Y", y, dn, n);
        double[] sxx = Dense.mul(x, Dense.transpose(x, d0, n), d0, n, d0);
        for (int i = 0; i < d0; i++) {
            for (int j = 0; j < d0; j++) {
                double e = sxx[i * d0 + j] / n - (i == j ? 1 : 0);
                if (Math.abs(e) > 1e-8) {
                    throw new IllegalArgumentException("deep-linear data X " + Checks.shape(xShape)
                            + " is not whitened: (X X^T / n)[" + i + "][" + j + "] = " + sxx[i * d0 + j] / n
                            + "; whiten it (X X^T / n = I) first");
                }
            }
        }
        double[] m = Dense.mul(y, Dense.transpose(x, d0, n), dn, n, d0);
        double fro = 0;
        for (int i = 0; i < m.length; i++) {
            m[i] /= n;
            fro += m[i] * m[i];
        }
        double tyy = 0;
        for (double v : y) {
            tyy += v * v;
        }
        double lData = Math.max(0, 0.5 * (tyy / n - fro));
        return new DeepLinear(widths, m, null, lData, "whitened data, n = " + n);
    }

    // ---------------------------------------------------------------- model facts

    @Override
    public String name() {
        return "deep-linear";
    }

    @Override
    public int dim() {
        return dim;
    }

    /** The depth N. */
    public int depth() {
        return depth;
    }

    /** d_0, ..., d_N (a copy). */
    public int[] widths() {
        return widths.clone();
    }

    /** Offset of W_k (k = 1..N) in the flat parameter vector. */
    public int offset(int k) {
        return offsets[k];
    }

    /** M (a copy, d_N x d_0 row-major). */
    public double[] target() {
        return target.clone();
    }

    /** The singular values of M, descending (a copy). */
    public double[] singularValues() {
        return svd.s().clone();
    }

    /** rank M (numerical). */
    public int targetRank() {
        return targetRank;
    }

    /** The constant L_data of whitened data (0 for a given or random M). */
    public double dataLoss() {
        return dataLoss;
    }

    @Override
    public double minLoss() {
        int w = Arrays.stream(widths).min().orElseThrow();
        double tail = 0;
        double[] s = svd.s();
        for (int i = w; i < s.length; i++) {
            tail += s[i] * s[i];
        }
        return dataLoss + 0.5 * tail;
    }

    /** The flattest sharpness over all global minimizers, N sigma_1(M)^(2(N-1)/N) (THEORY 6.1). */
    public double flattestSharpness() {
        return depth * Math.pow(svd.s()[0], 2.0 * (depth - 1) / depth);
    }

    @Override
    public int normalRank() {
        if (depth == 1) {
            return dim; // H = I
        }
        return degenerateManifold().isPresent() ? -1 : targetRank * (widths[0] + widths[depth] - targetRank);
    }

    @Override
    public Optional<String> degenerateManifold() {
        int r = targetRank;
        for (int k = 1; k < depth; k++) {
            if (widths[k] != r) {
                return Optional.of("hidden width d_" + k + " = " + widths[k] + " differs from rank M = " + r
                        + " (widths " + Arrays.toString(widths) + "): "
                        + (widths[k] > r ? "wider layers add flat quartic directions and the Hessian rank varies on the"
                        + " solution set" : "narrower layers cannot reach P = M")
                        + " (THEORY 6.1); use square layers with an invertible M");
            }
        }
        // only hidden widths matter: the input and output widths may exceed r
        return Optional.empty();
    }

    @Override
    public String layout() {
        StringBuilder s = new StringBuilder();
        for (int k = 1; k <= depth; k++) {
            s.append(k == 1 ? "" : ", then ").append("W_").append(k).append(" (").append(widths[k]).append("x")
                    .append(widths[k - 1]).append(")");
        }
        return s.append(", each row-major").toString();
    }

    @Override
    public String describe() {
        return "deep-linear N = " + depth + ", widths " + Arrays.toString(widths) + ", D = " + dim + ", " + origin
                + ", sigma_1(M) = " + svd.s()[0] + ", rank M = " + targetRank;
    }

    // ---------------------------------------------------------------- minimizers (tests, validation)

    /**
     * The balanced global minimizer of THEORY 6.1 with R_k = the first r columns of the identity:
     * W_1 = R_1 S^{1/N} V^T, W_k = R_k S^{1/N} R_{k-1}^T, W_N = U S^{1/N} R_{N-1}^T for M = U S V^T of rank r.
     * Its sharpness is {@link #flattestSharpness()}. Needs every hidden width &ge; r.
     */
    public double[] balancedMinimizer() {
        return balanced(null);
    }

    /** A balanced minimizer with random orthonormal-column R_k from {@code seed}. Needs every hidden width &ge; r. */
    public double[] balancedMinimizer(long seed) {
        return balanced(new Random(seed));
    }

    private double[] balanced(Random rnd) {
        int r = targetRank;
        for (int k = 1; k < depth; k++) {
            if (widths[k] < r) {
                throw new IllegalArgumentException("a balanced minimizer needs every hidden width >= rank M = " + r
                        + ", widths are " + Arrays.toString(widths));
            }
        }
        // R_k: d_k x r with orthonormal columns (k = 1..N-1); R_0 = V, R_N = U (thin SVD factors)
        double[][] rk = new double[depth + 1][];
        int p = svd.s().length;
        rk[0] = columns(svd.v(), widths[0], p, r);
        rk[depth] = columns(svd.u(), widths[depth], p, r);
        for (int k = 1; k < depth; k++) {
            double[] q = rnd == null ? identity(widths[k]) : Dense.randomOrthogonal(widths[k], rnd);
            rk[k] = columns(q, widths[k], widths[k], r);
        }
        double[] root = new double[r];
        for (int i = 0; i < r; i++) {
            root[i] = Math.pow(svd.s()[i], 1.0 / depth);
        }
        double[] x = new double[dim];
        for (int k = 1; k <= depth; k++) {
            // W_k = R_k S^{1/N} R_{k-1}^T
            int rows = widths[k], cols = widths[k - 1];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    double s = 0;
                    for (int t = 0; t < r; t++) {
                        s += rk[k][i * r + t] * root[t] * rk[k - 1][j * r + t];
                    }
                    x[offsets[k] + i * cols + j] = s;
                }
            }
        }
        return x;
    }

    private static double[] identity(int n) {
        double[] e = new double[n * n];
        for (int i = 0; i < n; i++) {
            e[i * n + i] = 1;
        }
        return e;
    }

    /** The first r columns of a rows x cols row-major matrix, as rows x r. */
    private static double[] columns(double[] a, int rows, int cols, int r) {
        double[] out = new double[rows * r];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(a, i * cols, out, i * r, r);
        }
        return out;
    }

    /**
     * A random start: every entry of W_k is scale * N(0, 1/d_{k-1}) (fan-in scaling), drawn from {@code seed} in
     * layout order.
     */
    public double[] randomStart(long seed, double scale) {
        Random rnd = new Random(seed);
        double[] x = new double[dim];
        for (int k = 1; k <= depth; k++) {
            double s = scale / Math.sqrt(widths[k - 1]);
            for (int i = offsets[k]; i < offsets[k] + widths[k] * widths[k - 1]; i++) {
                x[i] = s * rnd.nextGaussian();
            }
        }
        return x;
    }

    // ---------------------------------------------------------------- evaluation

    @Override
    public LeastSquaresEvaluator evaluator() {
        return new DeepLinearEvaluator(this, KernelProvider.get());
    }

    /** An evaluator on the given kernels (tests, benchmarks). */
    public LeastSquaresEvaluator evaluator(Kernels k) {
        return new DeepLinearEvaluator(this, k);
    }
}
