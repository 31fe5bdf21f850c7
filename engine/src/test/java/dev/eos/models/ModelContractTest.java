package dev.eos.models;

import static dev.eos.models.Vec.close;
import static dev.eos.models.Vec.dot;
import static dev.eos.models.Vec.norm;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every model meets, on every case of {@link ModelCases}: analytic derivatives against finite
 * differences (THEORY 6 preamble) and against each other, and the fused / batched / cached paths against the plain
 * ones.
 *
 * <p>Finite-difference error model (central differences, float64, eps = 2.2e-16), with derivative sizes C of order
 * 1-100 at our test points: a first difference with step h errs by h^2/6 C + eps |f| / h, about 1e-9 at h = 1e-5;
 * the second difference (grad(x+hv) - 2 grad(x) + grad(x-hv))/h^2 errs by h^2/12 C + 4 eps |grad| / h^2, about 4e-8
 * |grad| at h = 1e-4. Observed: first differences 1e-12 to 1e-10 relative, second differences 1e-9 to 1e-8. The
 * tolerances (1e-8 and 1e-6 relative to the sizes involved) sit 10-100x above these and far below any real error (a
 * wrong sign or factor of one term gives relative errors of order 1). Paths that compute the same quantity
 * by differently ordered sums agree to a few hundred ulps: 1e-12 relative.
 */
class ModelContractTest {

    static List<ModelCases.Case> cases() {
        return ModelCases.all();
    }

    static double[] unit(double[] v) {
        double n = norm(v);
        double[] u = v.clone();
        for (int i = 0; i < u.length; i++) {
            u[i] /= n;
        }
        return u;
    }

    static double[] grad(Evaluator ev, double[] x) {
        double[] g = new double[x.length];
        ev.lossAndGradient(x, g);
        return g;
    }

    static double[] hvp(Evaluator ev, double[] x, double[] v) {
        double[] h = new double[x.length];
        ev.hvp(x, v, h);
        return h;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void lossAndGradientAgreeWithLoss(ModelCases.Case c) {
        Evaluator ev = c.model().evaluator();
        double[] g = new double[c.x().length];
        double l = ev.lossAndGradient(c.x(), g);
        close(ev.loss(c.x()), l, 1e-13, 1 + Math.abs(l), "loss vs lossAndGradient");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientMatchesCentralDifferences(ModelCases.Case c) {
        Evaluator ev = c.model().evaluator();
        double[] x = c.x();
        double[] g = grad(ev, x);
        double h = 1e-5;
        double scale = 1 + Math.abs(ev.loss(x)) + norm(g);
        for (int i = 0; i < x.length; i++) {
            double[] e = new double[x.length];
            e[i] = 1;
            double fd = (ev.loss(Vec.axpy(h, e, x)) - ev.loss(Vec.axpy(-h, e, x))) / (2 * h);
            close(fd, g[i], 1e-8, scale, "d L / d x_" + i);
        }
        for (long s = 0; s < 3; s++) {
            double[] u = unit(ModelCases.gaussian(x.length, 1, 100 + s));
            double fd = (ev.loss(Vec.axpy(h, u, x)) - ev.loss(Vec.axpy(-h, u, x))) / (2 * h);
            close(fd, dot(g, u), 1e-8, scale, "directional derivative " + s);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hvpMatchesGradientDifferences(ModelCases.Case c) {
        Evaluator ev = c.model().evaluator();
        double[] x = c.x();
        double h = 1e-5;
        for (long s = 0; s < 3; s++) {
            double[] v = unit(ModelCases.gaussian(x.length, 1, 200 + s));
            double[] hv = hvp(ev, x, v);
            double[] gp = grad(ev, Vec.axpy(h, v, x));
            double[] gm = grad(ev, Vec.axpy(-h, v, x));
            double[] fd = new double[x.length];
            for (int i = 0; i < fd.length; i++) {
                fd[i] = (gp[i] - gm[i]) / (2 * h);
            }
            close(fd, hv, 1e-8, 1 + norm(hv) + norm(grad(ev, x)), "H v vs gradient differences");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void denseHessianMatchesGradientDifferencesAndHvp(ModelCases.Case c) {
        Model m = c.model();
        Evaluator ev = m.evaluator();
        double[] x = c.x();
        int n = x.length;
        double[] hd = m.denseHessian(x);
        double h = 1e-5;
        double gn = norm(grad(ev, x));
        double hn = norm(hd);
        for (int j = 0; j < n; j++) {
            double[] e = new double[n];
            e[j] = 1;
            double[] gp = grad(ev, Vec.axpy(h, e, x));
            double[] gm = grad(ev, Vec.axpy(-h, e, x));
            for (int i = 0; i < n; i++) {
                close((gp[i] - gm[i]) / (2 * h), hd[i * n + j], 1e-8, 1 + hn + gn, "H[" + i + "][" + j + "]");
            }
        }
        double[] v = ModelCases.gaussian(n, 1, 300);
        double[] hv = hvp(ev, x, v);
        double[] dense = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                dense[i] += hd[i * n + j] * v[j];
            }
        }
        close(dense, hv, 1e-12, 1 + hn * norm(v), "H v vs dense H times v");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hessianIsSymmetric(ModelCases.Case c) {
        Evaluator ev = c.model().evaluator();
        double[] x = c.x();
        double[] u = ModelCases.gaussian(x.length, 1, 400);
        double[] v = ModelCases.gaussian(x.length, 1, 401);
        double uhv = dot(u, hvp(ev, x, v));
        double vhu = dot(v, hvp(ev, x, u));
        close(uhv, vhu, 1e-12, 1 + norm(hvp(ev, x, u)) * norm(v), "u^T H v vs v^T H u");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void curvatureGradientMatchesSecondDifference(ModelCases.Case c) {
        Evaluator ev = c.model().evaluator();
        double[] x = c.x();
        double h = 1e-4;
        for (long s = 0; s < 2; s++) {
            double[] v = unit(ModelCases.gaussian(x.length, 1, 500 + s));
            double[] out = new double[x.length];
            ev.curvatureGradient(x, v, out);
            double[] gp = grad(ev, Vec.axpy(h, v, x));
            double[] g0 = grad(ev, x);
            double[] gm = grad(ev, Vec.axpy(-h, v, x));
            double[] fd = new double[x.length];
            for (int i = 0; i < fd.length; i++) {
                fd[i] = (gp[i] - 2 * g0[i] + gm[i]) / (h * h);
            }
            close(fd, out, 1e-6, 1 + norm(out) + norm(g0), "D^3 L[v, v, .] vs second difference");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fusedAndBatchedPathsAgreeWithSingleCalls(ModelCases.Case c) {
        Evaluator ev = c.model().evaluator();
        double[] x = c.x();
        int n = x.length;
        double[] v = ModelCases.gaussian(n, 1, 600);
        double[] g = grad(ev, x);
        double[] hv = hvp(ev, x, v);
        double scale = 1 + norm(hv) + norm(g);
        double[] g2 = new double[n];
        double[] hv2 = new double[n];
        double l = ev.gradientAndHvp(x, v, g2, hv2);
        close(ev.loss(x), l, 1e-13, 1 + Math.abs(l), "gradientAndHvp loss");
        close(g, g2, 1e-12, scale, "gradientAndHvp gradient");
        close(hv, hv2, 1e-12, scale, "gradientAndHvp H v");
        for (int k : new int[] {1, 3, 20}) {
            double[] vs = ModelCases.gaussian(k * n, 1, 700 + k);
            double[] batch = new double[k * n];
            ev.hvpBatch(x, vs, k, batch);
            SymmetricOperator op = ev.hessianAt(x);
            assertEquals(n, op.dim());
            double[] viaView = new double[k * n];
            op.applyBatch(vs, k, viaView);
            for (int j = 0; j < k; j++) {
                double[] vj = java.util.Arrays.copyOfRange(vs, j * n, j * n + n);
                double[] single = hvp(ev, x, vj);
                double sc = 1 + norm(single) + norm(vj) * norm(hv);
                close(single, java.util.Arrays.copyOfRange(batch, j * n, j * n + n), 1e-12, sc, "batch k=" + k
                        + " vector " + j);
                close(single, java.util.Arrays.copyOfRange(viaView, j * n, j * n + n), 1e-12, sc, "view batch k="
                        + k + " vector " + j);
                double[] one = new double[n];
                op.apply(vj, one);
                close(single, one, 1e-12, sc, "hessianAt(x).apply");
            }
        }
        assertSame(c.model(), ev.model());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluationIsDeterministic(ModelCases.Case c) {
        Evaluator a = c.model().evaluator();
        Evaluator b = c.model().evaluator();
        double[] x = c.x();
        double[] v = ModelCases.gaussian(x.length, 1, 800);
        double[] ga = new double[x.length], gb = new double[x.length];
        double[] ha = new double[x.length], hb = new double[x.length];
        assertEquals(Double.doubleToLongBits(a.gradientAndHvp(x, v, ga, ha)),
                Double.doubleToLongBits(b.gradientAndHvp(x, v, gb, hb)));
        assertArrayEquals(ga, gb, 0.0);
        assertArrayEquals(ha, hb, 0.0);
        // a second call on the same workspace gives the same bits (no state leaks between calls)
        a.curvatureGradient(x, v, hb);
        a.gradientAndHvp(x, v, gb, hb);
        assertArrayEquals(ga, gb, 0.0);
        assertArrayEquals(ha, hb, 0.0);
    }
}
