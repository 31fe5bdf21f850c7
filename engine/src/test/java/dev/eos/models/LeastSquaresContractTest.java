package dev.eos.models;

import static dev.eos.models.Vec.close;
import static dev.eos.models.Vec.dot;
import static dev.eos.models.Vec.norm;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The least-squares structure L = c/2 ||F(x) - y||^2 (+ a constant) of the deep linear, factorization and sensing
 * models (THEORY 1, implementation note): residual consistent with the loss, J v against finite differences of F,
 * adjointness, and H = c J^T J on Gamma. Tolerances as in {@link ModelContractTest}.
 */
class LeastSquaresContractTest {

    static List<ModelCases.Case> cases() {
        return ModelCases.leastSquares();
    }

    static LeastSquaresEvaluator ev(ModelCases.Case c) {
        return (LeastSquaresEvaluator) c.model().evaluator();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void residualGivesTheLoss(ModelCases.Case c) {
        LeastSquaresEvaluator ev = ev(c);
        double[] r = new double[ev.outputDim()];
        ev.residual(c.x(), r);
        double constant = c.model() instanceof DeepLinear dl ? dl.dataLoss() : 0;
        double l = ev.loss(c.x());
        close(l, ev.scale() / 2 * dot(r, r) + constant, 1e-13, 1 + l, "c/2 ||r||^2 vs loss");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void jvpMatchesDifferencesOfF(ModelCases.Case c) {
        LeastSquaresEvaluator ev = ev(c);
        double[] x = c.x();
        int p = ev.outputDim();
        double h = 1e-5;
        double[] v = ModelContractTest.unit(ModelCases.gaussian(x.length, 1, 900));
        double[] jv = new double[p];
        ev.jvp(x, v, jv);
        double[] rp = new double[p], rm = new double[p];
        ev.residual(Vec.axpy(h, v, x), rp);
        ev.residual(Vec.axpy(-h, v, x), rm);
        double[] fd = new double[p];
        for (int i = 0; i < p; i++) {
            fd[i] = (rp[i] - rm[i]) / (2 * h);
        }
        // F is a polynomial; the truncation error h^2/6 |D^3 F| is ~1e-10 here, rounding eps |F| / h ~ 1e-10
        close(fd, jv, 1e-7, 1 + norm(jv) + norm(rp), "J v vs differences of F");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void jvpAndVjpAreAdjoint(ModelCases.Case c) {
        LeastSquaresEvaluator ev = ev(c);
        double[] x = c.x();
        double[] v = ModelCases.gaussian(x.length, 1, 901);
        double[] w = ModelCases.gaussian(ev.outputDim(), 1, 902);
        double[] jv = new double[ev.outputDim()];
        double[] jtw = new double[x.length];
        ev.jvp(x, v, jv);
        ev.vjp(x, w, jtw);
        close(dot(jv, w), dot(v, jtw), 1e-12, 1 + norm(jv) * norm(w) + norm(v) * norm(jtw), "<Jv, w> vs <v, J^T w>");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void vjpOfResidualIsGradientOverScale(ModelCases.Case c) {
        LeastSquaresEvaluator ev = ev(c);
        double[] x = c.x();
        double[] r = new double[ev.outputDim()];
        ev.residual(x, r);
        double[] jtr = new double[x.length];
        ev.vjp(x, r, jtr);
        double[] g = ModelContractTest.grad(ev, x);
        for (int i = 0; i < jtr.length; i++) {
            jtr[i] *= ev.scale();
        }
        close(g, jtr, 1e-12, 1 + norm(g), "c J^T r vs grad L");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hessianIsScaledGaussNewtonOnGamma(ModelCases.Case c) {
        LeastSquaresEvaluator ev = ev(c);
        double[] p = c.onGamma();
        int n = p.length;
        int out = ev.outputDim();
        double[] r = new double[out];
        ev.residual(p, r);
        close(0, norm(r), 1e-12, 1 + norm(p) * norm(p), "residual on Gamma");
        // dense J (out x n) from J e_j, then c J^T J against the dense Hessian
        double[] jac = new double[out * n];
        double[] col = new double[out];
        for (int j = 0; j < n; j++) {
            double[] e = new double[n];
            e[j] = 1;
            ev.jvp(p, e, col);
            for (int i = 0; i < out; i++) {
                jac[i * n + j] = col[i];
            }
        }
        double[] h = c.model().denseHessian(p);
        double hn = norm(h);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int o = 0; o < out; o++) {
                    s += jac[o * n + i] * jac[o * n + j];
                }
                close(ev.scale() * s, h[i * n + j], 1e-12, 1 + hn, "c (J^T J)[" + i + "][" + j + "]");
            }
        }
    }
}
