package dev.eos.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.models.Model;
import dev.eos.models.SeparableToy;
import dev.eos.testing.DiagonalQuadratic;
import dev.eos.testing.Vec;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The perturbation of THEORY 2.3 (in the ball, on schedule, reproducible), checkpoint state, and allocation. */
class PerturbationAndStateTest {

    /** L = 0 everywhere: GD then moves only by the noise, so each increment is one draw. */
    private static final Model FLAT = new DiagonalQuadratic(0.0, 0.0, 0.0, 0.0, 0.0);

    @Test
    void defaultPeriodIsCeilOfOneOverEta() {
        assertEquals(100, BallNoise.defaultEvery(0.01));
        assertEquals(10, BallNoise.defaultEvery(0.1));
        assertEquals(4, BallNoise.defaultEvery(0.3)); // 1/0.3 = 3.33
        assertEquals(1, BallNoise.defaultEvery(2.0));
        Optimizer o = Optimizers.create("ngd", FLAT, 0.01, Optimizers.Settings.defaults().withNoise(1e-3, 0));
        assertEquals(100, ((NormalizedGD) o).noise().every());
    }

    @Test
    void noiseIsInTheBallOnScheduleAndUniform() {
        double r = 0.5;
        int every = 3;
        Optimizer o = Optimizers.create("gd", FLAT, 0.1, Optimizers.Settings.defaults().withNoise(r, every)
                .withSeed(42));
        int d = FLAT.dim();
        double[] x = new double[d];
        int draws = 20000;
        double sumPowD = 0;
        double[] mean = new double[d];
        for (int s = 1; s <= draws * every; s++) {
            double[] before = x.clone();
            o.step(x);
            double[] xi = Vec.sub(x, before);
            if (s % every == 0) {
                assertTrue(o.lastPerturbed());
                double n = Vec.norm(xi);
                assertTrue(n <= r * (1 + 1e-12) && n > 0, "draw outside the ball: " + n);
                sumPowD += Math.pow(n / r, d);
                for (int i = 0; i < d; i++) {
                    mean[i] += xi[i] / r;
                }
            } else {
                assertFalse(o.lastPerturbed());
                assertEquals(0.0, Vec.norm(xi));
            }
        }
        // uniform in the ball: (|xi|/r)^D ~ Unif(0,1), mean 1/2, sd 1/sqrt(12 n) ~ 0.002; 5 sd
        assertEquals(0.5, sumPowD / draws, 5 / Math.sqrt(12.0 * draws));
        // isotropic: each coordinate of xi/r has mean 0 and variance E|xi/r|^2 / D = 1/(D+2); 5 sd
        for (int i = 0; i < d; i++) {
            assertEquals(0.0, mean[i] / draws, 5 * Math.sqrt(1.0 / (d + 2) / draws));
        }
    }

    @Test
    void sameSeedSameRunOtherSeedOtherRun() {
        double[] a = run("ngd", 7, 500), b = run("ngd", 7, 500), c = run("ngd", 8, 500);
        assertArrayEquals(a, b);
        assertNotEquals(a[0], c[0]);
    }

    private static double[] run(String alg, long seed, int steps) {
        Optimizer o = Optimizers.create(alg, SeparableToy.toy3d(), 0.01,
                Optimizers.Settings.defaults().withNoise(1e-6, 0).withSeed(seed));
        double[] x = SeparableToy.toy3d().defaultStart();
        for (int t = 0; t < steps; t++) {
            o.step(x);
        }
        return x;
    }

    @Test
    void stateRestoreContinuesBitForBit() {
        for (String alg : Optimizers.NAMES) {
            Optimizers.Settings s = Optimizers.Settings.defaults().withSeed(11);
            if (!alg.equals("gf")) {
                s = s.withNoise(1e-4, 7);
            }
            SeparableToy toy = SeparableToy.toy3d();
            Optimizer a = Optimizers.create(alg, toy, 0.02, s);
            double[] x = toy.defaultStart().clone();
            for (int t = 0; t < 137; t++) {
                a.step(x);
            }
            long[] state = a.state();
            double[] checkpoint = x.clone();
            for (int t = 0; t < 300; t++) {
                a.step(x);
            }
            Optimizer b = Optimizers.create(alg, toy, 0.02, s);
            b.restore(state);
            assertEquals(137, b.steps());
            double[] y = checkpoint.clone();
            for (int t = 0; t < 300; t++) {
                b.step(y);
            }
            assertArrayEquals(x, y, alg); // exact equality of every double
            assertEquals(a.steps(), b.steps());
            assertEquals(Double.doubleToRawLongBits(a.lastLoss()), Double.doubleToRawLongBits(b.lastLoss()));
        }
    }

    @Test
    void stepAllocatesNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SeparableToy toy = SeparableToy.toy3d();
        for (String alg : Optimizers.NAMES) {
            Optimizers.Settings s = alg.equals("gf") ? Optimizers.Settings.defaults()
                    : Optimizers.Settings.defaults().withNoise(1e-8, 5);
            Optimizer o = Optimizers.create(alg, toy, 0.01, s);
            double[] x = toy.defaultStart().clone();
            // Warm up, then measure windows of 10^4 steps; the JIT's tier changes (C1 code boxes Vector API
            // values) can allocate in a window, so the least of a few windows is the steady state.
            long bytes = Long.MAX_VALUE;
            for (int w = 0; w < 40 && bytes > 0; w++) { // up to 40 windows: C2 may lag on a loaded machine
                for (int t = 0; t < 20_000; t++) {
                    o.step(x);
                }
                long before = mx.getCurrentThreadAllocatedBytes();
                for (int t = 0; t < 10_000; t++) {
                    o.step(x);
                }
                bytes = Math.min(bytes, mx.getCurrentThreadAllocatedBytes() - before);
            }
            // one allocation per step would be >= 16 bytes x 10^4; allow a little for the measurement itself
            assertTrue(bytes < 1024, alg + " allocated " + bytes + " bytes in 10^4 steps");
        }
    }
}
