package dev.eos.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.models.SeparableToy;
import dev.eos.testing.Factorization;
import dev.eos.testing.FiniteDifferences;
import dev.eos.testing.Vec;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The limiting flows of THEORY 4.2 / 4.3 against the toy2d closed forms (6.4), and a wrong constant fails. */
class LimitingFlowTest {

    private static final SeparableToy TOY = SeparableToy.toy2d();

    /**
     * RK4 at h = 0.01 on a flow whose rates are O(1) (toy2d: dX/dtau = -X/(2(1+X^2)) for NGD, -X/2 for sqrt):
     * global error ~ h^4 = 1e-8 times a modest constant; closed forms solved to ~1e-16.
     */
    private static final double FLOW_TOL = 1e-8;

    @Test
    void ngdFlowMatchesTheClosedForm() {
        LimitingFlow flow = LimitingFlow.of(TOY, "ngd");
        assertEquals(0.25, flow.kind().constant());
        flow.start(new double[] {1.0, 0.0}, 0);
        for (double tau : new double[] {0.1, 0.5, 1.0, 2.0}) {
            flow.advanceTo(tau);
            assertEquals(tau, flow.tau());
            assertEquals(TOY.ngdFlow(1.0, tau), flow.point()[0], FLOW_TOL, "tau " + tau);
            assertEquals(0.0, flow.point()[1]);
            // readings at X(tau): lambda_1 = 2(1 + X^2), P_T grad lambda_1 = (4X, 0)
            double xt = flow.point()[0];
            assertEquals(2 * (1 + xt * xt), flow.sharpness(), 1e-12);
            assertEquals(4 * Math.abs(xt), flow.tangentGradientNorm(), 1e-11);
        }
    }

    @Test
    void sqrtFlowMatchesTheClosedForm() {
        LimitingFlow flow = LimitingFlow.of(TOY, "sqrt");
        assertEquals(0.125, flow.kind().constant());
        flow.start(new double[] {1.3, 0.0}, 0);
        for (double tau : new double[] {0.25, 1.0, 3.0}) {
            flow.advanceTo(tau);
            assertEquals(TOY.sqrtFlow(1.3, tau), flow.point()[0], FLOW_TOL, "tau " + tau);
        }
    }

    @Test
    void aWrongConstantFailsTheComparison() {
        // -1/2 instead of -1/4 (NGD), -1/4 instead of -1/8 (sqrt): THEORY 6.4 says X(1) moves by ~0.1
        LimitingFlow wrongNgd = new LimitingFlow(TOY, LimitingFlow.Kind.NGD, 0.5, LimitingFlow.Options.defaults());
        wrongNgd.startOnGamma(new double[] {1.0, 0.0}, 0);
        wrongNgd.advanceTo(1.0);
        double errNgd = Math.abs(wrongNgd.point()[0] - TOY.ngdFlow(1.0, 1.0));
        assertTrue(errNgd > 1e4 * FLOW_TOL, "a wrong constant must fail the flow test, error " + errNgd);
        LimitingFlow wrongSqrt = new LimitingFlow(TOY, LimitingFlow.Kind.SQRT, 0.25,
                LimitingFlow.Options.defaults());
        wrongSqrt.startOnGamma(new double[] {1.0, 0.0}, 0);
        wrongSqrt.advanceTo(1.0);
        double errSqrt = Math.abs(wrongSqrt.point()[0] - TOY.sqrtFlow(1.0, 1.0));
        assertTrue(errSqrt > 1e4 * FLOW_TOL, "a wrong constant must fail the flow test, error " + errSqrt);
    }

    @Test
    void startProjectsOntoGammaAndTheFlowOnlyRunsForward() {
        LimitingFlow flow = LimitingFlow.of(TOY, "ngd");
        assertThrows(IllegalStateException.class, () -> flow.advanceTo(1));
        flow.start(new double[] {1.0, 0.3}, 5.0);
        double[] phi = new double[2];
        TOY.phi(new double[] {1.0, 0.3}, phi);
        assertArrayEquals(phi, flow.point());
        assertEquals(5.0, flow.tau());
        assertThrows(IllegalArgumentException.class, () -> flow.advanceTo(4.0));
        assertThrows(IllegalArgumentException.class, () -> LimitingFlow.of(TOY, "gd"));
    }

    @Test
    void runsToTheFlattestPointOfToy2d() {
        // lambda_1 = 2(1 + x^2) is smallest at x = 0, where P_T grad log lambda_1 = 0
        for (String alg : new String[] {"ngd", "sqrt"}) {
            LimitingFlow flow = LimitingFlow.of(TOY, alg);
            flow.startOnGamma(new double[] {1.5, 0.0}, 0);
            assertTrue(flow.runUntilStationary(1e-8, 200));
            // stop rule: ||P_T grad lambda_1|| <= 1e-8 lambda_1, i.e. 4|x| <= 1e-8 * 2(1 + x^2)
            assertEquals(0.0, flow.point()[0], 1e-8);
            assertEquals(2.0, flow.sharpness(), 1e-14);
        }
    }

    @Test
    void sharpnessDecreasesAtThePredictedRate() {
        // THEORY 4.2: d lambda_1 / d tau = -||P_T grad lambda_1||^2 / (4 lambda_1) along the NGD flow
        LimitingFlow flow = LimitingFlow.of(TOY, "ngd");
        flow.startOnGamma(new double[] {1.2, 0.0}, 0);
        flow.advanceTo(0.5);
        double lam0 = flow.sharpness(), g = flow.tangentGradientNorm();
        double predicted = -g * g / (4 * lam0);
        double dt = 1e-3;
        flow.advanceTo(0.5 + dt);
        double lamP = flow.sharpness();
        // forward difference: error O(dt) relative
        assertEquals(predicted, (lamP - lam0) / dt, 2e-3 * Math.abs(predicted));
    }

    @Test
    void snapshotRestoreContinuesBitForBit() {
        LimitingFlow a = LimitingFlow.of(TOY, "ngd");
        a.startOnGamma(new double[] {1.0, 0.0}, 0);
        a.advanceTo(0.337);
        double[] snap = a.snapshot();
        a.advanceTo(1.0);
        LimitingFlow b = LimitingFlow.of(TOY, "ngd");
        b.restore(snap);
        b.advanceTo(1.0);
        assertArrayEquals(a.point(), b.point());
        assertEquals(a.sharpness(), b.sharpness(), 0.0);
    }

    @Test
    void factorizationFlowReachesTheFlattestMinimum() {
        // THEORY 6.1 with N = 2: min over Gamma of lambda_1 = 2 sigma_1(M), the flows go downhill to it
        int m = 3, n = 3, r = 2;
        double[] p = new double[(m + n) * r];
        Factorization f = Factorization.random(m, n, r, 21, p);
        double sigma1 = topSingularValue(f, p);
        for (String alg : new String[] {"ngd", "sqrt"}) {
            // h = 0.2: the flow's rates here are O(1), RK4 is accurate to ~1e-9 at this step (checked against h = 0.01)
            LimitingFlow flow = LimitingFlow.of(f, LimitingFlow.Kind.of(alg),
                    LimitingFlow.Options.defaults().withH(0.2));
            assertEquals("least-squares", flow.projector().method());
            assertEquals("newton", flow.reprojection());
            flow.startOnGamma(p, 0);
            double lam0 = flow.sharpness();
            assertTrue(lam0 > 2 * sigma1 + 0.1, "a start off the flattest point");
            double prev = lam0;
            for (int chunk = 1; chunk <= 40 && !(flow.tangentGradientNorm() <= 1e-7 * flow.sharpness()); chunk++) {
                flow.advanceTo(chunk * (alg.equals("ngd") ? 2.0 : 1.0));
                assertTrue(flow.sharpness() <= prev + 1e-12, "lambda_1 never increases along the flow");
                prev = flow.sharpness();
            }
            // stationary to 1e-7 in log lambda_1: lambda_1 within ~1e-10 relative of the minimum (quadratic bowl)
            assertEquals(2 * sigma1, flow.sharpness(), 1e-6 * sigma1, alg);
        }
    }

    /** sigma_1 of the target U V^T by power iteration on (U V^T)^T (U V^T). */
    private static double topSingularValue(Factorization f, double[] p) {
        double[] res = new double[9];
        var ev = (dev.eos.models.LeastSquaresEvaluator) f.evaluator();
        // the target is F(p) on Gamma: residual(0) = -target
        ev.residual(new double[p.length], res);
        double[] t = Vec.scale(-1, res);
        double[] v = Vec.gaussian(new Random(1), 3);
        double s = 0;
        for (int it = 0; it < 500; it++) {
            double[] w = new double[3], z = new double[3];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    w[i] += t[i * 3 + j] * v[j];
                }
            }
            for (int j = 0; j < 3; j++) {
                for (int i = 0; i < 3; i++) {
                    z[j] += t[i * 3 + j] * w[i];
                }
            }
            s = Math.sqrt(Vec.norm(z));
            v = Vec.scale(1 / Vec.norm(z), z);
        }
        return s;
    }

    @Test
    void velocityOnLeastSquaresUsesTheCurvatureGradientProjected() {
        // the flow field at a point of Gamma equals -1/4 P_T D^3L[v1, v1, .] / lambda_1 by finite differences
        int m = 3, n = 3, r = 2;
        double[] p = new double[(m + n) * r];
        Factorization f = Factorization.random(m, n, r, 22, p);
        LimitingFlow flow = LimitingFlow.of(f, "ngd");
        double[] vel = new double[p.length];
        double lam = flow.velocity(p, vel);
        dev.eos.testing.DenseEigen eig = new dev.eos.testing.DenseEigen(f.denseHessian(p), p.length);
        assertEquals(eig.values[0], lam, 1e-10 * lam);
        double[] third = FiniteDifferences.thirdDerivative(f.evaluator(), p, eig.vectors[0], 1e-4);
        double[] proj = new double[p.length];
        TangentProjector.of(f).at(p).project(third, proj);
        double[] expect = Vec.scale(-0.25 / lam, proj);
        // second differences are good to ~1e-6 relative (THEORY 6)
        assertTrue(Vec.dist(vel, expect) <= 1e-5 * Vec.norm(expect), "velocity " + Vec.dist(vel, expect));
    }

    @Test
    void genericPathAgreesWithTheLeastSquaresPath() {
        // without the least-squares view the flow uses top-M eigenvectors for P_T and gradient flow for Phi
        int m = 3, n = 3, r = 2;
        double[] p = new double[(m + n) * r];
        Factorization f = Factorization.random(m, n, r, 23, p);
        DelegatingModel opaque = new DelegatingModel(f) {
            @Override
            public dev.eos.models.Evaluator evaluator() {
                return TangentProjectorTest.opaqueEvaluator(f.evaluator());
            }
        };
        LimitingFlow.Options o = LimitingFlow.Options.defaults().withH(0.05);
        LimitingFlow generic = LimitingFlow.of(opaque, LimitingFlow.Kind.NGD, o);
        LimitingFlow ls = LimitingFlow.of(f, LimitingFlow.Kind.NGD, o);
        assertEquals("eigen", generic.projector().method());
        assertEquals("gradient-flow", generic.reprojection());
        generic.startOnGamma(p, 0);
        ls.startOnGamma(p, 0);
        generic.advanceTo(0.5);
        ls.advanceTo(0.5);
        // the same ODE; the re-projections differ by O(h^10) and the Phi tolerance (~1e-12), P_T by ~1e-12
        assertTrue(Vec.dist(generic.point(), ls.point()) <= 1e-9, "paths differ by "
                + Vec.dist(generic.point(), ls.point()));
        assertTrue(Vec.dist(generic.point(), p) > 1e-3, "the flow moved");
    }

    @Test
    void startFromAFarPointUsesPhiNotTheNewtonProjection() {
        int m = 3, n = 3, r = 2;
        double[] p = new double[(m + n) * r];
        Factorization f = Factorization.random(m, n, r, 24, p);
        double[] x0 = FiniteDifferences.shift(p, Vec.gaussian(new Random(25), p.length), 0.1);
        LimitingFlow flow = LimitingFlow.of(f, "ngd");
        assertTrue(flow.start(x0, 0));
        double[] phi = new double[p.length], newton = x0.clone();
        new Phi(f).apply(x0, phi);
        new NewtonProjection((dev.eos.models.LeastSquaresEvaluator) f.evaluator()).project(newton, 1e-15, 20);
        // X(0) = Phi(x0) to the ODE accuracy; the Newton projection lands elsewhere on Gamma (O(0.1^2) away)
        assertTrue(Vec.dist(flow.point(), phi) <= 1e-10, "X(0) - Phi(x0): " + Vec.dist(flow.point(), phi));
        assertTrue(Vec.dist(newton, phi) > 1e-4, "the two projections differ here: " + Vec.dist(newton, phi));
    }
}
