package dev.eos.geometry;

import static dev.eos.ode.DormandPrince.*;

/**
 * One adaptive Dormand-Prince 5(4) step of the limiting flow dy/dtau = f(y) ({@link FlowField}), whose solution stays on a manifold
 * (the limiting flow on Gamma, THEORY 4.2-4.3, 4.6): the fifth-order point is projected back onto the manifold, and
 * the field at the projected point is both the last stage of the embedded error estimate and the first stage of the
 * next step (FSAL up to the projection, which moves the point by the local error, O(h^6) of the estimate).
 *
 * <p>Error norm e = ||err|| / (tol max(1, ||y||)) with err = h sum_i E_i k_i the difference of the embedded 5th- and
 * 4th-order solutions; a step is accepted when e &le; 1, and the next step is h min(5, max(0.2, 0.9 e^{-1/5}))
 * (no growth right after a rejection). A workspace: allocation-free after construction.
 */
final class FlowStepper {

    private final int n;
    private final double[] k2, k3, k4, k5, k6, stage;
    /** The projected candidate point and the field there (valid after {@link #attempt}). */
    final double[] candidate, kNew;
    /** The next step to try, whether the last attempt was rejected, and the rejections so far (checkpointed). */
    double hNext = Double.NaN;
    boolean rejectedLast;
    long rejected;

    FlowStepper(int n) {
        this.n = n;
        k2 = new double[n];
        k3 = new double[n];
        k4 = new double[n];
        k5 = new double[n];
        k6 = new double[n];
        stage = new double[n];
        candidate = new double[n];
        kNew = new double[n];
    }

    /**
     * One attempt of size h from y (on the manifold) with k1 = f(y): writes the projected fifth-order point into
     * {@link #candidate} and f there into {@link #kNew}, and returns the error norm e (accept when e &le; 1).
     */
    double attempt(FlowField f, java.util.function.Consumer<double[]> project, double[] y, double[] k1, double h,
                   double tol) {
        for (int i = 0; i < n; i++) {
            stage[i] = y[i] + h * A21 * k1[i];
        }
        f.at(stage, k2);
        for (int i = 0; i < n; i++) {
            stage[i] = y[i] + h * (A31 * k1[i] + A32 * k2[i]);
        }
        f.at(stage, k3);
        for (int i = 0; i < n; i++) {
            stage[i] = y[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
        }
        f.at(stage, k4);
        for (int i = 0; i < n; i++) {
            stage[i] = y[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
        }
        f.at(stage, k5);
        for (int i = 0; i < n; i++) {
            stage[i] = y[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
        }
        f.at(stage, k6);
        for (int i = 0; i < n; i++) {
            candidate[i] = y[i] + h * (B1 * k1[i] + B3 * k3[i] + B4 * k4[i] + B5 * k5[i] + B6 * k6[i]);
        }
        project.accept(candidate);
        f.atPoint(candidate, kNew); // its readings stay in f until the next point

        double err = 0;
        double ny = 0;
        for (int i = 0; i < n; i++) {
            double e = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * kNew[i]);
            err += e * e;
            ny += y[i] * y[i];
        }
        double e = Math.sqrt(err) / (tol * Math.max(1, Math.sqrt(ny)));
        return Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
    }

    /**
     * Attempts steps from (y, k1) at time tau towards target until one is accepted (the last one shortened to land on
     * target, which does not shrink the next proposal); returns its size, the point and field in {@link #candidate}
     * and {@link #kNew}.
     */
    double advance(FlowField f, java.util.function.Consumer<double[]> project, double[] y, double[] k1, double tau,
                   double target, double tol) {
        while (true) {
            double left = target - tau;
            boolean landing = hNext >= left;
            double h = landing ? left : hNext;
            double e = attempt(f, project, y, k1, h, tol);
            if (e <= 1) {
                double nextH = next(h, e, rejectedLast);
                hNext = landing ? Math.max(hNext, nextH) : nextH;
                rejectedLast = false;
                return h;
            }
            rejected++;
            rejectedLast = true;
            hNext = next(h, e, true);
            if (!(hNext > Math.ulp(Math.max(1, Math.abs(tau))) * 16)) {
                throw new IllegalStateException("limiting flow: the adaptive step underflowed at tau = " + tau);
            }
        }
    }

    /** The next step size after an attempt of size h with error norm e (capped growth after a rejection). */
    static double next(double h, double e, boolean afterRejection) {
        double grow = e == 0 ? 5 : Math.min(5, Math.max(0.2, 0.9 * Math.pow(e, -0.2)));
        if (!Double.isFinite(e)) {
            grow = 0.2;
        }
        return h * (afterRejection ? Math.min(grow, 1) : grow);
    }
}
