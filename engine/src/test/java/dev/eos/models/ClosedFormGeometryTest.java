package dev.eos.models;

import static dev.eos.models.Vec.close;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The closed-form geometry of the quadratic (THEORY 3) and the separable toys (THEORY 6.4): Phi against gradient flow
 * integrated numerically, the gradient-flow invariant, zero gradient at Phi, and both limiting flows against their
 * ODEs by finite differences in tau.
 */
class ClosedFormGeometryTest {

    /** Gradient flow by classical RK4 with step dt for time t. */
    static double[] gradientFlow(Model m, double[] x0, double t, double dt) {
        Evaluator ev = m.evaluator();
        int n = x0.length;
        double[] x = x0.clone();
        double[] k1 = new double[n], k2 = new double[n], k3 = new double[n], k4 = new double[n];
        int steps = (int) Math.round(t / dt);
        for (int s = 0; s < steps; s++) {
            ev.lossAndGradient(x, k1);
            ev.lossAndGradient(Vec.axpy(-dt / 2, k1, x), k2);
            ev.lossAndGradient(Vec.axpy(-dt / 2, k2, x), k3);
            ev.lossAndGradient(Vec.axpy(-dt, k3, x), k4);
            for (int i = 0; i < n; i++) {
                x[i] -= dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            }
        }
        return x;
    }

    @Test
    void toyDefaultStarts() {
        assertArrayEquals(new double[] {1, 0.05}, SeparableToy.toy2d().defaultStart(), 0.0);
        assertArrayEquals(new double[] {1, 0.05, 0.03}, SeparableToy.toy3d().defaultStart(), 0.0);
        assertEquals(1, SeparableToy.toy2d().normalRank());
        assertEquals(2, SeparableToy.toy3d().normalRank());
    }

    @Test
    void toyPhiSatisfiesTheInvariantAndIsStationary() {
        for (SeparableToy toy : new SeparableToy[] {SeparableToy.toy2d(), SeparableToy.toy3d()}) {
            for (double[] p : new double[][] {{1, 0.05, 0.03}, {-0.7, 0.6, -0.2}, {2.5, 1.5, 0.1}, {0.01, 0.3, 0}}) {
                double[] x = java.util.Arrays.copyOf(p, toy.dim());
                double[] phi = new double[toy.dim()];
                toy.phi(x, phi);
                // THEORY 6.4: ln z + z^2/2 = ln|x| + (x^2 - y^2)/2 (toy2d and toy3d share a_1 = 2(1 + x^2))
                double z = Math.abs(phi[0]);
                close(Math.log(Math.abs(x[0])) + (x[0] * x[0] - x[1] * x[1]) / 2, Math.log(z) + z * z / 2, 1e-13, 1,
                        "invariant");
                assertEquals(Math.signum(x[0]), Math.signum(phi[0]));
                for (int i = 1; i < phi.length; i++) {
                    assertEquals(0, phi[i]);
                }
                double[] g = new double[toy.dim()];
                toy.evaluator().lossAndGradient(phi, g);
                assertEquals(0, Vec.norm(g), 0.0);
                // gradient flow reaches Phi: RK4 (dt = 1e-3, error ~1e-12) to t = 60, where the slowest mode
                // exp(-a_j t) with a_j >= 0.6 has decayed below 1e-15
                double[] gf = gradientFlow(toy, x, 60, 1e-3);
                close(phi, gf, 1e-9, 1, "Phi vs integrated gradient flow from " + java.util.Arrays.toString(x));
            }
        }
    }

    @Test
    void toyLimitingFlowsSolveTheirOdes() {
        // THEORY 6.4, toy2d: NGD dX/dtau = -1/4 d/dX log a_1 = -X / (2 (1 + X^2)); sqrt dX/dtau = -1/8 a_1' = -X/2
        SeparableToy toy = SeparableToy.toy2d();
        double h = 1e-5;
        for (double x0 : new double[] {1, -2, 0.3}) {
            for (double tau : new double[] {0.1, 0.5, 1, 3}) {
                double x = toy.ngdFlow(x0, tau);
                double dx = (toy.ngdFlow(x0, tau + h) - toy.ngdFlow(x0, tau - h)) / (2 * h);
                // central difference: error h^2/6 |X'''| + eps |X| / h ~ 1e-11
                close(-x / (2 * (1 + x * x)), dx, 1e-9, 1, "NGD flow ODE at tau = " + tau);
                double xs = toy.sqrtFlow(x0, tau);
                double dxs = (toy.sqrtFlow(x0, tau + h) - toy.sqrtFlow(x0, tau - h)) / (2 * h);
                close(-xs / 2, dxs, 1e-9, 1, "sqrt flow ODE at tau = " + tau);
            }
            assertEquals(x0, toy.ngdFlow(x0, 0), 1e-14);
            assertEquals(x0, toy.sqrtFlow(x0, 0), 0.0);
        }
        // THEORY 6.4: the closed form ln X + X^2/2 = ln X0 + X0^2/2 - tau/2
        double x1 = toy.ngdFlow(1, 1);
        close(0.5 - 0.5, Math.log(x1) + x1 * x1 / 2, 1e-13, 1, "NGD closed form at tau = 1");
    }

    @Test
    void toyTangentProjectionAndSharpness() {
        SeparableToy toy = SeparableToy.toy3d();
        double[] out = new double[3];
        toy.tangentProject(new double[] {0.5, 0, 0}, new double[] {2, 3, 4}, out);
        assertArrayEquals(new double[] {2, 0, 0}, out, 0.0);
        double[] p = {0.8, 0, 0};
        close(2 * (1 + 0.64), Vec.lambdaMax(toy.denseHessian(p), 3), 1e-14, 1, "lambda_1 = a_1(x) on Gamma");
        close(toy.sharpnessOnGamma(0.8), 2 * (1 + 0.64), 1e-15, 1, "sharpnessOnGamma");
    }

    @Test
    void quadraticPhiIsTheKernelProjection() {
        Quadratic q = Quadratic.withSpectrum(new double[] {2, 1, 0.5, 0, 0}, 8);
        assertEquals(3, q.rank());
        assertEquals(3, q.normalRank());
        assertTrue(q.isPsd());
        double[] x = ModelCases.gaussian(5, 1, 9);
        double[] phi = new double[5];
        q.phi(x, phi);
        double[] g = new double[5];
        q.evaluator().lossAndGradient(phi, g);
        close(0, Vec.norm(g), 1e-14, 1, "A Phi(x) = 0");
        // gradient flow exp(-tA) x: the slowest nonzero mode exp(-0.5 t) at t = 80 is ~4e-18
        close(phi, gradientFlow(q, x, 80, 1e-3), 1e-10, 1, "Phi vs gradient flow");
        double[] pt = new double[5];
        q.tangentProject(phi, phi, pt);
        close(phi, pt, 1e-14, 1, "P_T Phi = Phi (idempotent)");
        q.tangentProject(phi, g, pt);
        double[] ax = new double[5];
        q.evaluator().lossAndGradient(x, ax);
        q.tangentProject(phi, ax, pt);
        close(0, Vec.norm(pt), 1e-14, 1, "P_T A x = 0 (range A is normal)");
        Quadratic ind = new Quadratic(new double[] {1, 0, 0, -1}, 2);
        assertTrue(Double.isNaN(ind.minLoss()));
        assertThrows(UnsupportedOperationException.class, () -> ind.phi(new double[2], new double[2]));
    }
}
