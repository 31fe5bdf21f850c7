package dev.eos.models;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import java.util.Random;

/**
 * The quadratic L(x) = 1/2 x^T A x with A symmetric D x D (THEORY 3): grad L = A x, H = A, D^3 L = 0.
 *
 * <p>When A is positive semi-definite, Gamma = ker A, the gradient flow x(t) = exp(-tA) x converges to the
 * orthogonal projection of x onto ker A, so Phi = P_T = that projection ({@link ClosedFormGeometry}) and the normal
 * rank is rank A. An indefinite A is allowed (the loss is then unbounded below: {@link #minLoss()} is NaN and
 * there is no closed-form geometry).
 */
public final class Quadratic implements Model, ClosedFormGeometry {

    private final int d;
    private final double[] a;
    private final double[] eigenvalues;
    private final int rank;
    private final boolean psd;
    /** Orthonormal basis of ker A as the rows of a (D - rank) x D matrix (PSD case). */
    private final double[] kernelBasis;
    private final String origin;

    /**
     * A quadratic with a given symmetric matrix.
     *
     * @param a D x D row-major, symmetric up to rounding (1e-12 relative; it is then symmetrised exactly)
     * @throws IllegalArgumentException when a is not D x D, not finite or not symmetric
     */
    public Quadratic(double[] a, int d) {
        this(checked(a, d), d, "given A");
    }

    private static double[] checked(double[] a, int d) {
        Checks.positive("quadratic dimension D", d);
        Checks.shapeIs("quadratic matrix A", a, null, d, d);
        Checks.finite("quadratic matrix A", a, d, d);
        return Checks.symmetric("quadratic matrix A", a, d);
    }

    private Quadratic(double[] sym, int d, String origin) {
        this.d = d;
        this.a = sym;
        this.origin = origin;
        Dense.Eig eig = Dense.symmetricEig(sym, d);
        this.eigenvalues = eig.values();
        double scale = Math.max(Math.abs(eigenvalues[0]), Math.abs(eigenvalues[d - 1]));
        double tol = 10 * d * Math.ulp(1.0) * scale;
        int r = 0;
        for (double l : eigenvalues) {
            if (Math.abs(l) > tol) {
                r++;
            }
        }
        this.rank = r;
        this.psd = eigenvalues[d - 1] >= -tol;
        // ker A: eigenvectors of the eigenvalues with |lambda| <= tol (the tail of the sorted list when PSD)
        int nk = d - r;
        double[] basis = new double[nk * d];
        int row = 0;
        for (int j = 0; j < d; j++) {
            if (Math.abs(eigenvalues[j]) <= tol) {
                for (int i = 0; i < d; i++) {
                    basis[row * d + i] = eig.vector(j, i);
                }
                row++;
            }
        }
        this.kernelBasis = basis;
    }

    /**
     * A = Q diag(spectrum) Q^T with Q a random orthogonal matrix from {@code seed} (same seed, same bits).
     *
     * @param spectrum the eigenvalues (any order, finite); D = spectrum.length
     */
    public static Quadratic withSpectrum(double[] spectrum, long seed) {
        if (spectrum == null || spectrum.length == 0) {
            throw new IllegalArgumentException("quadratic spectrum must have at least one eigenvalue");
        }
        int d = spectrum.length;
        Checks.finite("quadratic spectrum", spectrum, d);
        double[] q = Dense.randomOrthogonal(d, new Random(seed));
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double s = 0;
                for (int p = 0; p < d; p++) {
                    s += q[i * d + p] * spectrum[p] * q[j * d + p];
                }
                a[i * d + j] = s;
                a[j * d + i] = s;
            }
        }
        return new Quadratic(a, d, "random A with spectrum, seed " + seed);
    }

    /** The matrix A (a copy, D x D row-major). */
    public double[] matrix() {
        return a.clone();
    }

    /** Eigenvalues of A, descending (a copy). */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** rank A (numerical: |lambda| &gt; 10 D eps max|lambda|). */
    public int rank() {
        return rank;
    }

    /** Whether A is positive semi-definite (to rounding). */
    public boolean isPsd() {
        return psd;
    }

    @Override
    public String name() {
        return "quadratic";
    }

    @Override
    public int dim() {
        return d;
    }

    @Override
    public double minLoss() {
        return psd ? 0 : Double.NaN;
    }

    @Override
    public int normalRank() {
        return psd ? rank : -1;
    }

    @Override
    public java.util.Optional<String> degenerateManifold() {
        return psd ? java.util.Optional.empty()
                : java.util.Optional.of("A is indefinite (lambda_min = " + eigenvalues[d - 1]
                        + "): the loss has no minimizer manifold");
    }

    @Override
    public String layout() {
        return "x (" + d + ")";
    }

    @Override
    public String describe() {
        return "quadratic 1/2 x^T A x, D = " + d + ", " + origin + ", lambda_1 = " + eigenvalues[0] + ", rank " + rank;
    }

    /** out := projection of v onto ker A. Needs A PSD. */
    private void projectKernel(double[] v, double[] out) {
        if (!psd) {
            throw new UnsupportedOperationException(degenerateManifold().orElseThrow());
        }
        java.util.Arrays.fill(out, 0, d, 0.0);
        for (int r = 0; r < d - rank; r++) {
            double s = 0;
            for (int i = 0; i < d; i++) {
                s += kernelBasis[r * d + i] * v[i];
            }
            for (int i = 0; i < d; i++) {
                out[i] += s * kernelBasis[r * d + i];
            }
        }
    }

    /** Phi(x) = the projection of x onto ker A (the limit of exp(-tA) x). Needs A PSD. */
    @Override
    public void phi(double[] x, double[] out) {
        projectKernel(x, out);
    }

    /** P_T v = the projection of v onto ker A (T Gamma = ker A at every point). Needs A PSD. */
    @Override
    public void tangentProject(double[] p, double[] v, double[] out) {
        projectKernel(v, out);
    }

    @Override
    public Evaluator evaluator() {
        return new Eval(KernelProvider.get());
    }

    /** An evaluator on the given kernels (tests, benchmarks). */
    public Evaluator evaluator(Kernels k) {
        return new Eval(k);
    }

    /** Workspace: a 2 x D stack for the fused gradient + HVP (one pass over A for both). */
    private final class Eval implements Evaluator {
        private final Kernels k;
        private final double[] stack = new double[2 * d];
        private final double[] out2 = new double[2 * d];
        private final SymmetricOperator view = new SymmetricOperator() {
            @Override
            public int dim() {
                return d;
            }

            @Override
            public void apply(double[] v, double[] out) {
                k.gemv(d, d, 1, a, 0, d, v, 0, 0, out, 0);
            }

            @Override
            public void applyBatch(double[] v, int nv, double[] out) {
                hvpBatch(null, v, nv, out);
            }
        };

        Eval(Kernels k) {
            this.k = k;
        }

        @Override
        public Model model() {
            return Quadratic.this;
        }

        @Override
        public double loss(double[] x) {
            k.gemv(d, d, 1, a, 0, d, x, 0, 0, out2, 0);
            return 0.5 * k.dot(d, x, 0, out2, 0);
        }

        @Override
        public double lossAndGradient(double[] x, double[] grad) {
            k.gemv(d, d, 1, a, 0, d, x, 0, 0, grad, 0);
            return 0.5 * k.dot(d, x, 0, grad, 0);
        }

        @Override
        public void hvp(double[] x, double[] v, double[] hv) {
            k.gemv(d, d, 1, a, 0, d, v, 0, 0, hv, 0);
        }

        @Override
        public double gradientAndHvp(double[] x, double[] v, double[] grad, double[] hv) {
            // [x; v] A (A symmetric): one gemm reads A once for both products
            System.arraycopy(x, 0, stack, 0, d);
            System.arraycopy(v, 0, stack, d, d);
            k.gemm(2, d, d, 1, stack, 0, d, a, 0, d, 0, out2, 0, d);
            System.arraycopy(out2, 0, grad, 0, d);
            System.arraycopy(out2, d, hv, 0, d);
            return 0.5 * k.dot(d, x, 0, grad, 0);
        }

        @Override
        public void hvpBatch(double[] x, double[] v, int nv, double[] hv) {
            // rows of V times A = (A V^T)^T, A symmetric
            k.gemm(nv, d, d, 1, v, 0, d, a, 0, d, 0, hv, 0, d);
        }

        @Override
        public void curvatureGradient(double[] x, double[] v, double[] out) {
            java.util.Arrays.fill(out, 0, d, 0.0); // D^3 L = 0
        }

        @Override
        public SymmetricOperator hessianAt(double[] x) {
            return view;
        }
    }
}
