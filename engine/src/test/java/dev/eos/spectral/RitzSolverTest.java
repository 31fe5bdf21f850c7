package dev.eos.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The wanted-pair-only Rayleigh-Ritz step ({@link RitzSolver#solveTop}) and the multisection of {@link Tridiagonal}
 * against the full EJML decomposition ({@link RitzSolver#solve}) on projected matrices like Lanczos makes: random
 * dense symmetric, with a repeated top eigenvalue, with the largest magnitude negative, and a tridiagonal whose top
 * eigenvector is antisymmetric (orthogonal to the vector of ones).
 */
class RitzSolverTest {

    private static final int LD = 40;

    /** Both are backward stable: values agree to a few eps ||T||, the vector's residual is at the rounding level. */
    private static final double TOL = 1e-13;

    @Test
    void topPairMatchesFullDecompositionOnRandomMatrices() {
        Random rng = new Random(7);
        for (int m = 1; m <= LD; m += 3) {
            double[] t = new double[LD * LD];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j <= i; j++) {
                    double v = rng.nextGaussian() * (i == j ? 10 : 1);
                    t[i * LD + j] = v;
                    t[j * LD + i] = v;
                }
            }
            for (Which w : Which.values()) {
                check(t, m, w);
            }
        }
    }

    @Test
    void repeatedTopAndNegativeLargestMagnitude() {
        int m = 12;
        double[] t = new double[LD * LD];
        // Q diag(5, 5, 3, 1, ..., -7) Q^T with a seeded rotation Q (Gram-Schmidt of a random matrix)
        double[] lambda = new double[m];
        for (int i = 0; i < m; i++) {
            lambda[i] = i < 2 ? 5 : 3 - i * 0.5;
        }
        lambda[m - 1] = -7;
        double[][] q = orthonormal(m, new Random(3));
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int k = 0; k < m; k++) {
                    s += q[k][i] * lambda[k] * q[k][j];
                }
                t[i * LD + j] = s;
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < i; j++) {
                t[j * LD + i] = t[i * LD + j]; // exactly symmetric
            }
        }
        check(t, m, Which.LARGEST_ALGEBRAIC);
        check(t, m, Which.LARGEST_MAGNITUDE);
        RitzSolver r = new RitzSolver(LD);
        r.solveTop(t, LD, 0, m, Which.LARGEST_MAGNITUDE);
        assertEquals(-7, r.value(0), 1e-13 * 7);
    }

    @Test
    void antisymmetricTopVectorOfATridiagonal() {
        // T = -tridiag(1, 0, 1): eigenvalues -2 cos(k pi / (m + 1)); the top one, 2 cos(pi / (m + 1)), has the
        // eigenvector (-1)^i sin((i + 1) pi / (m + 1)), whose entries sum to 0 for even m
        int m = 10;
        double[] t = new double[LD * LD];
        for (int i = 0; i + 1 < m; i++) {
            t[i * LD + i + 1] = -1;
            t[(i + 1) * LD + i] = -1;
        }
        check(t, m, Which.LARGEST_ALGEBRAIC);
        RitzSolver r = new RitzSolver(LD);
        r.solveTop(t, LD, 0, m, Which.LARGEST_ALGEBRAIC);
        assertEquals(2 * Math.cos(Math.PI / (m + 1)), r.value(0), 1e-14);
    }

    @Test
    void multisectionFindsEveryEigenvalue() {
        Random rng = new Random(11);
        int m = 25;
        double[] t = new double[LD * LD];
        for (int i = 0; i < m; i++) {
            t[i * LD + i] = rng.nextGaussian();
            if (i + 1 < m) {
                double b = i == 10 ? 0 : rng.nextGaussian(); // a split: a block-diagonal T
                t[i * LD + i + 1] = b;
                t[(i + 1) * LD + i] = b;
            }
        }
        RitzSolver full = new RitzSolver(LD);
        full.solve(t, LD, 0, m, Which.LARGEST_ALGEBRAIC);
        Tridiagonal tri = new Tridiagonal(LD);
        tri.load(t, LD, 0, m);
        double norm = Math.abs(full.value(0)) + Math.abs(full.value(m - 1));
        for (int j = 1; j <= m; j++) {
            assertEquals(full.value(j - 1), tri.largest(j, tri.lowerBound(), tri.upperBound()), TOL * norm,
                    "eigenvalue " + j);
        }
    }

    /** solveTop against solve: the same value, and a unit vector with a rounding-level residual ||T y - theta y||. */
    private static void check(double[] t, int m, Which which) {
        RitzSolver full = new RitzSolver(LD);
        full.solve(t, LD, 0, m, which);
        RitzSolver top = new RitzSolver(LD);
        top.solveTop(t, LD, 0, m, which);
        double norm = full.maxAbs();
        assertEquals(full.value(0), top.value(0), TOL * norm, "m = " + m + ", " + which);
        double[] y = new double[m];
        double yy = 0;
        for (int c = 0; c < m; c++) {
            y[c] = top.vectorData()[top.offset(0) + c];
            yy += y[c] * y[c];
        }
        assertEquals(1, yy, 1e-14);
        double res = 0;
        for (int i = 0; i < m; i++) {
            double s = -top.value(0) * y[i];
            for (int j = 0; j < m; j++) {
                s += t[i * LD + j] * y[j];
            }
            res += s * s;
        }
        assertTrue(Math.sqrt(res) <= 1e-12 * norm, "m = " + m + ", residual " + Math.sqrt(res));
    }

    private static double[][] orthonormal(int m, Random rng) {
        double[][] q = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                q[i][j] = rng.nextGaussian();
            }
            for (int k = 0; k < i; k++) {
                double d = 0;
                for (int j = 0; j < m; j++) {
                    d += q[i][j] * q[k][j];
                }
                for (int j = 0; j < m; j++) {
                    q[i][j] -= d * q[k][j];
                }
            }
            double n = 0;
            for (int j = 0; j < m; j++) {
                n += q[i][j] * q[i][j];
            }
            n = Math.sqrt(n);
            for (int j = 0; j < m; j++) {
                q[i][j] /= n;
            }
        }
        return q;
    }
}
