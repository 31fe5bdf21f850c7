package dev.eos.geometry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.models.SeparableToy;
import dev.eos.optim.Optimizer;
import dev.eos.optim.Optimizers;
import dev.eos.testing.Vec;
import org.junit.jupiter.api.Test;

/**
 * THEORY 4.1 / 4.6 #1 on toy2d: max over t in [T1/eta, T1'/eta] of ||x_t - Phi(x_init)|| is O(eta). From x_init =
 * (1, 0.5) the GF path to Gamma is about 0.5 long, crossed in ~0.5/eta NGD steps (each of length eta), so T1 = 1,
 * T1' = 2 puts the window in Phase II.
 */
class PhaseOneTest {

    private static final SeparableToy TOY = SeparableToy.toy2d();

    static double windowMax(String alg, double eta) {
        double[] x = {1.0, 0.5};
        double[] target = new double[2];
        new Phi(TOY).apply(x, target);
        Optimizer opt = Optimizers.create(alg, TOY, eta);
        long t1 = Math.round(1.0 / eta), t2 = Math.round(2.0 / eta);
        double worst = 0;
        for (long t = 0; t <= t2; t++) {
            if (t >= t1) {
                worst = Math.max(worst, Vec.dist(x, target));
            }
            opt.step(x);
        }
        return worst;
    }

    @Test
    void phaseOneDistanceIsLinearInEta() {
        double[] etas = {0.02, 0.01, 0.005, 0.0025};
        for (String alg : new String[] {"ngd", "sqrt"}) {
            double[] d = new double[etas.length];
            double sx = 0, sy = 0, sxx = 0, sxy = 0;
            for (int i = 0; i < etas.length; i++) {
                d[i] = windowMax(alg, etas[i]);
                double lx = Math.log(etas[i]), ly = Math.log(d[i]);
                sx += lx;
                sy += ly;
                sxx += lx * lx;
                sxy += lx * ly;
                // the 2-cycle alone puts one member at >= eta s / 2 (s = 1 or sqrt(lambda_1/2) ~ 1.3), and the
                // drift over the window adds ~eta/4: d/eta lies in a band of O(1) constants
                assertTrue(d[i] / etas[i] > 0.3 && d[i] / etas[i] < 3, alg + " eta " + etas[i] + ": d/eta = "
                        + d[i] / etas[i]);
            }
            int n = etas.length;
            double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
            // The amplitude ratio C of the cycle varies with eta (THEORY 4.3, "Measuring rates cleanly"), so d/eta
            // may change by up to 2x across etas spanning 8x: the fitted slope lies within 1 +- log 2 / log 8
            assertTrue(slope > 0.66 && slope < 1.34, alg + ": log-log slope " + slope);
        }
    }
}
