package dev.eos.geometry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.models.SeparableToy;
import dev.eos.optim.Optimizer;
import dev.eos.optim.Optimizers;
import org.junit.jupiter.api.Test;

/**
 * THEORY 4.5 and 4.6 #9: in Phase II the two-step change of Phi is -(eta^2/2) P_T grad log lambda_1 (NGD) or
 * -(eta^2/4) P_T grad lambda_1 (sqrt) up to O(eta^3); that is 2 eta^2 times the limiting-flow velocity. Checked on
 * toy2d with the engine's optimizer, Phi and flow field, from aligned starts (THEORY 4.3, "Measuring rates cleanly").
 */
class DriftTest {

    private static final SeparableToy TOY = SeparableToy.toy2d();

    /** max over a window of |Phi(x_{t+2}) - Phi(x_t) - 2 eta^2 f(Phi(x_t))| with the flow of constant c. */
    static double[] driftResidual(String alg, double eta, double constant) {
        LimitingFlow flow = new LimitingFlow(TOY, LimitingFlow.Kind.of(alg), constant,
                LimitingFlow.Options.defaults());
        Phi phi = new Phi(TOY);
        Optimizer opt = Optimizers.create(alg, TOY, eta);
        // aligned start in the 2-cycle: Phi_0 + 0.3 s v_1, s = eta (NGD) or eta sqrt(lambda_1/2) (sqrt)
        double lambda = TOY.a1(1.0);
        double s = alg.equals("ngd") ? eta : eta * Math.sqrt(lambda / 2);
        double[] x = {1.0, 0.3 * s};
        int window = 40;
        double[][] phis = new double[window + 3][2];
        for (int t = 0; t < window + 3; t++) {
            phi.apply(x, phis[t]);
            opt.step(x);
        }
        double worst = 0, drift = 0;
        double[] vel = new double[2];
        for (int t = 0; t < window; t++) {
            flow.velocity(phis[t], vel);
            double predicted = 2 * eta * eta * vel[0];
            double actual = phis[t + 2][0] - phis[t][0];
            worst = Math.max(worst, Math.abs(actual - predicted));
            drift = Math.max(drift, Math.abs(predicted));
            // Phi stays on Gamma exactly (closed form)
            assertTrue(phis[t][1] == 0.0);
        }
        return new double[] {worst, drift};
    }

    @Test
    void twoStepDriftOfPhiMatchesTheFlowToThirdOrder() {
        for (String alg : new String[] {"ngd", "sqrt"}) {
            double constant = LimitingFlow.Kind.of(alg).constant();
            double[] etas = {0.04, 0.02, 0.01};
            double[] res = new double[etas.length];
            for (int i = 0; i < etas.length; i++) {
                double[] r = driftResidual(alg, etas[i], constant);
                res[i] = r[0];
                // the drift itself is Theta(eta^2) and the residual is a vanishing fraction of it
                assertTrue(r[0] < 0.2 * r[1], alg + " eta " + etas[i] + ": residual " + r[0] + " vs drift " + r[1]);
            }
            // O(eta^3): halving eta divides the residual by ~8; accept an observed order >= 2.6
            for (int i = 0; i + 1 < etas.length; i++) {
                double order = Math.log(res[i] / res[i + 1]) / Math.log(2);
                assertTrue(order > 2.6, alg + ": residual order " + order + " between eta " + etas[i] + " and "
                        + etas[i + 1] + " (" + res[i] + ", " + res[i + 1] + ")");
            }
            // a wrong constant (twice the right one) leaves an O(eta^2) residual, far above the right one's
            double wrong = driftResidual(alg, 0.01, 2 * constant)[0];
            assertTrue(wrong > 20 * res[2], alg + ": wrong constant residual " + wrong + " vs " + res[2]);
        }
    }
}
