package dev.eos.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.models.Quadratic;
import dev.eos.models.Models;
import org.junit.jupiter.api.Test;

/**
 * THEORY 3 on the engine's Quadratic in a random eigenbasis (A = Q diag(1, 0.4, 0.1) Q^T): NGD and GD on sqrt(L)
 * reach the period-2 orbit with ||x~_2t|| + ||x~_2t+1|| = lambda_1 and x~ aligned with v_1.
 */
class QuadraticModelTest {

    @Test
    void periodTwoLimitInARotatedBasis() {
        Quadratic q = Quadratic.withSpectrum(new double[] {1.0, 0.4, 0.1}, 3);
        int d = q.dim();
        double[] a = q.matrix();
        double eta = 0.01;
        for (String alg : new String[] {"ngd", "sqrt"}) {
            Optimizer o = Optimizers.create(alg, q, eta);
            double[] x = Models.randomStart(q, 4, 0.3);
            for (int t = 0; t < 6000; t++) {
                o.step(x);
            }
            // x~ = A x / eta (NGD) or (2A)^{1/2} x / eta (sqrt); both norms follow from x^T A x and |A x|:
            // ||A x|| for NGD, sqrt(2 x^T A x) for sqrt
            double n0 = transformedNorm(alg, a, x, d, eta);
            double[] ax0 = mul(a, x, d);
            o.step(x);
            double n1 = transformedNorm(alg, a, x, d, eta);
            double[] ax1 = mul(a, x, d);
            assertEquals(1.0, n0 + n1, 1e-9, alg + ": pair sum = lambda_1");
            // aligned and flipping: A x_t and A x_t+1 are anti-parallel (both along v_1)
            double cos = dot(ax0, ax1) / Math.sqrt(dot(ax0, ax0) * dot(ax1, ax1));
            assertEquals(-1.0, cos, 1e-12, alg + ": anti-aligned consecutive iterates");
        }
    }

    private static double transformedNorm(String alg, double[] a, double[] x, int d, double eta) {
        double[] ax = mul(a, x, d);
        return alg.equals("ngd") ? Math.sqrt(dot(ax, ax)) / eta : Math.sqrt(2 * dot(x, ax)) / eta;
    }

    private static double[] mul(double[] a, double[] x, int d) {
        double[] y = new double[d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                y[i] += a[i * d + j] * x[j];
            }
        }
        return y;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
