package dev.eos.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.models.LeastSquaresEvaluator;
import dev.eos.models.SeparableToy;
import dev.eos.ode.GradientFlowIntegrator;
import dev.eos.testing.Factorization;
import dev.eos.testing.FiniteDifferences;
import dev.eos.testing.Vec;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Phi (THEORY 1): the ODE path against the toys' closed form, and against Newton projection on least squares. */
class PhiTest {

    @Test
    void odePathMatchesTheToyClosedForm() {
        for (SeparableToy toy : new SeparableToy[] {SeparableToy.toy2d(), SeparableToy.toy3d()}) {
            Phi ode = new Phi(toy, Phi.Options.defaults().withForceOde(true));
            Phi closed = new Phi(toy);
            assertEquals("gradient-flow", ode.method());
            assertEquals("closed-form", closed.method());
            double[][] starts = {{1, 0.05, 0.03}, {-0.4, 0.5, -0.2}, {2.5, -0.3, 0.1}, {0.2, 1.0, 0.5}};
            for (double[] s3 : starts) {
                double[] x = java.util.Arrays.copyOf(s3, toy.dim());
                double[] a = new double[x.length], b = new double[x.length];
                assertTrue(ode.apply(x, a), "converged");
                closed.apply(x, b);
                // rtol 1e-12 per DP5 substep over ~1e3 substeps, and the GF stopping distance 1e-12:
                // the ODE limit agrees with the closed form to ~1e-10
                assertTrue(Vec.dist(a, b) <= 1e-9, toy.name() + " at " + java.util.Arrays.toString(x) + ": "
                        + Vec.dist(a, b));
                Phi.Diagnostics d = ode.diagnostics();
                assertEquals("gradient-flow", d.method());
                assertTrue(d.converged() && d.time() > 0 && d.substeps() > 0);
                assertTrue(d.gradNorm() <= 1e-12 * 2 * (1 + 2.5 * 2.5) * Math.max(1, Vec.norm(x)) * 1.01);
            }
        }
    }

    @Test
    void phiIsAFunctionOfXAloneAndInvariantAlongGradientFlow() {
        SeparableToy toy = SeparableToy.toy2d();
        Phi ode = new Phi(toy, Phi.Options.defaults().withForceOde(true));
        double[] x = {1, 0.3}, a = new double[2], b = new double[2];
        ode.apply(x, a);
        ode.apply(new double[] {-2, 0.1}, b);
        ode.apply(x, b);
        assertEquals(a[0], b[0], 0.0); // bit for bit: each call starts cold
        // Phi(phi(x, t)) = Phi(x)
        GradientFlowIntegrator gf = new GradientFlowIntegrator(toy, GradientFlowIntegrator.Options.precise());
        double[] y = x.clone();
        gf.advance(y, 0.3);
        ode.apply(y, b);
        assertEquals(a[0], b[0], 1e-10);
    }

    @Test
    void onLeastSquaresPhiAgreesWithNewtonProjectionToSecondOrder() {
        int m = 4, n = 3, r = 2;
        double[] p = new double[(m + n) * r];
        Factorization f = Factorization.random(m, n, r, 11, p);
        LeastSquaresEvaluator ev = (LeastSquaresEvaluator) f.evaluator();
        Phi phi = new Phi(f);
        Phi polished = new Phi(f, Phi.Options.defaults().withPolish(true));
        NewtonProjection newton = new NewtonProjection((LeastSquaresEvaluator) f.evaluator());
        Random rnd = new Random(12);
        double[] dir = Vec.gaussian(rnd, p.length);
        double[] gaps = new double[2];
        double[] deltas = {1e-2, 1e-3};
        for (int c = 0; c < 2; c++) {
            double[] x = FiniteDifferences.shift(p, dir, deltas[c] / Vec.norm(dir));
            double[] a = new double[p.length], b = new double[p.length], oneStep = x.clone();
            assertTrue(phi.apply(x, a));
            // the limit is on Gamma: residual F - y at rounding level
            double[] res = new double[m * n];
            ev.residual(a, res);
            assertTrue(Vec.norm(res) <= 1e-10, "on Gamma: " + Vec.norm(res));
            // polishing an already converged limit changes it at the rounding level only
            polished.apply(x, b);
            assertTrue(Vec.dist(a, b) <= 1e-10, "polish moved Phi by " + Vec.dist(a, b));
            // one Newton step x - J^+ r: within O(delta^2) of Phi(x)
            newton.project(oneStep, 0, 1);
            gaps[c] = Vec.dist(oneStep, a);
        }
        // second order: shrinking delta 10x shrinks the gap ~100x; [30, 300] allows the O(delta^3) terms
        double ratio = gaps[0] / gaps[1];
        assertTrue(ratio > 30 && ratio < 300, "gap ratio " + ratio + " gaps " + gaps[0] + ", " + gaps[1]);
        assertTrue(gaps[0] <= 10 * deltas[0] * deltas[0], "gap " + gaps[0]);
    }
}
