package dev.eos.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.models.LeastSquaresEvaluator;
import dev.eos.models.MatrixSensing;
import dev.eos.testing.Vec;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The closed-form Phi and P_T of matrix sensing with one diagonal measurement (THEORY 6.2: on the ellipse gradient
 * flow keeps |u_2| / |u_1|^a constant, and Phi(u) is where that curve meets the ellipse), against the gradient-flow
 * ODE path and the least-squares projector.
 */
class SingleMeasurementPhiTest {

    /** One measurement S = diag(s) of U (d x k) with observation y. */
    static MatrixSensing single(double[] s, int k, double y) {
        int d = s.length;
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            a[i * d + i] = s[i];
        }
        return MatrixSensing.of(a, new int[] {1, d, d}, new double[] {y}, new int[] {1}, 1, d, k);
    }

    @Test
    void ellipsePhiKeepsTheInvariantAndLandsOnTheEllipse() {
        for (double a : new double[] {2.0, 0.5}) {
            double y = 1.5;
            MatrixSensing e = MatrixSensing.ellipse(a, y);
            Phi phi = new Phi(e);
            assertEquals("closed-form", phi.method());
            double[][] starts = {{0.9, 1.1}, {-0.2, 0.3}, {2.0, -1.7}, {-1e-3, -2.5}, {1.3, 0.0}};
            for (double[] u : starts) {
                double[] p = new double[2];
                assertTrue(phi.apply(u, p));
                // on Gamma to rounding: a few ulps of y
                assertEquals(y, p[0] * p[0] + a * p[1] * p[1], 1e-14 * y, Arrays.toString(u));
                // the GF invariant |u_2| / |u_1|^a, to rounding of the root theta* (relative 1e-15 per factor)
                double before = Math.abs(u[1]) / Math.pow(Math.abs(u[0]), a);
                double after = Math.abs(p[1]) / Math.pow(Math.abs(p[0]), a);
                assertEquals(before, after, 1e-13 * before, Arrays.toString(u));
                assertEquals(Math.signum(u[0]), Math.signum(p[0]));
                assertEquals(Math.signum(u[1]), Math.signum(p[1]));
            }
            // on an axis the flow stays on it
            double[] p = new double[2];
            phi.apply(new double[] {0, -0.3}, p);
            assertEquals(0, p[0], 0.0);
            assertEquals(-Math.sqrt(y / a), p[1], 1e-15);
            // the origin is a critical point (r = -y, grad = 0): Phi is the origin
            phi.apply(new double[] {0, 0}, p);
            assertEquals(0, Vec.norm(p), 0.0);
        }
    }

    @Test
    void closedFormAgreesWithTheGradientFlowOde() {
        // the ellipse, and d = 3, k = 2 with an indefinite S
        MatrixSensing[] models = {MatrixSensing.ellipse(2.0, 1.5), single(new double[] {2, 0.5, -1}, 2, 0.7)};
        Random rnd = new Random(5);
        for (MatrixSensing m : models) {
            Phi closed = new Phi(m);
            Phi ode = new Phi(m, Phi.Options.defaults().withForceOde(true));
            assertEquals("closed-form", closed.method());
            assertEquals("gradient-flow", ode.method());
            for (int trial = 0; trial < 4; trial++) {
                double[] u = new double[m.dim()];
                for (int i = 0; i < u.length; i++) {
                    u[i] = rnd.nextGaussian();
                }
                double[] a = new double[u.length], b = new double[u.length];
                closed.apply(u, a);
                assertTrue(ode.apply(u, b), "ODE converged");
                // DP5 at rtol 1e-12 over 200-450 substeps, stopped at a gradient of 1e-12 lambda: observed 6e-13 to
                // 2.3e-12 apart; a wrong exponent in the closed form moves Phi by O(1)
                assertTrue(Vec.dist(a, b) <= 1e-10 * Math.max(1, Vec.norm(b)), m.describe() + " at "
                        + Arrays.toString(u) + ": " + Vec.dist(a, b));
                LeastSquaresEvaluator ev = (LeastSquaresEvaluator) m.evaluator();
                double[] r = new double[1];
                ev.residual(a, r);
                assertEquals(0, r[0], 1e-14, "on Gamma");
            }
        }
    }

    @Test
    void noRootMeansTheRowsWithCurvatureVanish() {
        // y < 0 with S positive: <S, U U^T> = y has no solution; the flow shrinks U to its s_j = 0 rows
        MatrixSensing m = single(new double[] {1, 0, 2}, 1, -0.5);
        double[] p = new double[3];
        new Phi(m).apply(new double[] {0.4, 0.7, -0.2}, p);
        assertEquals(0, p[0], 0.0);
        assertEquals(0.7, p[1], 0.0);
        assertEquals(0, p[2], 0.0);
    }

    @Test
    void tangentProjectionIsTheLeastSquaresProjector() {
        MatrixSensing m = single(new double[] {2, 0.5, -1}, 2, 0.7);
        double[] p = new double[m.dim()];
        new Phi(m).apply(new double[] {0.3, -0.8, 1.1, 0.2, 0.5, -0.4}, p);
        TangentProjector closed = TangentProjector.of(m).at(p);
        assertEquals("closed-form", closed.method());
        LeastSquaresProjector ls = new LeastSquaresProjector((LeastSquaresEvaluator) m.evaluator(), 1e-14, 50);
        ls.at(p);
        Random rnd = new Random(9);
        for (int t = 0; t < 3; t++) {
            double[] v = new double[m.dim()];
            for (int i = 0; i < v.length; i++) {
                v[i] = rnd.nextGaussian();
            }
            double[] a = new double[v.length], b = new double[v.length], aa = new double[v.length];
            closed.project(v, a);
            ls.project(v, b);
            // CGLS to 1e-14 on a rank-one J: agreement to a few ulps of ||v||
            assertTrue(Vec.dist(a, b) <= 1e-13 * Vec.norm(v), "closed form vs CGLS: " + Vec.dist(a, b));
            closed.project(a, aa);
            assertTrue(Vec.dist(a, aa) <= 1e-15 * Vec.norm(v), "idempotent");
        }
    }

    @Test
    void onlyOneDiagonalMeasurementHasAClosedForm() {
        assertTrue(MatrixSensing.ellipse(3, 2).closedFormGeometry().isPresent());
        double[] a = {1, 0.2, 0.2, 3};
        MatrixSensing rotated = MatrixSensing.of(a, new int[] {1, 2, 2}, new double[] {1}, new int[] {1}, 1, 2, 1);
        assertFalse(rotated.closedFormGeometry().isPresent());
        assertFalse(MatrixSensing.random(10, 4, 2, 2, 1).closedFormGeometry().isPresent());
        assertEquals("gradient-flow", new Phi(rotated).method());
    }
}
