package dev.eos.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.testing.DiagonalQuadratic;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * THEORY 3 (the quadratic warm-up): NGD and GD on sqrt(L) on L = 1/2 x^T A x, A = diag(1, 0.4) (the authors'
 * Figure-2 matrix). Both reduce to x~ &lt;- x~ - A x~ / ||x~||, with x~ = A x / eta (NGD) or (2A)^{1/2} x / eta (sqrt):
 * x~ aligns with +-v_1, flips sign every step, and ||x~_2t|| + ||x~_2t+1|| -&gt; lambda_1 (Theorem 3.1).
 */
class QuadraticDynamicsTest {

    private static final double L1 = 1.0, L2 = 0.4;
    private static final DiagonalQuadratic A = new DiagonalQuadratic(L1, L2);

    /** x~ of the given algorithm. */
    private static double[] transformed(String alg, double[] x, double eta) {
        return alg.equals("ngd") ? new double[] {L1 * x[0] / eta, L2 * x[1] / eta}
                : new double[] {Math.sqrt(2 * L1) * x[0] / eta, Math.sqrt(2 * L2) * x[1] / eta};
    }

    @Test
    void periodTwoLimitAndAlignment() {
        Random rnd = new Random(17);
        double eta = 0.01;
        for (String alg : new String[] {"ngd", "sqrt"}) {
            for (int trial = 0; trial < 5; trial++) {
                Optimizer o = Optimizers.create(alg, A, eta);
                double[] x = {rnd.nextGaussian() * 0.2, rnd.nextGaussian() * 0.2};
                for (int t = 0; t < 4000; t++) {
                    o.step(x);
                }
                double[] a = transformed(alg, x, eta);
                double loss0 = A.evaluator().loss(x);
                double eta0 = o.lastEtaEff();
                o.step(x);
                double[] b = transformed(alg, x, eta);
                double loss1 = A.evaluator().loss(x);
                double eta1 = o.lastEtaEff();
                // Theorem 3.1: the pair sums to lambda_1; the exact 2-cycle is reached up to rounding of x (1e-16
                // relative, amplified 1/eta by the transform): 1e-10
                assertEquals(L1, Math.hypot(a[0], a[1]) + Math.hypot(b[0], b[1]), 1e-10, alg);
                // sign flip along v_1, and the v_2 component has decayed (factor <= 0.5 per two steps, THEORY 3)
                assertTrue(a[0] * b[0] < 0, alg + ": flips sign");
                assertTrue(Math.abs(a[1]) < 1e-12 && Math.abs(b[1]) < 1e-12, alg + ": v_2 component " + a[1]);
                // theta -> 0: cos theta = |<v_1, x~>| / ||x~||
                assertEquals(1.0, Math.abs(a[0]) / Math.hypot(a[0], a[1]), 1e-15);
                // consequences in original coordinates (THEORY 3, [D])
                double pair = Math.sqrt(loss0) + Math.sqrt(loss1);
                double predicted = alg.equals("ngd") ? eta * Math.sqrt(L1 / 2) : eta * L1 / 2;
                assertEquals(predicted, pair, 1e-10 * predicted, alg + ": sqrt L pair");
                // stableness of a quadratic: S_L(x_t, eta_t) = eta_t lambda_1 (H constant), so 1/S_t + 1/S_t+1 = 1
                assertEquals(1.0, 1 / (eta0 * L1) + 1 / (eta1 * L1), 1e-9, alg + ": inverse stableness pair");
            }
        }
    }

    @Test
    void oneDimensionalClosedForm() {
        // D = 1: x~ <- x~ - lambda sign(x~); from |x~_0| = 5.3 lambda... here lambda = 2, x~_0 = 5.3:
        // 5.3 -> 3.3 -> 1.3 -> -0.7 -> 1.3 -> ..., C = (5.3 mod 2)/2 = 0.65
        double lambda = 2, eta = 0.1;
        DiagonalQuadratic q = new DiagonalQuadratic(lambda);
        double[] expected = {5.3, 3.3, 1.3, -0.7, 1.3, -0.7, 1.3};
        for (String alg : new String[] {"ngd", "sqrt"}) {
            double scale = alg.equals("ngd") ? lambda / eta : Math.sqrt(2 * lambda) / eta; // x~ = scale x
            double[] x = {5.3 / scale};
            Optimizer o = Optimizers.create(alg, q, eta);
            for (int t = 0; t < expected.length; t++) {
                // each step subtracts exactly lambda from |x~| in exact arithmetic; rounding 1e-15 per step
                assertEquals(expected[t], scale * x[0], 1e-13, alg + " step " + t);
                o.step(x);
            }
            // far along, still the same cycle; C = 0.65 of lambda on the even member
            for (int t = 0; t < 10_001; t++) {
                o.step(x);
            }
            assertEquals(0.65 * lambda, Math.abs(scale * x[0]), 1e-9);
        }
    }
}
