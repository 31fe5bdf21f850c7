package dev.eos.models;

import static dev.eos.models.Vec.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** Deep linear closed forms (THEORY 6.1): flattest sharpness, GL-reparametrised minimizers, whitened data, L_min. */
class DeepLinearTest {

    /** A deep linear model from random whitened data X = sqrt(n) (rows of a random orthogonal n x n) and Gaussian Y. */
    static DeepLinear whitenedModel(int[] widths, int n, long seed) {
        return DeepLinear.fromData(widths, whitenedX(widths[0], n, seed), new int[] {widths[0], n},
                ModelCases.gaussian(widths[widths.length - 1] * n, 1, seed + 1),
                new int[] {widths[widths.length - 1], n});
    }

    static double[] whitenedX(int d0, int n, long seed) {
        double[] q = Dense.randomOrthogonal(n, new Random(seed));
        double[] x = new double[d0 * n];
        for (int i = 0; i < d0 * n; i++) {
            x[i] = Math.sqrt(n) * q[i];
        }
        return x;
    }

    static double sharpness(Model m, double[] x) {
        return Vec.lambdaMax(m.denseHessian(x), m.dim());
    }

    /** W_k -> G_k W_k G_{k-1}^{-1} with G_0 = I, G_N = I: the same product, another minimizer. */
    static double[] reparametrise(DeepLinear m, double[] x, long seed) {
        Random rnd = new Random(seed);
        int n = m.depth();
        int[] w = m.widths();
        DMatrixRMaj[] g = new DMatrixRMaj[n + 1];
        DMatrixRMaj[] gi = new DMatrixRMaj[n + 1];
        for (int k = 0; k <= n; k++) {
            g[k] = CommonOps_DDRM.identity(w[k]);
            if (k > 0 && k < n) {
                for (int i = 0; i < w[k] * w[k]; i++) {
                    g[k].data[i] += 0.6 * rnd.nextGaussian();
                }
            }
            gi[k] = g[k].copy();
            assertTrue(CommonOps_DDRM.invert(gi[k]));
        }
        double[] out = new double[x.length];
        for (int k = 1; k <= n; k++) {
            DMatrixRMaj wk = new DMatrixRMaj(w[k], w[k - 1]);
            System.arraycopy(x, m.offset(k), wk.data, 0, w[k] * w[k - 1]);
            DMatrixRMaj t = new DMatrixRMaj(w[k], w[k - 1]);
            DMatrixRMaj r = new DMatrixRMaj(w[k], w[k - 1]);
            CommonOps_DDRM.mult(g[k], wk, t);
            CommonOps_DDRM.mult(t, gi[k - 1], r);
            System.arraycopy(r.data, 0, out, m.offset(k), r.data.length);
        }
        return out;
    }

    @Test
    void balancedMinimizerHasTheFlattestSharpness() {
        // THEORY 6.1: lambda_1 = N sigma_1^(2(N-1)/N) at balanced minimizers (its own check: N = 3, dims 3,4,5,2)
        for (int[] w : new int[][] {{3, 4, 5, 2}, {3, 3, 3, 3, 3}, {2, 2}, {4, 4, 4}}) {
            DeepLinear m = DeepLinear.random(w, new double[] {1.7, 0.9}, 31);
            for (long seed : new long[] {1, 2}) {
                double[] x = m.balancedMinimizer(seed);
                close(m.minLoss(), m.evaluator().loss(x), 1e-13, 1, "loss at the balanced minimizer");
                double lam = sharpness(m, x);
                // dense eigensolver error ~ D eps ||H||; 1e-10 relative is far above it
                close(m.flattestSharpness(), lam, 1e-10, lam, "lambda_1 balanced, widths " + java.util.Arrays.toString(w));
            }
        }
    }

    @Test
    void nonBalancedMinimizersAreSharper() {
        DeepLinear m = DeepLinear.random(new int[] {3, 4, 5, 2}, new double[] {1.3, 0.5}, 32);
        double flat = m.flattestSharpness();
        for (long seed = 1; seed <= 4; seed++) {
            double[] x = reparametrise(m, m.balancedMinimizer(seed), 100 + seed);
            close(m.minLoss(), m.evaluator().loss(x), 1e-12, 1, "still a minimizer");
            double lam = sharpness(m, x);
            assertTrue(lam > flat * (1 + 1e-3), "GL-reparametrised minimizer " + seed + ": " + lam + " vs flattest "
                    + flat);
        }
    }

    @Test
    void sharpnessOnGammaIsTopEigenvalueOfTheSmallOperator() {
        // THEORY 6.1: on Gamma the nonzero spectrum of H is that of T(Y) = sum_k (A_k A_k^T) Y (B_k^T B_k)
        DeepLinear m = DeepLinear.random(new int[] {2, 3, 3, 2}, new double[] {1.1, 0.4}, 33);
        double[] x = reparametrise(m, m.balancedMinimizer(5), 7);
        // T via H: T(Y) = J J^T Y with J = DP; its top eigenvalue equals lambda_1 of H = J^T J
        LeastSquaresEvaluator ev = m.evaluator();
        int p = ev.outputDim();
        double[] t = new double[p * p];
        double[] jt = new double[m.dim()];
        double[] col = new double[p];
        for (int j = 0; j < p; j++) {
            double[] e = new double[p];
            e[j] = 1;
            ev.vjp(x, e, jt);
            ev.jvp(x, jt, col);
            for (int i = 0; i < p; i++) {
                t[i * p + j] = col[i];
            }
        }
        for (int i = 0; i < p; i++) {
            for (int j = i + 1; j < p; j++) {
                double s = 0.5 * (t[i * p + j] + t[j * p + i]);
                t[i * p + j] = s;
                t[j * p + i] = s;
            }
        }
        close(sharpness(m, x), Vec.lambdaMax(t, p), 1e-10, sharpness(m, x), "lambda_1(H) vs lambda_1(J J^T)");
    }

    @Test
    void whitenedDataLossEqualsTheRegressionLoss() {
        int[] w = {3, 4, 2};
        int n = 25;
        double[] x = whitenedX(3, n, 40);
        double[] y = ModelCases.gaussian(2 * n, 1, 41);
        DeepLinear m = DeepLinear.fromData(w, x, new int[] {3, n}, y, new int[] {2, n});
        double[] p0 = ModelCases.gaussian(m.dim(), 0.8, 42);
        // direct: 1/(2n) sum_i ||P x_i - y_i||^2 with P = W_2 W_1
        double[] w1 = java.util.Arrays.copyOfRange(p0, 0, 12);
        double[] w2 = java.util.Arrays.copyOfRange(p0, 12, 20);
        double[] prod = Dense.mul(w2, w1, 2, 4, 3);
        double[] px = Dense.mul(prod, x, 2, 3, n);
        double s = 0;
        for (int i = 0; i < 2 * n; i++) {
            s += (px[i] - y[i]) * (px[i] - y[i]);
        }
        double direct = s / (2 * n);
        close(direct, m.evaluator().loss(p0), 1e-12, direct, "reduced loss vs regression loss");
        // L_min: the regression's least-squares minimum over all P (widths >= rank M = 2)
        double[] bal = m.balancedMinimizer();
        close(m.minLoss(), m.evaluator().loss(bal), 1e-12, 1, "L_min attained at a balanced minimizer");
        assertTrue(m.minLoss() > 0);
    }

    @Test
    void narrowLayersRaiseTheMinimumByEckartYoung() {
        DeepLinear m = DeepLinear.random(new int[] {3, 1, 3}, new double[] {2, 1, 0.5}, 43);
        close(0.5 * (1 + 0.25), m.minLoss(), 1e-12, 1, "1/2 (sigma_2^2 + sigma_3^2)");
        assertTrue(m.degenerateManifold().isPresent());
        assertEquals(-1, m.normalRank());
    }

    @Test
    void manifoldDegeneracyAndNormalRank() {
        DeepLinear sq = DeepLinear.random(DeepLinear.squareWidths(3, 4), Models.decaySpectrum(4), 1);
        assertTrue(sq.degenerateManifold().isEmpty());
        assertEquals(16, sq.normalRank()); // r (d_0 + d_N - r) = 4 * 4
        // numerical rank of H at a minimizer agrees
        double[] ev = Dense.symmetricEig(sq.denseHessian(sq.balancedMinimizer(3)), sq.dim()).values();
        int rank = 0;
        for (double v : ev) {
            rank += v > 1e-9 ? 1 : 0;
        }
        assertEquals(16, rank);
        DeepLinear wide = DeepLinear.random(new int[] {3, 5, 3}, new double[] {1, 0.5, 0.2}, 2);
        assertTrue(wide.degenerateManifold().orElseThrow().contains("d_1 = 5"));
        assertEquals(-1, wide.normalRank());
    }

    @Test
    void sameSeedSameBits() {
        DeepLinear a = DeepLinear.random(new int[] {3, 4, 2}, new double[] {1, 0.3}, 99);
        DeepLinear b = DeepLinear.random(new int[] {3, 4, 2}, new double[] {1, 0.3}, 99);
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.target(), b.target(), 0.0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.randomStart(5, 1), b.randomStart(5, 1), 0.0);
        DeepLinear c = DeepLinear.random(new int[] {3, 4, 2}, new double[] {1, 0.3}, 98);
        assertTrue(Vec.maxAbsDiff(a.target(), c.target()) > 0);
    }
}
