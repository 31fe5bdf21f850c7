package dev.eos.models;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import java.util.Optional;
import java.util.Random;

/**
 * Matrix sensing L(U) = 1/(2m) sum_i (&lt;A_i, U U^T&gt; - y_i)^2 with m measurements A_i (d x d) and U of shape d x k
 * (THEORY 6.2 (ii)); a least-squares model with F_i = &lt;A_i, U U^T&gt; (m outputs), c = 1/m. Parameter layout: U
 * row-major.
 *
 * <p>Only S_i = (A_i + A_i^T)/2 matters, since &lt;A_i, U U^T&gt; = &lt;S_i, U U^T&gt;. The measurements are stored as
 * an m x P matrix of packed upper triangles of S_i (P = d(d+1)/2, each row padded to a multiple of 8 doubles): at
 * m = 2000, d = 40 that is 13 MB, half of the full tensor, so it stays in the last-level cache. Every derivative is
 * one blocked pass over it (see {@link MatrixSensingEvaluator}).
 *
 * <p>When P &le; m, the Gram matrix G = sum_i s_i s_i^T of the packed measurements (P x P, symmetric, stored as its
 * upper triangle in row blocks: at most a quarter of the measurements' size) is formed once at construction. The HVP part
 * sum_i &lt;S_i, Z&gt; S_i is then G pack(Z): P^2 instead of 2 m P multiply-adds, and a batch of k directions shares
 * one read of G. The loss and the gradient always go through the residuals r_i themselves (G g - A^T y would cancel
 * catastrophically near Gamma).
 *
 * <p>Random instances: A_i with iid N(0, 1) entries (drawn in (i, row, column) order from the seed), a ground truth
 * U* of shape d x r (r = target rank) with iid N(0, 1/d) entries drawn next, and y_i = &lt;S_i, U* U*^T&gt;.
 */
public final class MatrixSensing implements FactorModel {

    final int d;
    final int k;
    final int m;
    /** P = d(d+1)/2 packed entries per measurement, and the padded row length. */
    final int packed;
    final int ld;
    /** m x ld packed S_i (upper triangle, row by row). */
    final double[] a;
    final double[] y;
    /** The ground truth U* (d x r) when known, else null. */
    private final double[] truth;
    private final int truthRank;
    private final double minLoss;
    private final String origin;
    /** Rows per block of the Gram matrix's blocked upper-triangular storage. */
    static final int GRAM_BLOCK = 16;

    /**
     * The Gram matrix G = sum_i s_i s_i^T of the packed measurements in blocked upper-triangular storage, or null
     * (direct mode, P &gt; m): for each block of rows [i0, i0 + b) (b = GRAM_BLOCK, the last one shorter), the
     * rectangle G[i0:i0+b, i0:P] row-major with leading dimension P - i0, at offset gramOffset[block]. The
     * rectangles hold the upper triangle plus the small lower triangles of the diagonal blocks: about P^2/2 doubles.
     */
    final double[] gram;
    final int[] gramOffset;
    /** Phi and P_T in closed form when m = 1 and S_1 is diagonal, else null. */
    private final ClosedFormGeometry geometry;
    /** Threads an evaluator's passes over the measurements use ({@link #withThreads}). */
    final int threads;

    private MatrixSensing(double[] packedS, double[] y, int m, int d, int k, double[] truth, int truthRank,
                          double minLoss, String origin) {
        this(packedS, y, m, d, k, truth, truthRank, minLoss, origin, true);
    }

    private MatrixSensing(double[] packedS, double[] y, int m, int d, int k, double[] truth, int truthRank,
                          double minLoss, String origin, boolean allowGram) {
        this.d = d;
        this.k = k;
        this.m = m;
        this.packed = d * (d + 1) / 2;
        this.ld = (packed + 7) & ~7;
        this.a = packedS;
        this.y = y;
        this.truth = truth;
        this.truthRank = truthRank;
        this.minLoss = minLoss;
        this.origin = origin;
        this.threads = 1;
        this.geometry = m == 1 ? singleDiagonal(packedS, d, k, y[0]) : null;
        if (allowGram && packed <= m) {
            double[] full = new double[ld * ld];
            KernelProvider.get().gemmTN(ld, ld, m, 1, packedS, 0, ld, packedS, 0, ld, 0, full, 0, ld);
            int blocks = (packed + GRAM_BLOCK - 1) / GRAM_BLOCK;
            gramOffset = new int[blocks + 1];
            int size = 0;
            for (int bi = 0; bi < blocks; bi++) {
                int i0 = bi * GRAM_BLOCK;
                gramOffset[bi] = size;
                size += Math.min(GRAM_BLOCK, packed - i0) * (packed - i0);
            }
            gramOffset[blocks] = size;
            gram = new double[size];
            for (int bi = 0; bi < blocks; bi++) {
                int i0 = bi * GRAM_BLOCK;
                int rows = Math.min(GRAM_BLOCK, packed - i0);
                int w = packed - i0;
                for (int t = 0; t < rows; t++) {
                    // G is symmetric up to the kernel's rounding: take the upper entry for both triangles
                    for (int j = 0; j < w; j++) {
                        int row = i0 + t, col = i0 + j;
                        gram[gramOffset[bi] + t * w + j] = row <= col ? full[row * ld + col] : full[col * ld + row];
                    }
                }
            }
        } else {
            gram = null;
            gramOffset = null;
        }
    }

    /** The same model (sharing its data) with another thread count. */
    private MatrixSensing(MatrixSensing o, int threads) {
        this.d = o.d;
        this.k = o.k;
        this.m = o.m;
        this.packed = o.packed;
        this.ld = o.ld;
        this.a = o.a;
        this.y = o.y;
        this.truth = o.truth;
        this.truthRank = o.truthRank;
        this.minLoss = o.minLoss;
        this.origin = o.origin;
        this.gram = o.gram;
        this.gramOffset = o.gramOffset;
        this.geometry = o.geometry;
        this.threads = threads;
    }

    /**
     * The same model (sharing its data) whose evaluators split each pass over the measurements (gradient, fused
     * gradient + HVP, loss, HVPs without the Gram matrix) over {@code threads} threads. Results are bit-identical for
     * every thread count: the pass is cut into at most {@value MatrixSensingEvaluator#SEGMENTS} fixed segments
     * whose partial sums are added in a fixed order ({@link MatrixSensingEvaluator}), so at most that many threads
     * are used.
     */
    public MatrixSensing withThreads(int threads) {
        Checks.positive("matrix-sensing threads", threads);
        return threads == this.threads ? this : new MatrixSensing(this, threads);
    }

    /** Threads an evaluator's passes over the measurements use (1 unless {@link #withThreads} was called). */
    public int threads() {
        return threads;
    }

    /** The closed-form geometry of one measurement with a diagonal S_1, or null when S_1 has an off-diagonal entry. */
    private static ClosedFormGeometry singleDiagonal(double[] packedS, int d, int k, double y) {
        double[] diag = new double[d];
        for (int r = 0; r < d; r++) {
            for (int c = r; c < d; c++) {
                double v = packedS[pos(d, r, c)];
                if (r == c) {
                    diag[r] = v;
                } else if (v != 0) {
                    return null;
                }
            }
        }
        return new SingleMeasurementGeometry(diag, k, y);
    }

    /** The same model evaluated without the Gram matrix (every product one pass over the measurements; tests). */
    MatrixSensing direct() {
        return new MatrixSensing(a, y, m, d, k, truth, truthRank, minLoss, origin, false).withThreads(threads);
    }

    /** Whether HVPs go through the Gram matrix (P &le; m) rather than passes over the measurements. */
    public boolean usesGram() {
        return gram != null;
    }

    /** Index of S(a, b), a &le; b, in a packed row. */
    static int pos(int d, int row, int col) {
        return row * d - row * (row - 1) / 2 + (col - row);
    }

    /** Packs the symmetric parts of m matrices (m x d x d row-major) into padded rows. */
    private static double[] pack(double[] full, int m, int d) {
        int p = d * (d + 1) / 2;
        int ld = (p + 7) & ~7;
        double[] s = new double[m * ld];
        for (int i = 0; i < m; i++) {
            int base = i * d * d;
            for (int r = 0; r < d; r++) {
                for (int c = r; c < d; c++) {
                    s[i * ld + pos(d, r, c)] = 0.5 * (full[base + r * d + c] + full[base + c * d + r]);
                }
            }
        }
        return s;
    }

    /**
     * Sensing with given measurements and observations. L_min is not known (NaN).
     *
     * @param a      A, m x d x d row-major (A_i need not be symmetric: only S_i counts), finite
     * @param aShape its shape, must be (m, d, d) (null: only the length is checked against m d d)
     * @param y      y, length m, finite
     * @param k      the columns of U
     */
    public static MatrixSensing of(double[] a, int[] aShape, double[] y, int[] yShape, int m, int d, int k) {
        Checks.positive("sensing measurements m", m);
        Checks.positive("sensing size d", d);
        Checks.positive("sensing rank k (columns of U)", k);
        if (aShape != null && (aShape.length != 3 || aShape[1] != aShape[2])) {
            throw new IllegalArgumentException("sensing measurements A must have shape (m, d, d), got "
                    + Checks.shape(aShape));
        }
        Checks.shapeIs("sensing measurements A", a, aShape, m, d, d);
        Checks.finite("sensing measurements A", a, m, d, d);
        Checks.shapeIs("sensing observations y (one per measurement of A " + Checks.shape(m, d, d) + ")", y, yShape, m);
        Checks.finite("sensing observations y", y, m);
        return new MatrixSensing(pack(a, m, d), y.clone(), m, d, k, null, -1, Double.NaN, "given A and y");
    }

    /**
     * Given measurements A (m x d x d) and a ground truth U* (d x r): y_i = &lt;S_i, U* U*^T&gt;, L_min = 0 when r &le; k.
     */
    public static MatrixSensing withTruth(double[] a, int[] aShape, double[] truth, int m, int d, int k, int r) {
        Checks.positive("sensing measurements m", m);
        Checks.positive("sensing size d", d);
        Checks.positive("sensing rank k (columns of U)", k);
        Checks.positive("sensing target rank", r);
        Checks.shapeIs("sensing measurements A", a, aShape, m, d, d);
        Checks.finite("sensing measurements A", a, m, d, d);
        Checks.shapeIs("sensing ground truth U*", truth, null, d, r);
        Checks.finite("sensing ground truth U*", truth, d, r);
        double[] s = pack(a, m, d);
        return new MatrixSensing(s, observe(s, truth, m, d, r), m, d, k, truth.clone(), r,
                r <= k ? 0 : Double.NaN, "given A, ground truth of rank " + r);
    }

    /**
     * Gaussian measurements and a random ground truth of rank r from {@code seed} (see the class comment); the
     * same seed gives the same model bit for bit. L_min = 0 when r &le; k.
     */
    public static MatrixSensing random(int m, int d, int k, int r, long seed) {
        Checks.positive("sensing measurements m", m);
        Checks.positive("sensing size d", d);
        Checks.positive("sensing rank k (columns of U)", k);
        Checks.positive("sensing target rank", r);
        if ((long) m * d * d > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("sensing measurements A of shape " + Checks.shape(m, d, d)
                    + " are too large for one array");
        }
        Random rnd = new Random(seed);
        double[] full = new double[m * d * d];
        for (int i = 0; i < full.length; i++) {
            full[i] = rnd.nextGaussian();
        }
        double[] truth = new double[d * r];
        double sd = 1 / Math.sqrt(d);
        for (int i = 0; i < truth.length; i++) {
            truth[i] = sd * rnd.nextGaussian();
        }
        double[] s = pack(full, m, d);
        return new MatrixSensing(s, observe(s, truth, m, d, r), m, d, k, truth, r, r <= k ? 0 : Double.NaN,
                "Gaussian A (seed " + seed + "), ground truth of rank " + r);
    }

    /**
     * The ellipse of THEORY 6.2: m = 1, d = 2, k = 1, A = diag(1, a), observation y; L = 1/2 (u_1^2 + a u_2^2 - y)^2.
     * Gamma is the ellipse u_1^2 + a u_2^2 = y, on which lambda_1 = 4 (u_1^2 + a^2 u_2^2). Phi and P_T are in closed
     * form ({@link #closedFormGeometry()}).
     */
    public static MatrixSensing ellipse(double aa, double yy) {
        if (!(aa > 0) || !(yy > 0) || Double.isInfinite(aa) || Double.isInfinite(yy)) {
            throw new IllegalArgumentException("ellipse needs finite a > 0 and y > 0, got a = " + aa + ", y = " + yy);
        }
        double[] full = {1, 0, 0, aa};
        return new MatrixSensing(pack(full, 1, 2), new double[] {yy}, 1, 2, 1, null, -1, 0,
                "ellipse A = diag(1, " + aa + "), y = " + yy);
    }

    /** y_i = &lt;S_i, T T^T&gt; for T of shape d x r. */
    private static double[] observe(double[] s, double[] t, int m, int d, int r) {
        int p = d * (d + 1) / 2;
        int ld = (p + 7) & ~7;
        double[] g = new double[p];
        for (int row = 0; row < d; row++) {
            for (int col = row; col < d; col++) {
                double v = 0;
                for (int j = 0; j < r; j++) {
                    v += t[row * r + j] * t[col * r + j];
                }
                g[pos(d, row, col)] = row == col ? v : 2 * v;
            }
        }
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double v = 0;
            for (int j = 0; j < p; j++) {
                v += s[i * ld + j] * g[j];
            }
            y[i] = v;
        }
        return y;
    }

    // ---------------------------------------------------------------- model facts

    @Override
    public String name() {
        return "matrix-sensing";
    }

    @Override
    public int size() {
        return d;
    }

    @Override
    public int rank() {
        return k;
    }

    /** The number of measurements m. */
    public int measurements() {
        return m;
    }

    /** The observations y (a copy). */
    public double[] observations() {
        return y.clone();
    }

    /** S_i = (A_i + A_i^T)/2 as an m x d x d row-major array (a new array). */
    public double[] symmetricMeasurements() {
        double[] out = new double[m * d * d];
        for (int i = 0; i < m; i++) {
            for (int r = 0; r < d; r++) {
                for (int c = r; c < d; c++) {
                    double v = a[i * ld + pos(d, r, c)];
                    out[i * d * d + r * d + c] = v;
                    out[i * d * d + c * d + r] = v;
                }
            }
        }
        return out;
    }

    /** The ground truth U* (d x r, a copy), or empty when y was given. */
    public Optional<double[]> groundTruth() {
        return truth == null ? Optional.empty() : Optional.of(truth.clone());
    }

    /** The rank r of the ground truth, or -1 when y was given. */
    public int targetRank() {
        return truthRank;
    }

    @Override
    public double minLoss() {
        return minLoss;
    }

    /**
     * Generic rank of H on Gamma: the Jacobian of U -&gt; (&lt;S_i, U U^T&gt;)_i has rank min(m, d k - k(k-1)/2) at a
     * generic point of a realizable problem with a rank-k truth (or the ellipse); -1 otherwise.
     */
    @Override
    public int normalRank() {
        if (degenerateManifold().isPresent() || (truth == null && minLoss != 0)) {
            return -1;
        }
        return Math.min(m, FactorModel.productDimension(d, k));
    }

    @Override
    public Optional<String> degenerateManifold() {
        if (truth != null && truthRank != k) {
            return Optional.of("ground-truth rank " + truthRank + " differs from k = " + k + ": "
                    + (k > truthRank ? "extra columns add flat quartic directions" : "no exact minimizer exists")
                    + " (THEORY 6.2); use target rank = k");
        }
        return Optional.empty();
    }

    /**
     * Closed-form Phi and P_T when there is one measurement (m = 1) whose symmetric part S_1 is diagonal, such as the
     * ellipse of THEORY 6.2: gradient flow scales row j of U by e^{-s_j theta}, which on the ellipse keeps
     * |u_2| / |u_1|^a constant, and Phi is where that curve meets Gamma ({@link SingleMeasurementGeometry}).
     */
    @Override
    public Optional<ClosedFormGeometry> closedFormGeometry() {
        return Optional.ofNullable(geometry);
    }

    @Override
    public String describe() {
        String s = "matrix-sensing 1/(2m) sum (<A_i, U U^T> - y_i)^2, m = " + m + ", d = " + d + ", k = " + k + ", "
                + origin;
        if (m >= packed) {
            s += "; m >= d(d+1)/2: the measurements determine U U^T, Gamma is one rotation orbit and sharpness is"
                    + " constant on it (THEORY 6.2)";
        }
        return s;
    }

    @Override
    public LeastSquaresEvaluator evaluator() {
        return new MatrixSensingEvaluator(this, KernelProvider.get());
    }

    /** An evaluator on the given kernels (tests, benchmarks). */
    public LeastSquaresEvaluator evaluator(Kernels kernels) {
        return new MatrixSensingEvaluator(this, kernels);
    }
}
