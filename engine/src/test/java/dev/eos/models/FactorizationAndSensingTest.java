package dev.eos.models;

import static dev.eos.models.Vec.close;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Closed forms of THEORY 6.2: factorization lambda_1 = 2 lambda_max(M) everywhere on Gamma, its sharpness gradient
 * 6 s_1 a_1 b_1^T; sensing lambda_1 = (4/m) lambda_max(K) on Gamma; the ellipse lambda_1 = 4 (u_1^2 + a^2 u_2^2).
 * Eigenvalues come from EJML on the dense Hessian (error ~ D eps ||H||, so 1e-10 relative is safe).
 */
class FactorizationAndSensingTest {

    @Test
    void factorizationSharpnessIsConstantOnGamma() {
        SymmetricFactorization f = SymmetricFactorization.random(6, 3, new double[] {2.5, 1.2, 0.4}, 3);
        double expected = f.sharpnessOnManifold();
        close(5.0, expected, 1e-12, 1, "2 lambda_max(M)");
        for (long seed = 0; seed < 4; seed++) {
            double[] u = f.minimizer(seed);
            close(0, f.evaluator().loss(u), 1e-12, 1, "loss on Gamma");
            double lam = Vec.lambdaMax(f.denseHessian(u), f.dim());
            close(expected, lam, 1e-10, expected, "lambda_1 at U* Q, seed " + seed);
        }
    }

    @Test
    void factorizationSharpnessGradientOnGamma() {
        // THEORY 6.2: grad lambda_1 = D^3 L[v_1, v_1, .] = 6 s_1 a_1 b_1^T, of norm 6 sqrt(lambda_max(M))
        SymmetricFactorization f = SymmetricFactorization.random(5, 2, new double[] {2, 0.7}, 4);
        double[] u = f.minimizer(1);
        Dense.Eig eig = Dense.symmetricEig(f.denseHessian(u), f.dim());
        double[] v1 = new double[f.dim()];
        for (int i = 0; i < v1.length; i++) {
            v1[i] = eig.vector(0, i);
        }
        double[] g = new double[f.dim()];
        f.evaluator().curvatureGradient(u, v1, g);
        close(6 * Math.sqrt(2), Vec.norm(g), 1e-9, 1, "||grad lambda_1||");
    }

    @Test
    void factorizationMinLossAndDegeneracy() {
        // M = diag(3, 1, -2): best PSD rank-1 approximation keeps 3; L_min = (1 + 4)/4
        SymmetricFactorization f = new SymmetricFactorization(new double[] {3, 0, 0, 0, 1, 0, 0, 0, -2}, 3, 1);
        close(1.25, f.minLoss(), 1e-12, 1, "L_min");
        assertEquals(-1, f.targetRank());
        assertTrue(f.degenerateManifold().orElseThrow().contains("negative eigenvalue"));
        double[] u = {Math.sqrt(3), 0, 0};
        close(1.25, f.evaluator().loss(u), 1e-12, 1, "attained at sqrt(3) e_1");
        SymmetricFactorization wide = SymmetricFactorization.random(4, 3, new double[] {1, 0.5}, 5);
        assertTrue(wide.degenerateManifold().orElseThrow().contains("quartic"));
        SymmetricFactorization ok = SymmetricFactorization.random(4, 2, new double[] {1, 0.5}, 5);
        assertEquals(4 * 2 - 1, ok.normalRank());
        // normal rank = rank of H on Gamma
        double[] ev = Dense.symmetricEig(ok.denseHessian(ok.minimizer(0)), ok.dim()).values();
        int rank = 0;
        for (double v : ev) {
            rank += v > 1e-9 ? 1 : 0;
        }
        assertEquals(ok.normalRank(), rank);
    }

    /** lambda_max of K_ij = &lt;S_i U, S_j U&gt; (m x m). */
    static double kernelLambda(MatrixSensing s, double[] u) {
        int m = s.measurements(), d = s.size(), k = s.rank();
        double[] sm = s.symmetricMeasurements();
        double[][] su = new double[m][];
        for (int i = 0; i < m; i++) {
            su[i] = Dense.mul(java.util.Arrays.copyOfRange(sm, i * d * d, (i + 1) * d * d), u, d, d, k);
        }
        double[] kk = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                kk[i * m + j] = Vec.dot(su[i], su[j]);
            }
        }
        return Vec.lambdaMax(kk, m);
    }

    @Test
    void sensingSharpnessOnGammaIsTheKernelBound() {
        for (int[] c : new int[][] {{6, 4, 2}, {20, 4, 2}, {12, 5, 3}}) {
            MatrixSensing s = MatrixSensing.random(c[0], c[1], c[2], c[2], 7 + c[0]);
            double[] truth = s.groundTruth().orElseThrow();
            double[] q = Dense.randomOrthogonal(c[2], new Random(c[0]));
            for (double[] u : new double[][] {truth, Dense.mul(truth, q, c[1], c[2], c[2])}) {
                close(0, s.evaluator().loss(u), 1e-12, 1, "loss on Gamma");
                double expected = 4.0 / s.measurements() * kernelLambda(s, u);
                double lam = Vec.lambdaMax(s.denseHessian(u), s.dim());
                close(expected, lam, 1e-10, expected, "lambda_1 vs (4/m) lambda_max(K), m = " + c[0]);
            }
        }
    }

    @Test
    void ellipseSharpness() {
        double a = 3, y = 2;
        MatrixSensing e = MatrixSensing.ellipse(a, y);
        for (double phi : new double[] {0, 0.4, 1.2, 2.5}) {
            double[] u = {Math.sqrt(y) * Math.cos(phi), Math.sqrt(y / a) * Math.sin(phi)};
            close(0, e.evaluator().loss(u), 1e-14, 1, "on the ellipse");
            double expected = 4 * (u[0] * u[0] + a * a * u[1] * u[1]);
            close(expected, 4 * y * (Math.cos(phi) * Math.cos(phi) + a * Math.sin(phi) * Math.sin(phi)), 1e-12,
                    expected, "parametrised form");
            close(expected, Vec.lambdaMax(e.denseHessian(u), 2), 1e-12, expected, "lambda_1 at phi = " + phi);
        }
        assertEquals(1, e.normalRank());
        assertEquals(0, e.minLoss());
    }

    @Test
    void sensingMinLossRankAndDescription() {
        MatrixSensing s = MatrixSensing.random(8, 4, 2, 2, 1);
        assertEquals(0, s.minLoss());
        assertEquals(Math.min(8, 4 * 2 - 1), s.normalRank());
        // normal rank = numerical rank of H at the ground truth
        double[] ev = Dense.symmetricEig(s.denseHessian(s.groundTruth().orElseThrow()), s.dim()).values();
        int rank = 0;
        for (double v : ev) {
            rank += v > 1e-9 ? 1 : 0;
        }
        assertEquals(s.normalRank(), rank);
        MatrixSensing over = MatrixSensing.random(8, 4, 3, 2, 1);
        assertTrue(over.degenerateManifold().isPresent());
        MatrixSensing many = MatrixSensing.random(12, 4, 2, 2, 1);
        assertTrue(many.describe().contains("one rotation orbit"));
        MatrixSensing given = MatrixSensing.of(new double[2 * 9], new int[] {2, 3, 3}, new double[2], null, 2, 3, 1);
        assertTrue(Double.isNaN(given.minLoss()));
    }

    @Test
    void sensingKeepsOnlyTheSymmetricPart() {
        Random r = new Random(3);
        int m = 5, d = 3;
        double[] a = new double[m * d * d];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextGaussian();
        }
        double[] at = new double[a.length];
        for (int i = 0; i < m; i++) {
            at = at.clone();
            for (int p = 0; p < d; p++) {
                for (int q = 0; q < d; q++) {
                    at[i * d * d + p * d + q] = a[i * d * d + q * d + p];
                }
            }
        }
        double[] y = ModelCases.gaussian(m, 1, 4);
        MatrixSensing s1 = MatrixSensing.of(a, new int[] {m, d, d}, y, new int[] {m}, m, d, 2);
        MatrixSensing s2 = MatrixSensing.of(at, new int[] {m, d, d}, y, new int[] {m}, m, d, 2);
        assertArrayEquals(s1.symmetricMeasurements(), s2.symmetricMeasurements(), 1e-15);
        double[] u = ModelCases.gaussian(6, 1, 5);
        close(s1.evaluator().loss(u), s2.evaluator().loss(u), 1e-13, 1 + s1.evaluator().loss(u), "A vs A^T");
        // and the loss is the definition 1/(2m) sum (<A_i, U U^T> - y_i)^2 with the unsymmetrised A_i
        double[] uut = Dense.mul(u, Dense.transpose(u, d, 2), d, 2, d);
        double direct = 0;
        for (int i = 0; i < m; i++) {
            double f = 0;
            for (int j = 0; j < d * d; j++) {
                f += a[i * d * d + j] * uut[j];
            }
            direct += (f - y[i]) * (f - y[i]);
        }
        direct /= 2 * m;
        close(direct, s1.evaluator().loss(u), 1e-13, 1 + direct, "loss vs definition");
    }

    @Test
    void gramAndDirectModesAgree() {
        MatrixSensing g = MatrixSensing.random(120, 8, 3, 3, 21);
        MatrixSensing d = g.direct();
        assertTrue(g.usesGram());
        assertTrue(!d.usesGram());
        assertTrue(!MatrixSensing.random(30, 8, 3, 3, 21).usesGram()); // P = 36 > m = 30
        double[] u = ModelCases.gaussian(24, 0.5, 1);
        int k = 5;
        double[] v = ModelCases.gaussian(k * 24, 1, 2);
        double[] hg = new double[k * 24], hd = new double[k * 24];
        g.evaluator().hvpBatch(u, v, k, hg);
        d.evaluator().hvpBatch(u, v, k, hd);
        // same sums in another order: agreement to rounding, ~1e-13 relative at these sizes
        close(hd, hg, 1e-12, 1 + Vec.norm(hd), "H V, Gram vs direct");
        double[] cg = new double[24], cd = new double[24];
        g.evaluator().curvatureGradient(u, v, cg);
        d.evaluator().curvatureGradient(u, v, cd);
        close(cd, cg, 1e-12, 1 + Vec.norm(cd), "D^3 L, Gram vs direct");
    }

    @Test
    void sameSeedSameBits() {
        MatrixSensing a = MatrixSensing.random(30, 5, 2, 2, 77);
        MatrixSensing b = MatrixSensing.random(30, 5, 2, 2, 77);
        assertArrayEquals(a.symmetricMeasurements(), b.symmetricMeasurements(), 0.0);
        assertArrayEquals(a.observations(), b.observations(), 0.0);
        SymmetricFactorization f = SymmetricFactorization.random(5, 2, new double[] {1, 0.5}, 77);
        SymmetricFactorization g = SymmetricFactorization.random(5, 2, new double[] {1, 0.5}, 77);
        assertArrayEquals(f.target(), g.target(), 0.0);
    }
}
