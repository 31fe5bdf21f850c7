package dev.eos.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.models.Evaluator;
import dev.eos.models.Model;
import dev.eos.models.SeparableToy;
import dev.eos.testing.Factorization;
import dev.eos.testing.FiniteDifferences;
import dev.eos.testing.Vec;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The distance-to-Gamma estimates used for phase detection, and the phase rule's threshold. */
class ManifoldDistanceTest {

    @Test
    void closedFormIsTheDistanceToPhi() {
        SeparableToy toy = SeparableToy.toy2d();
        ManifoldDistance md = new ManifoldDistance(toy);
        assertEquals("closed-form", md.method());
        double[] x = {1.0, 0.3}, phi = new double[2];
        toy.phi(x, phi);
        assertEquals(Vec.dist(x, phi), md.estimate(x), 1e-15);
        assertEquals(0.0, md.estimate(new double[] {0.4, 0.0}), 1e-15); // the root finder rounds
    }

    @Test
    void newtonLengthIsTheDistanceToFirstOrder() {
        int m = 4, n = 3, r = 2;
        double[] p = new double[(m + n) * r];
        Factorization f = Factorization.random(m, n, r, 31, p);
        ManifoldDistance md = new ManifoldDistance(f, 1e-12);
        ManifoldDistance cheap = new ManifoldDistance(f);
        assertEquals("newton", md.method());
        Phi phi = new Phi(f);
        Random rnd = new Random(32);
        double[] dir = Vec.gaussian(rnd, p.length);
        for (double delta : new double[] {1e-2, 1e-3, 1e-4}) {
            double[] x = FiniteDifferences.shift(p, dir, delta / Vec.norm(dir));
            double[] px = new double[p.length];
            phi.apply(x, px);
            double truth = Vec.dist(x, px);
            // ||J^+ r|| = dist + O(dist^2), from a tight solve
            assertEquals(truth, md.estimate(x), 2 * truth * truth, "delta " + delta);
            // the default, cheap solve is good to about 1% (NewtonProjection.ESTIMATE_TOL)
            assertEquals(truth, cheap.estimate(x), 2 * truth * truth + 1e-2 * truth, "cheap, delta " + delta);
        }
        assertTrue(md.estimate(p) <= 1e-13);
    }

    @Test
    void eigenNewtonProxyWithoutLeastSquaresStructure() {
        int m = 3, n = 3, r = 2;
        double[] p = new double[(m + n) * r];
        Factorization f = Factorization.random(m, n, r, 33, p);
        Model opaque = new DelegatingModel(f) {
            @Override
            public Evaluator evaluator() {
                return TangentProjectorTest.opaqueEvaluator(f.evaluator());
            }
        };
        ManifoldDistance eigen = new ManifoldDistance(opaque);
        ManifoldDistance newton = new ManifoldDistance(f, 1e-12);
        assertEquals("eigen-newton", eigen.method());
        double[] dir = Vec.gaussian(new Random(34), p.length);
        double[] x = FiniteDifferences.shift(p, dir, 1e-3 / Vec.norm(dir));
        // both are the distance to first order: they agree to O(dist^2) ~ 1e-6 relative to 1e-3
        assertEquals(newton.estimate(x), eigen.estimate(x), 5e-3 * 1e-3);
    }

    @Test
    void phaseThresholdIsTwoCycleAmplitudeScale() {
        assertEquals(2 * 0.01, ManifoldDistance.phaseThreshold("ngd", 0.01, 7.0), 1e-18);
        assertEquals(2 * 0.01, ManifoldDistance.phaseThreshold("gd", 0.01, 7.0), 1e-18);
        assertEquals(2 * 0.01 * Math.sqrt(3.5), ManifoldDistance.phaseThreshold("sqrt", 0.01, 7.0), 1e-17);
        assertThrows(IllegalArgumentException.class, () -> ManifoldDistance.phaseThreshold("adam", 0.01, 1));
    }

    @Test
    void phaseTwoStartsWhenTheRunReachesGamma() {
        // NGD on toy2d from (1, 0.5): the estimate falls below 2 eta after ~0.5/eta steps and then the 2-cycle
        // keeps every iterate within eta of Gamma (THEORY 3: distances C eta and (1 - C) eta)
        SeparableToy toy = SeparableToy.toy2d();
        ManifoldDistance md = new ManifoldDistance(toy);
        double eta = 0.01;
        var opt = dev.eos.optim.Optimizers.create("ngd", toy, eta);
        double[] x = {1.0, 0.5};
        long entered = -1;
        for (long t = 0; t < 400; t++) {
            double d = md.estimate(x);
            if (entered < 0 && d <= ManifoldDistance.phaseThreshold("ngd", eta, 0)) {
                entered = t;
            }
            if (entered >= 0 && t > entered + 5) {
                assertTrue(d <= 1.05 * eta, "phase 2 iterate at distance " + d);
            }
            opt.step(x);
        }
        assertTrue(entered > 0.3 / eta && entered < 1.0 / eta, "entered phase 2 at step " + entered);
    }
}
