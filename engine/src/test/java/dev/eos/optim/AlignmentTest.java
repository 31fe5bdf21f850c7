package dev.eos.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.models.SeparableToy;
import org.junit.jupiter.api.Test;

/**
 * THEORY 6.4, toy3d: with two normal directions (a_1 = 2(1 + x^2) &gt; a_2 = 0.6) the y_2 component of the
 * oscillation decays and theta_t -&gt; 0, for NGD and GD on sqrt(L). On toy3d, x~ = H(Phi(x))(x - Phi(x)) =
 * (0, a_1 y_1, a_2 y_2), so tan theta = a_2 |y_2| / (a_1 |y_1|).
 */
class AlignmentTest {

    @Test
    void secondNormalComponentDecays() {
        SeparableToy toy = SeparableToy.toy3d();
        for (String alg : new String[] {"ngd", "sqrt"}) {
            Optimizer o = Optimizers.create(alg, toy, 0.01);
            double[] x = toy.defaultStart();
            double theta0 = theta(toy, x);
            assertTrue(theta0 > 0.05, "the start is not aligned");
            for (int t = 0; t < 3000; t++) {
                o.step(x);
            }
            // per two steps y_2 shrinks by |(1 - a_2/n_t)(1 - a_2/n_t+1)| < 1 in the 2-cycle (THEORY 3 component
            // form): after ~3000 steps it is below any rounding scale
            double th = theta(toy, x);
            assertTrue(th < 1e-12, alg + ": theta " + th);
            assertTrue(Math.abs(x[1]) > 1e-4, alg + ": still oscillating along v_1 with amplitude ~eta");
        }
    }

    private static double theta(SeparableToy toy, double[] x) {
        return Math.atan2(0.6 * Math.abs(x[2]), toy.a1(x[0]) * Math.abs(x[1]));
    }
}
