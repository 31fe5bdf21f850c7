package dev.eos.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.models.DeepLinear;
import dev.eos.models.LeastSquaresEvaluator;
import dev.eos.models.MatrixSensing;
import dev.eos.models.Models;
import dev.eos.models.SymmetricFactorization;
import dev.eos.testing.DenseEigen;
import dev.eos.testing.FiniteDifferences;
import dev.eos.testing.Vec;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Phi, P_T, distances and flows on the engine's least-squares models (THEORY 6.1, 6.2). */
class ModelGeometryTest {

    /** N = 3 square layers of width 3, M with well separated singular values (2, 0.6, 0.3) as THEORY 4.3 advises. */
    private static DeepLinear deepLinear() {
        return DeepLinear.random(DeepLinear.squareWidths(3, 3), new double[] {2, 0.6, 0.3}, 5);
    }

    /** A generic (unbalanced) point of Gamma: Phi of a random start. */
    private static double[] generic(DeepLinear m, long seed) {
        double[] x = Models.randomStart(m, seed, 1.0);
        double[] p = new double[x.length];
        assertTrue(new Phi(m, Phi.Options.defaults().withPolish(true)).apply(x, p));
        return p;
    }

    @Test
    void deepLinearProjectorEqualsDenseEigenvectors() {
        DeepLinear m = deepLinear();
        double[] p = generic(m, 1);
        int d = m.dim(), rank = m.normalRank();
        DenseEigen eig = new DenseEigen(m.denseHessian(p), d);
        assertTrue(eig.values[rank - 1] > 1e-4 && Math.abs(eig.values[rank]) < 1e-9, "rank " + rank);
        TangentProjector pt = TangentProjector.of(m).at(p);
        assertEquals("least-squares", pt.method());
        double[] out = new double[d];
        for (int j = 0; j < d; j++) {
            double[] e = new double[d];
            e[j] = 1;
            pt.project(e, out);
            for (int i = 0; i < d; i++) {
                double dense = i == j ? 1 : 0;
                for (int l = 0; l < rank; l++) {
                    dense -= eig.vectors[l][i] * eig.vectors[l][j];
                }
                // eigenvectors good to ~1e-12 / gap (gap >= 1e-4 here): entries to 1e-8
                assertEquals(dense, out[i], 1e-8, "entry " + i + "," + j);
            }
        }
    }

    @Test
    void deepLinearPhiAgreesWithNewtonToSecondOrder() {
        DeepLinear m = deepLinear();
        double[] p = generic(m, 2);
        double[] dir = Vec.gaussian(new Random(3), p.length);
        NewtonProjection newton = new NewtonProjection((LeastSquaresEvaluator) m.evaluator());
        ManifoldDistance md = new ManifoldDistance(m, 1e-12);
        Phi phi = new Phi(m);
        double[] gaps = new double[2];
        double[] deltas = {1e-2, 1e-3};
        for (int c = 0; c < 2; c++) {
            double[] x = FiniteDifferences.shift(p, dir, deltas[c] / Vec.norm(dir));
            double[] a = new double[p.length], one = x.clone();
            assertTrue(phi.apply(x, a));
            newton.project(one, 0, 1);
            gaps[c] = Vec.dist(one, a);
            double dist = Vec.dist(x, a);
            assertEquals(dist, md.estimate(x), 10 * dist * dist + 1e-5 * dist);
        }
        double ratio = gaps[0] / gaps[1];
        assertTrue(ratio > 30 && ratio < 300, "second order: gap ratio " + ratio);
    }

    @Test
    void widerLayersAreRefused() {
        DeepLinear wide = DeepLinear.random(new int[] {3, 4, 3}, new double[] {2, 0.6, 0.3}, 5);
        DegenerateManifoldException e = assertThrows(DegenerateManifoldException.class,
                () -> TangentProjector.of(wide));
        assertEquals(wide.degenerateManifold().orElseThrow(), e.getMessage());
        assertThrows(DegenerateManifoldException.class, () -> LimitingFlow.of(wide, "sqrt"));
    }

    @Test
    void symmetricFactorizationFlowIsAtRest() {
        // THEORY 6.2: lambda_1 = 2 lambda_max(M) on all of Gamma, so P_T grad lambda_1 = 0 while
        // ||grad lambda_1|| = 6 sqrt(lambda_max(M))
        SymmetricFactorization f = SymmetricFactorization.random(4, 2, new double[] {1.5, 0.7}, 9);
        double[] p = f.minimizer(10);
        LimitingFlow flow = LimitingFlow.of(f, "ngd");
        flow.startOnGamma(p, 0);
        assertEquals(2 * 1.5, flow.sharpness(), 1e-10);
        assertTrue(flow.tangentGradientNorm() <= 1e-8 * 6 * Math.sqrt(1.5), "P_T grad lambda_1 = "
                + flow.tangentGradientNorm());
        flow.advanceTo(1.0);
        assertTrue(Vec.dist(flow.point(), p) <= 1e-8, "the flow does not move: " + Vec.dist(flow.point(), p));
    }

    @Test
    @Tag("slow") // ~5 s: thousands of flow steps, each with four Lanczos solves and CGLS projections
    void deepLinearFlowReachesTheFlattestMinimum() {
        // THEORY 6.1: min over Gamma of lambda_1 = N sigma_1^{2(N-1)/N}; both flows descend to it
        DeepLinear m = deepLinear();
        double[] p = generic(m, 4);
        for (String alg : new String[] {"ngd", "sqrt"}) {
            LimitingFlow flow = LimitingFlow.of(m, LimitingFlow.Kind.of(alg),
                    LimitingFlow.Options.defaults().withH(0.05));
            flow.startOnGamma(p, 0);
            assertTrue(flow.sharpness() > 1.2 * m.flattestSharpness(), "start away from the flattest point");
            assertTrue(flow.runUntilStationary(1e-7, 1e4), alg + " did not settle");
            // a stationary point of log lambda_1 on Gamma to 1e-7: lambda_1 within ~1e-9 relative of the minimum
            assertEquals(m.flattestSharpness(), flow.sharpness(), 1e-6 * m.flattestSharpness(), alg);
        }
    }

    @Test
    void ellipseFlowsMatchTheirOneDimensionalOde() {
        // THEORY 6.2: u = (sqrt(y) cos phi, sqrt(y/a) sin phi), lambda_1 = 4y(cos^2 phi + a sin^2 phi). The Riemannian
        // gradient flow of f on a curve is dphi/dtau = -c f'(phi) / |u'(phi)|^2, f = log lambda_1 (NGD) or lambda_1.
        double a = 2.0, y = 1.5;
        MatrixSensing e = MatrixSensing.ellipse(a, y);
        double phi0 = 0.7, tau = 1.0;
        for (String alg : new String[] {"ngd", "sqrt"}) {
            LimitingFlow flow = LimitingFlow.of(e, alg);
            flow.startOnGamma(new double[] {Math.sqrt(y) * Math.cos(phi0), Math.sqrt(y / a) * Math.sin(phi0)}, 0);
            flow.advanceTo(tau);
            double phiT = ellipseOde(alg, a, y, phi0, tau);
            double[] expect = {Math.sqrt(y) * Math.cos(phiT), Math.sqrt(y / a) * Math.sin(phiT)};
            // both RK4 (h = 0.01 vs 1e-4) on O(1) rates: ~1e-9
            assertTrue(Vec.dist(flow.point(), expect) <= 1e-8, alg + ": " + Vec.dist(flow.point(), expect));
            assertTrue(Math.abs(phiT - phi0) > 0.05, "the flow moved");
        }
    }

    /** The 1-D ODE of the ellipse flow by RK4 with step 1e-4. */
    private static double ellipseOde(String alg, double a, double y, double phi, double tau) {
        int n = (int) Math.round(tau / 1e-4);
        double h = tau / n;
        for (int i = 0; i < n; i++) {
            double k1 = ellipseRate(alg, a, y, phi);
            double k2 = ellipseRate(alg, a, y, phi + h / 2 * k1);
            double k3 = ellipseRate(alg, a, y, phi + h / 2 * k2);
            double k4 = ellipseRate(alg, a, y, phi + h * k3);
            phi += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
        }
        return phi;
    }

    private static double ellipseRate(String alg, double a, double y, double phi) {
        double lam = 4 * y * (Math.cos(phi) * Math.cos(phi) + a * Math.sin(phi) * Math.sin(phi));
        double dlam = 4 * y * (a - 1) * Math.sin(2 * phi);
        double speed2 = y * Math.sin(phi) * Math.sin(phi) + y / a * Math.cos(phi) * Math.cos(phi);
        return alg.equals("ngd") ? -0.25 * dlam / lam / speed2 : -0.125 * dlam / speed2;
    }

    @Test
    void ellipsePhiMatchesTheGradientFlowInvariant() {
        // GF keeps |u_2| / |u_1|^a constant (THEORY 6.2): Phi(u) is where that curve meets the ellipse
        double a = 2.0, y = 1.5;
        MatrixSensing e = MatrixSensing.ellipse(a, y);
        Phi phi = new Phi(e);
        double[] u = {0.9, 1.1}, p = new double[2];
        assertTrue(phi.apply(u, p));
        assertEquals(y, p[0] * p[0] + a * p[1] * p[1], 1e-11);
        assertEquals(Math.abs(u[1]) / Math.pow(Math.abs(u[0]), a), Math.abs(p[1]) / Math.pow(Math.abs(p[0]), a),
                1e-9);
    }
}
