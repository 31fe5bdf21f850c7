package dev.eos.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.models.SeparableToy;
import dev.eos.testing.Factorization;
import dev.eos.testing.Vec;
import org.junit.jupiter.api.Test;

/**
 * The run options of the limiting flow ({@link LimitingFlow.Options#forRuns()}): adaptive Dormand-Prince steps
 * against the toy2d closed forms (THEORY 6.4) and the fixed RK4 path, far fewer steps where the flow slows down,
 * checkpoints that continue bit for bit, and the stop where lambda_1(X) stops being simple.
 */
class AdaptiveFlowTest {

    private static final SeparableToy TOY = SeparableToy.toy2d();

    @Test
    void adaptiveFlowsMatchTheClosedForms() {
        LimitingFlow ngd = LimitingFlow.of(TOY, LimitingFlow.Kind.NGD, LimitingFlow.Options.forRuns());
        LimitingFlow sqrt = LimitingFlow.of(TOY, LimitingFlow.Kind.SQRT, LimitingFlow.Options.forRuns());
        ngd.start(new double[] {1.0, 0.0}, 0);
        sqrt.start(new double[] {1.3, 0.0}, 0);
        for (double tau : new double[] {0.1, 0.5, 1.0, 2.0, 10.0, 40.0}) {
            ngd.advanceTo(tau);
            sqrt.advanceTo(tau);
            assertEquals(tau, ngd.tau());
            // local error 1e-10 per step on an O(1), contracting flow: the global error stays ~1e-9
            assertEquals(TOY.ngdFlow(1.0, tau), ngd.point()[0], 1e-8, "ngd, tau " + tau);
            assertEquals(TOY.sqrtFlow(1.3, tau), sqrt.point()[0], 1e-8, "sqrt, tau " + tau);
            // toy2d: lambda_2 = 0 on Gamma, gap 1
            assertEquals(1.0, ngd.eigengap(), 1e-12);
        }
        assertFalse(ngd.stopped());
        // the flows decay like e^{-tau/2}: steps grow with it; RK4 at h = 0.01 takes 4000 steps to tau = 40
        assertTrue(ngd.steps() < 200 && sqrt.steps() < 200, "steps " + ngd.steps() + ", " + sqrt.steps());
    }

    @Test
    void agreesWithFixedStepsOnALeastSquaresModel() {
        int m = 3, n = 3, r = 2;
        double[] p = new double[(m + n) * r];
        Factorization f = Factorization.random(m, n, r, 21, p);
        LimitingFlow fixed = LimitingFlow.of(f, LimitingFlow.Kind.NGD, LimitingFlow.Options.defaults().withH(0.01));
        LimitingFlow adaptive = LimitingFlow.of(f, LimitingFlow.Kind.NGD, LimitingFlow.Options.forRuns());
        fixed.startOnGamma(p, 0);
        adaptive.startOnGamma(p, 0);
        fixed.advanceTo(2.0);
        adaptive.advanceTo(2.0);
        // RK4 at h = 0.01 is good to ~1e-9 here (LimitingFlowTest); the adaptive path to its 1e-10 local error, and
        // v_1 to 1e-8 / gap
        assertTrue(Vec.dist(fixed.point(), adaptive.point()) < 1e-7, "paths differ by "
                + Vec.dist(fixed.point(), adaptive.point()));
        assertEquals(fixed.sharpness(), adaptive.sharpness(), 1e-7 * fixed.sharpness());
        assertTrue(Vec.dist(p, adaptive.point()) > 1e-2, "the flow moved");
        assertTrue(adaptive.steps() < fixed.steps() / 4, adaptive.steps() + " adaptive steps");
    }

    @Test
    void snapshotRestoreContinuesBitForBit() {
        int m = 3, n = 3, r = 2;
        double[] p = new double[(m + n) * r];
        Factorization f = Factorization.random(m, n, r, 22, p);
        LimitingFlow a = LimitingFlow.of(f, LimitingFlow.Kind.NGD, LimitingFlow.Options.forRuns());
        a.startOnGamma(p, 0);
        a.advanceTo(0.337);
        double[] snap = a.snapshot();
        a.advanceTo(1.5);
        LimitingFlow b = LimitingFlow.of(f, LimitingFlow.Kind.NGD, LimitingFlow.Options.forRuns());
        b.restore(snap);
        b.advanceTo(1.5);
        assertArrayEquals(a.point(), b.point());
        assertEquals(a.sharpness(), b.sharpness(), 0.0);
        assertEquals(a.eigengap(), b.eigengap(), 0.0);
    }

    @Test
    void theFlowStopsWhereLambda1StopsBeingSimple() {
        // the unbalanced factorization flows to a balanced minimiser; a target with equal singular values makes
        // lambda_1 there multiple (THEORY 6.1: 2 sigma for every pair), so the gap closes on the way
        // M = I (2 x 2); U = A = [[2, 0.3], [0.1, 0.7]], V = A^{-T}, so U V^T = I: an unbalanced point of Gamma
        double a = 2, b = 0.3, c = 0.1, d = 0.7, det = a * d - b * c;
        double[] p = {a, b, c, d, d / det, -c / det, -b / det, a / det};
        Factorization f = new Factorization(2, 2, 2, new double[] {1, 0, 0, 1});
        LimitingFlow flow = LimitingFlow.of(f, LimitingFlow.Kind.NGD, LimitingFlow.Options.forRuns());
        flow.startOnGamma(p, 0);
        assertTrue(flow.eigengap() > LimitingFlow.GAP_THRESHOLD, "simple at the start: " + flow.eigengap());
        flow.advanceTo(50);
        assertTrue(flow.stopped(), "gap " + flow.eigengap() + ", lambda_1 " + flow.sharpness());
        assertTrue(flow.eigengap() < LimitingFlow.GAP_THRESHOLD);
        double at = flow.stoppedAt();
        assertTrue(at > 0 && at < 50 && flow.tau() == at, "stopped at " + at + ", tau " + flow.tau());
        double[] x = flow.point().clone();
        flow.advanceTo(60);
        assertArrayEquals(x, flow.point(), "a stopped flow does not move");
    }
}
