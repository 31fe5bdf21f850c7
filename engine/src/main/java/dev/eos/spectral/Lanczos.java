package dev.eos.spectral;

import dev.eos.models.SymmetricOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Top-k eigenpairs of a symmetric operator given by its products (the Hessian of a model, via HVPs).
 *
 * <p>API contract used by the dynamics and the CLI: construct once per thread for a dimension (a workspace), then
 * call {@link #solve} as often as needed; a non-null start vector warm-starts the solve (e.g. the previous Ritz
 * vector during a run).
 *
 * <p>PLACEHOLDER implementation (dense: n products with unit vectors, then a dense symmetric eigensolver); the
 * spectral issue replaces the inside with restarted Lanczos without changing this API.
 */
public final class Lanczos {

    /**
     * Solver options.
     *
     * @param tol       convergence when ||H v - lambda v|| &lt;= tol * |lambda| for every wanted pair
     * @param maxBasis  the Krylov basis size kept in memory before a restart
     * @param maxHvps   a budget of operator products; the result carries the residuals it reached
     * @param which     which end of the spectrum
     * @param seed      the seed of the random start vector when none is given
     */
    public record Options(double tol, int maxBasis, int maxHvps, Which which, long seed) {

        /** Defaults: tol 1e-10, basis 40, 10000 products, algebraically largest, seed 0. */
        public static Options defaults() {
            return new Options(1e-10, 40, 10_000, Which.LARGEST_ALGEBRAIC, 0L);
        }

        public Options withTol(double t) {
            return new Options(t, maxBasis, maxHvps, which, seed);
        }

        public Options withWhich(Which w) {
            return new Options(tol, maxBasis, maxHvps, w, seed);
        }

        public Options withSeed(long s) {
            return new Options(tol, maxBasis, maxHvps, which, s);
        }
    }

    private final int n;
    private final Options options;

    /** A solver (workspace) for operators of dimension n with default options. */
    public Lanczos(int n) {
        this(n, Options.defaults());
    }

    /** A solver (workspace) for operators of dimension n. */
    public Lanczos(int n, Options options) {
        this.n = n;
        this.options = options;
    }

    public int dim() {
        return n;
    }

    public Options options() {
        return options;
    }

    /**
     * The k wanted eigenpairs of op.
     *
     * @param start a start vector (length n, need not be normalised) or several (k*n, previous Ritz vectors), or
     *              null for a random start from the seed
     */
    public EigenResult solve(SymmetricOperator op, int k, double[] start) {
        double[] h = new double[n * n];
        double[] e = new double[n];
        double[] col = new double[n];
        for (int j = 0; j < n; j++) {
            e[j] = 1;
            op.apply(e, col);
            e[j] = 0;
            for (int i = 0; i < n; i++) {
                h[i * n + j] = col[i];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0.5 * (h[i * n + j] + h[j * n + i]);
                h[i * n + j] = s;
                h[j * n + i] = s;
            }
        }
        EigenResult r = DenseEigen.top(h, n, k, options.which());
        return new EigenResult(n, r.values(), r.vectors(), r.residuals(), n, "lanczos-placeholder-dense");
    }

    /** Dense symmetric eigen-decomposition (EJML), sorted by the requested end. */
    static final class DenseEigen {
        private DenseEigen() {
        }

        static EigenResult top(double[] h, int n, int k, Which which) {
            DMatrixRMaj m = new DMatrixRMaj(n, n, true, h);
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
            if (!eig.decompose(m.copy())) {
                throw new ArithmeticException("dense symmetric eigensolver failed");
            }
            Integer[] order = new Integer[n];
            double[] lam = new double[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
                lam[i] = eig.getEigenvalue(i).getReal();
            }
            java.util.Arrays.sort(order, (a, b) -> which == Which.LARGEST_MAGNITUDE
                    ? Double.compare(Math.abs(lam[b]), Math.abs(lam[a])) : Double.compare(lam[b], lam[a]));
            double[] values = new double[k];
            double[] vectors = new double[k * n];
            double[] residuals = new double[k];
            for (int j = 0; j < k; j++) {
                values[j] = lam[order[j]];
                DMatrixRMaj v = eig.getEigenVector(order[j]);
                double norm = 0;
                for (int i = 0; i < n; i++) {
                    norm += v.get(i) * v.get(i);
                }
                norm = Math.sqrt(norm);
                for (int i = 0; i < n; i++) {
                    vectors[j * n + i] = v.get(i) / norm;
                }
                double res = 0;
                for (int i = 0; i < n; i++) {
                    double s = -values[j] * vectors[j * n + i];
                    for (int l = 0; l < n; l++) {
                        s += h[i * n + l] * vectors[j * n + l];
                    }
                    res += s * s;
                }
                residuals[j] = Math.sqrt(res);
            }
            return new EigenResult(n, values, vectors, residuals, 0, "dense");
        }
    }
}
