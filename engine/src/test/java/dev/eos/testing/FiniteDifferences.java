package dev.eos.testing;

import dev.eos.models.Evaluator;

/** Central-difference oracles of THEORY 6 (gradient, HVP, third derivative D^3 L[v, v, .]) for model tests. */
public final class FiniteDifferences {

    private FiniteDifferences() {
    }

    /** (L(x + eps e_i) - L(x - eps e_i)) / (2 eps) for each i. */
    public static double[] gradient(Evaluator ev, double[] x, double eps) {
        int d = x.length;
        double[] g = new double[d];
        double[] p = x.clone();
        for (int i = 0; i < d; i++) {
            p[i] = x[i] + eps;
            double lp = ev.loss(p);
            p[i] = x[i] - eps;
            double lm = ev.loss(p);
            p[i] = x[i];
            g[i] = (lp - lm) / (2 * eps);
        }
        return g;
    }

    /** (grad L(x + eps v) - grad L(x - eps v)) / (2 eps). */
    public static double[] hvp(Evaluator ev, double[] x, double[] v, double eps) {
        int d = x.length;
        double[] gp = new double[d], gm = new double[d];
        ev.lossAndGradient(shift(x, v, eps), gp);
        ev.lossAndGradient(shift(x, v, -eps), gm);
        for (int i = 0; i < d; i++) {
            gp[i] = (gp[i] - gm[i]) / (2 * eps);
        }
        return gp;
    }

    /** (grad L(x + eps v) - 2 grad L(x) + grad L(x - eps v)) / eps^2 = D^3 L(x)[v, v, .] + O(eps^2). */
    public static double[] thirdDerivative(Evaluator ev, double[] x, double[] v, double eps) {
        int d = x.length;
        double[] gp = new double[d], g0 = new double[d], gm = new double[d];
        ev.lossAndGradient(shift(x, v, eps), gp);
        ev.lossAndGradient(x, g0);
        ev.lossAndGradient(shift(x, v, -eps), gm);
        for (int i = 0; i < d; i++) {
            gp[i] = (gp[i] - 2 * g0[i] + gm[i]) / (eps * eps);
        }
        return gp;
    }

    public static double[] shift(double[] x, double[] v, double t) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += t * v[i];
        }
        return y;
    }
}
