package dev.eos.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.models.Model;
import dev.eos.models.Quadratic;
import dev.eos.models.SeparableToy;
import org.junit.jupiter.api.Test;

/**
 * Sharpness on the toys (closed-form Hessians, THEORY 6.4) and a quadratic; warm starts and checkpoint state.
 * Tolerances: Lanczos converges to residual 1e-10 |lambda|, the eigenvalue error is far smaller (r^2 / gap).
 */
class SharpnessTest {

    /** lambda_max of the toy2d Hessian [[2 y^2, 4 x y], [4 x y, 2 (1 + x^2)]] (L = (1 + x^2) y^2). */
    static double toy2dLambda1(double x, double y) {
        double a = 2 * y * y;
        double c = 2 * (1 + x * x);
        double b = 4 * x * y;
        return 0.5 * (a + c) + Math.sqrt(0.25 * (a - c) * (a - c) + b * b);
    }

    @Test
    void toy2dMatchesClosedForm() {
        Sharpness s = new Sharpness(SeparableToy.toy2d());
        for (double[] p : new double[][] {{1, 0.05}, {14.7, -3}, {0, 0}, {-2, 1.5}, {0.3, 0}}) {
            double expected = toy2dLambda1(p[0], p[1]);
            assertEquals(expected, s.lambda1(p), 1e-12 * expected, "at " + p[0] + ", " + p[1]);
        }
    }

    @Test
    void toy3dTopTwoOnAndOffGamma() {
        Model toy = SeparableToy.toy3d();
        Sharpness s = new Sharpness(toy);
        // on Gamma (y = 0): H = diag(0, 2 (1 + x^2), 0.6)
        EigenResult on = s.top(new double[] {0.5, 0, 0}, 2);
        assertArrayEquals(new double[] {2.5, 0.6}, on.values(), 1e-12);
        double[] x = {1, 0.05, 0.03};
        EigenResult dense = new DenseEigensolver(3).solve(toy.denseHessian(x), 3, Which.LARGEST_ALGEBRAIC);
        assertArrayEquals(java.util.Arrays.copyOf(dense.values(), 2), s.top(x, 2).values(), 1e-12 * 4);
    }

    @Test
    void exactPathAgreesAndReportsD() {
        Quadratic q = Quadratic.withSpectrum(LanczosTest.separated(80, 3), 4);
        Sharpness lanczos = new Sharpness(q);
        Sharpness exact = new Sharpness(q, Lanczos.Options.defaults(), true);
        double[] x = new double[80];
        EigenResult a = lanczos.top(x, 3);
        EigenResult b = exact.top(x, 3);
        assertArrayEquals(b.values(), a.values(), 1e-10 * 10);
        assertEquals("dense", b.method());
        assertEquals(80, b.hvps());
        assertEquals(80, exact.hvps());
    }

    @Test
    void warmStartSavesProductsAndCheckpointReproducesBits() {
        // a quadratic family A(t) = A0 + t E: the sharpness at t = 1e-4 warm-started from t = 0
        DenseOperator a0 = DenseOperator.goe(300, 8);
        DenseOperator e = DenseOperator.goe(300, 9);
        double[] at = a0.a.clone();
        for (int i = 0; i < at.length; i++) {
            at[i] += 1e-6 * e.a[i];
        }
        Quadratic q0 = new Quadratic(a0.a, 300);
        Quadratic q1 = new Quadratic(at, 300);
        double[] x = new double[300];
        Sharpness cold = new Sharpness(q1);
        double coldValue = cold.lambda1(x);
        long coldHvps = cold.hvps();
        // the same Sharpness object cannot switch models, so carry the state across through a checkpoint
        Sharpness first = new Sharpness(q0);
        first.lambda1(x);
        double[] state = first.warmStart();
        Sharpness warm = new Sharpness(q1);
        warm.restoreWarmStart(state);
        double warmValue = warm.lambda1(x);
        assertEquals(coldValue, warmValue, 1e-10 * Math.abs(coldValue));
        assertTrue(warm.hvps() < coldHvps, warm.hvps() + " warm vs " + coldHvps + " cold");
        Sharpness resumed = new Sharpness(q1);
        resumed.restoreWarmStart(state);
        EigenResult again = resumed.top(x, 1);
        assertArrayEquals(warm.last().values(), again.values());
        assertArrayEquals(warm.last().vectors(), again.vectors());
        assertArrayEquals(state, first.warmStart());
    }

    @Test
    void resumedRunReproducesTheNextSolvesBitForBit() {
        // a sequence of nearby points (a short normalized-GD run on matrix sensing); a checkpoint after 3 calls
        dev.eos.models.MatrixSensing model = dev.eos.models.MatrixSensing.random(60, 6, 6, 6, 3);
        double[] x = dev.eos.models.Models.randomStart(model, 1, Double.NaN);
        var ev = model.evaluator();
        double[] g = new double[model.dim()];
        double[][] points = new double[7][];
        for (int t = 0; t < 7; t++) {
            points[t] = x.clone();
            ev.lossAndGradient(x, g);
            double norm = Math.sqrt(StablenessTest.dot(g, g));
            for (int i = 0; i < x.length; i++) {
                x[i] -= 0.05 * g[i] / norm;
            }
        }
        Sharpness uninterrupted = new Sharpness(model);
        Sharpness before = new Sharpness(model);
        for (int t = 0; t < 3; t++) {
            uninterrupted.top(points[t], t == 1 ? 3 : 1);
            before.top(points[t], t == 1 ? 3 : 1);
        }
        Sharpness resumed = new Sharpness(model);
        resumed.restoreWarmStart(before.warmStart());
        for (int t = 3; t < 7; t++) {
            int k = t == 5 ? 2 : 1;
            EigenResult a = uninterrupted.top(points[t], k);
            EigenResult b = resumed.top(points[t], k);
            assertArrayEquals(a.values(), b.values(), 0.0);
            assertArrayEquals(a.vectors(), b.vectors(), 0.0);
            assertEquals(a.hvps(), b.hvps());
        }
    }
}
