package dev.eos.models;

import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Construction-time dense linear algebra for models (never on a hot path): seeded random orthogonal matrices,
 * symmetric eigen-decompositions and SVDs (EJML), all row-major {@code double[]}.
 */
public final class Dense {

    private Dense() {
    }

    /**
     * A random n x n orthogonal matrix from {@code rnd}: Gram-Schmidt (twice, for orthogonality to rounding) on a
     * Gaussian matrix, with column signs fixed so the distribution is Haar. Deterministic given the Random's state.
     */
    public static double[] randomOrthogonal(int n, Random rnd) {
        double[] q = new double[n * n];
        for (int i = 0; i < q.length; i++) {
            q[i] = rnd.nextGaussian();
        }
        // orthonormalise columns in place (column j = q[i*n + j])
        for (int j = 0; j < n; j++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int p = 0; p < j; p++) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) {
                        dot += q[i * n + p] * q[i * n + j];
                    }
                    for (int i = 0; i < n; i++) {
                        q[i * n + j] -= dot * q[i * n + p];
                    }
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += q[i * n + j] * q[i * n + j];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                q[i * n + j] /= norm;
            }
        }
        return q;
    }

    /** C = A B with A m x k, B k x n (plain loops; construction time only). */
    public static double[] mul(double[] a, double[] b, int m, int k, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double aip = a[i * k + p];
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += aip * b[p * n + j];
                }
            }
        }
        return c;
    }

    /** A^T for A m x n. */
    public static double[] transpose(double[] a, int m, int n) {
        double[] t = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                t[j * m + i] = a[i * n + j];
            }
        }
        return t;
    }

    /** U diag(s) V^T with U m x r, V n x r given as the first r columns of m x m and n x n orthogonal matrices. */
    static double[] fromSvd(double[] u, double[] s, double[] v, int m, int n) {
        int r = s.length;
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int p = 0; p < r; p++) {
                    acc += u[i * m + p] * s[p] * v[j * n + p];
                }
                out[i * n + j] = acc;
            }
        }
        return out;
    }

    /** Eigen-decomposition of a symmetric n x n matrix. */
    public record Eig(double[] values, double[] vectors, int n) {
        /** Component i of eigenvector j (eigenvectors are the columns of the n x n {@code vectors}). */
        public double vector(int j, int i) {
            return vectors[i * n + j];
        }
    }

    /** Eigenvalues in descending order, eigenvectors (unit) as the columns of a row-major n x n matrix. */
    public static Eig symmetricEig(double[] a, int n) {
        if (n == 0) {
            return new Eig(new double[0], new double[0], 0);
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(new DMatrixRMaj(n, n, true, a.clone()))) {
            throw new ArithmeticException("symmetric eigen-decomposition failed (n = " + n + ")");
        }
        Integer[] order = new Integer[n];
        double[] lam = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            lam[i] = eig.getEigenvalue(i).getReal();
        }
        Arrays.sort(order, (x, y) -> Double.compare(lam[y], lam[x]));
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int j = 0; j < n; j++) {
            values[j] = lam[order[j]];
            DMatrixRMaj v = eig.getEigenVector(order[j]);
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += v.get(i) * v.get(i);
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                vectors[i * n + j] = v.get(i) / norm;
            }
        }
        return new Eig(values, vectors, n);
    }

    /** Singular values of an m x n matrix, descending. */
    public static double[] singularValues(double[] a, int m, int n) {
        return svd(a, m, n).s;
    }

    /** A thin SVD A = U diag(s) V^T: U m x p, V n x p (p = min(m, n)), s descending, row-major. */
    public record Svd(double[] u, double[] s, double[] v, int m, int n) {
    }

    /** The thin SVD of an m x n matrix. */
    public static Svd svd(double[] a, int m, int n) {
        int p = Math.min(m, n);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m, n, true, true, true);
        if (!svd.decompose(new DMatrixRMaj(m, n, true, a.clone()))) {
            throw new ArithmeticException("SVD failed (" + m + " x " + n + ")");
        }
        DMatrixRMaj uu = svd.getU(null, false);
        DMatrixRMaj vv = svd.getV(null, false);
        double[] sv = svd.getSingularValues();
        Integer[] order = new Integer[p];
        for (int i = 0; i < p; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(sv[y], sv[x]));
        double[] s = new double[p];
        double[] u = new double[m * p];
        double[] v = new double[n * p];
        for (int j = 0; j < p; j++) {
            int o = order[j];
            s[j] = sv[o];
            for (int i = 0; i < m; i++) {
                u[i * p + j] = uu.get(i, o);
            }
            for (int i = 0; i < n; i++) {
                v[i * p + j] = vv.get(i, o);
            }
        }
        return new Svd(u, s, v, m, n);
    }

    /** The numerical rank: singular values above 10 max(m, n) eps s_1. */
    public static int rank(double[] s, int m, int n) {
        if (s.length == 0 || s[0] == 0) {
            return 0;
        }
        double tol = 10 * Math.max(m, n) * Math.ulp(1.0) * s[0];
        int r = 0;
        for (double x : s) {
            if (x > tol) {
                r++;
            }
        }
        return r;
    }
}
