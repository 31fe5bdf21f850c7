package dev.eos.models;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import java.util.Optional;
import java.util.Random;

/**
 * Symmetric matrix factorization L(U) = 1/4 ||U U^T - M||_F^2 with U of shape d x k and M symmetric d x d
 * (THEORY 6.2 (i)); a least-squares model with F = U U^T (d*d outputs), c = 1/2. Parameter layout: U row-major.
 *
 * <ul>
 *   <li>grad L = (U U^T - M) U;  H V = (V U^T + U V^T) U + (U U^T - M) V;</li>
 *   <li>D^3 L[V, V, .] = 2 (V U^T + U V^T) V + 2 V V^T U (at every point);</li>
 *   <li>on Gamma = {U U^T = M} (M PSD of rank r = k): lambda_1 = 2 lambda_max(M) everywhere.</li>
 * </ul>
 * The minimum loss is 1/4 of the sum of squares of the eigenvalues of M not kept by the best PSD rank-k
 * approximation (the negative ones and the positive ones beyond the k largest).
 */
public final class SymmetricFactorization implements FactorModel {

    final int d;
    final int k;
    final double[] target;
    private final double[] eigenvalues;
    private final Dense.Eig eig;
    private final int rankM;
    private final String origin;

    /**
     * @param target M, d x d row-major, symmetric up to rounding (1e-12 relative), finite
     * @param d      the matrix size
     * @param k      the columns of U (the --rank option)
     */
    public SymmetricFactorization(double[] target, int d, int k) {
        this(target, null, d, k, "given M");
    }

    /** As {@link #SymmetricFactorization(double[], int, int)}, also checking the array's shape (e.g. from .npy). */
    public SymmetricFactorization(double[] target, int[] targetShape, int d, int k) {
        this(target, targetShape, d, k, "given M");
    }

    private SymmetricFactorization(double[] target, int[] shape, int d, int k, String origin) {
        Checks.positive("factorization size d", d);
        Checks.positive("factorization rank k (columns of U)", k);
        if (shape != null && (shape.length != 2 || shape[0] != shape[1])) {
            throw new IllegalArgumentException("factorization target M must be square, got shape " + Checks.shape(shape));
        }
        Checks.shapeIs("factorization target M", target, shape, d, d);
        Checks.finite("factorization target M", target, d, d);
        this.target = Checks.symmetric("factorization target M", target, d);
        this.d = d;
        this.k = k;
        this.eig = Dense.symmetricEig(this.target, d);
        this.eigenvalues = eig.values();
        double tol = 10 * d * Math.ulp(1.0) * Math.max(Math.abs(eigenvalues[0]), Math.abs(eigenvalues[d - 1]));
        int r = 0;
        for (double l : eigenvalues) {
            if (l > tol) {
                r++;
            }
        }
        this.rankM = eigenvalues[d - 1] < -tol ? -1 : r;
        this.origin = origin;
    }

    /**
     * A random PSD target M = Q diag(spectrum) Q^T, Q random orthogonal from {@code seed}; spectrum (at most d
     * entries, each &ge; 0, the rest zero) sets the eigenvalues and so rank M.
     */
    public static SymmetricFactorization random(int d, int k, double[] spectrum, long seed) {
        Checks.positive("factorization size d", d);
        if (spectrum == null || spectrum.length > d) {
            throw new IllegalArgumentException("factorization spectrum must have at most d = " + d + " eigenvalues, got "
                    + (spectrum == null ? "none" : spectrum.length));
        }
        for (double s : spectrum) {
            if (!(s >= 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("factorization eigenvalues must be finite and >= 0, got "
                        + java.util.Arrays.toString(spectrum));
            }
        }
        double[] q = Dense.randomOrthogonal(d, new Random(seed));
        double[] m = Dense.fromSvd(q, spectrum, q, d, d);
        return new SymmetricFactorization(m, null, d, k, "random PSD M (seed " + seed + ")");
    }

    @Override
    public String name() {
        return "factorization";
    }

    @Override
    public int size() {
        return d;
    }

    @Override
    public int rank() {
        return k;
    }

    /** M (a copy). */
    public double[] target() {
        return target.clone();
    }

    /** Eigenvalues of M, descending (a copy). */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** rank M, or -1 when M is not PSD. */
    public int targetRank() {
        return rankM;
    }

    /** lambda_1 on Gamma: 2 lambda_max(M) (THEORY 6.2 (i)). */
    public double sharpnessOnManifold() {
        return 2 * eigenvalues[0];
    }

    @Override
    public double minLoss() {
        double s = 0;
        int kept = 0;
        for (double l : eigenvalues) {
            if (l > 0 && kept < k) {
                kept++;
            } else {
                s += l * l;
            }
        }
        return 0.25 * s;
    }

    @Override
    public int normalRank() {
        return degenerateManifold().isPresent() ? -1 : FactorModel.productDimension(d, k);
    }

    @Override
    public Optional<String> degenerateManifold() {
        if (rankM < 0) {
            return Optional.of("M has a negative eigenvalue (" + eigenvalues[d - 1] + "): the minimizers do not satisfy"
                    + " U U^T = M (THEORY 6.2)");
        }
        if (rankM != k) {
            return Optional.of("rank M = " + rankM + " differs from k = " + k + ": "
                    + (k > rankM ? "extra columns add flat quartic directions (ker H larger than T Gamma)"
                    : "U U^T = M has no solution") + " (THEORY 6.2); use k = rank M");
        }
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "factorization 1/4 ||U U^T - M||^2, d = " + d + ", k = " + k + ", " + origin + ", lambda_max(M) = "
                + eigenvalues[0] + ", rank M = " + rankM;
    }

    /**
     * A point of Gamma: U = [Q_r diag(sqrt(lambda)) | 0] O with O a random k x k orthogonal matrix from
     * {@code seed}. Needs M PSD with rank M &le; k.
     */
    public double[] minimizer(long seed) {
        if (rankM < 0 || rankM > k) {
            throw new IllegalArgumentException("a minimizer with U U^T = M needs M PSD of rank <= k = " + k
                    + ", rank M = " + rankM);
        }
        double[] u0 = new double[d * k];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < rankM; j++) {
                u0[i * k + j] = eig.vector(j, i) * Math.sqrt(eigenvalues[j]);
            }
        }
        return Dense.mul(u0, Dense.randomOrthogonal(k, new Random(seed)), d, k, k);
    }

    @Override
    public LeastSquaresEvaluator evaluator() {
        return new Eval(KernelProvider.get());
    }

    /** An evaluator on the given kernels (tests, benchmarks). */
    public LeastSquaresEvaluator evaluator(Kernels kernels) {
        return new Eval(kernels);
    }

    /** Workspace: R = U U^T - M, E = V U^T + U V^T, T = V V^T (d x d each). */
    private final class Eval implements LeastSquaresEvaluator {
        private final Kernels kk;
        private final double[] r = new double[d * d];
        private final double[] e = new double[d * d];
        private final double[] t = new double[d * d];
        private final double[] hr = new double[d * d];
        private double[] hu;
        private final SymmetricOperator view = new SymmetricOperator() {
            @Override
            public int dim() {
                return d * k;
            }

            @Override
            public void apply(double[] v, double[] out) {
                hvpWith(hu, hr, v, 0, out, 0);
            }

            @Override
            public void applyBatch(double[] v, int nv, double[] out) {
                for (int j = 0; j < nv; j++) {
                    hvpWith(hu, hr, v, j * d * k, out, j * d * k);
                }
            }
        };

        Eval(Kernels kk) {
            this.kk = kk;
        }

        @Override
        public Model model() {
            return SymmetricFactorization.this;
        }

        @Override
        public int outputDim() {
            return d * d;
        }

        @Override
        public double scale() {
            return 0.5;
        }

        /** out := U U^T - M; returns 1/4 ||out||^2. */
        private double residualInto(double[] u, double[] out) {
            kk.gemmNT(d, d, k, 1, u, 0, k, u, 0, k, 0, out, 0, d);
            kk.axpy(d * d, -1, target, 0, out, 0);
            return 0.25 * kk.dot(d * d, out, 0, out, 0);
        }

        /** H V = (V U^T + U V^T) U + R V with R = U U^T - M given. */
        private void hvpWith(double[] u, double[] rr, double[] v, int vo, double[] hv, int ho) {
            kk.gemmNT(d, d, k, 1, v, vo, k, u, 0, k, 0, e, 0, d);
            kk.gemmNT(d, d, k, 1, u, 0, k, v, vo, k, 1, e, 0, d);
            kk.gemm(d, k, d, 1, e, 0, d, u, 0, k, 0, hv, ho, k);
            kk.gemm(d, k, d, 1, rr, 0, d, v, vo, k, 1, hv, ho, k);
        }

        @Override
        public double loss(double[] u) {
            return residualInto(u, r);
        }

        @Override
        public double lossAndGradient(double[] u, double[] grad) {
            double l = residualInto(u, r);
            kk.gemm(d, k, d, 1, r, 0, d, u, 0, k, 0, grad, 0, k);
            return l;
        }

        @Override
        public void hvp(double[] u, double[] v, double[] hv) {
            residualInto(u, r);
            hvpWith(u, r, v, 0, hv, 0);
        }

        @Override
        public double gradientAndHvp(double[] u, double[] v, double[] grad, double[] hv) {
            double l = residualInto(u, r);
            kk.gemm(d, k, d, 1, r, 0, d, u, 0, k, 0, grad, 0, k);
            hvpWith(u, r, v, 0, hv, 0);
            return l;
        }

        @Override
        public void hvpBatch(double[] u, double[] v, int nv, double[] hv) {
            residualInto(u, r);
            for (int j = 0; j < nv; j++) {
                hvpWith(u, r, v, j * d * k, hv, j * d * k);
            }
        }

        @Override
        public void curvatureGradient(double[] u, double[] v, double[] out) {
            // 2 (V U^T + U V^T) V + 2 V V^T U
            kk.gemmNT(d, d, k, 1, v, 0, k, u, 0, k, 0, e, 0, d);
            kk.gemmNT(d, d, k, 1, u, 0, k, v, 0, k, 1, e, 0, d);
            kk.gemmNT(d, d, k, 1, v, 0, k, v, 0, k, 0, t, 0, d);
            kk.gemm(d, k, d, 2, e, 0, d, v, 0, k, 0, out, 0, k);
            kk.gemm(d, k, d, 2, t, 0, d, u, 0, k, 1, out, 0, k);
        }

        @Override
        public SymmetricOperator hessianAt(double[] u) {
            hu = u;
            residualInto(u, hr);
            return view;
        }

        @Override
        public void residual(double[] u, double[] out) {
            residualInto(u, out);
        }

        @Override
        public void jvp(double[] u, double[] v, double[] out) {
            kk.gemmNT(d, d, k, 1, v, 0, k, u, 0, k, 0, out, 0, d);
            kk.gemmNT(d, d, k, 1, u, 0, k, v, 0, k, 1, out, 0, d);
        }

        @Override
        public void vjp(double[] u, double[] w, double[] out) {
            // (W + W^T) U
            kk.gemm(d, k, d, 1, w, 0, d, u, 0, k, 0, out, 0, k);
            kk.gemmTN(d, k, d, 1, w, 0, d, u, 0, k, 1, out, 0, k);
        }
    }
}
