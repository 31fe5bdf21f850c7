package dev.eos.models;

/**
 * Closed-form Phi and P_T of matrix sensing with one measurement whose symmetric part is diagonal,
 * L(U) = 1/2 (&lt;S, U U^T&gt; - y)^2 with S = diag(s_1, ..., s_d) and U of shape d x k (THEORY 6.2 (ii); the ellipse
 * is d = 2, k = 1, S = diag(1, a)).
 *
 * <p>Gradient flow: grad L = 2 r S U with r = &lt;S, U U^T&gt; - y, so U(t) = exp(-theta(t) S) U_0 with
 * theta(t) = int_0^t 2 r: row j of U is scaled by e^{-s_j theta} (on the ellipse this keeps |u_2| / |u_1|^a
 * constant). Along the flow r(theta) = f(theta) - y with f(theta) = sum_j s_j w_j e^{-2 s_j theta},
 * w_j = ||row j of U_0||^2, and dtheta/dt = 2 r. f is strictly decreasing (f' = -2 sum_j s_j^2 w_j e^{-2 s_j theta}),
 * so theta moves monotonically to the root theta* of f(theta) = y and Phi(U_0) = exp(-theta* S) U_0 (on Gamma). When
 * f has no root on that side (y &lt;= 0 with no negative s_j, or y &gt;= 0 with no positive s_j carrying mass) theta
 * runs to +-infinity and the rows with s_j != 0 vanish: Phi is then that critical point off Gamma. When f' = 0 (every
 * row with s_j != 0 is zero) U_0 is stationary.
 *
 * <p>Gamma = {&lt;S, U U^T&gt; = y} is a hypersurface with normal n = S U, so P_T v = v - (&lt;n, v&gt; / ||n||^2) n.
 */
final class SingleMeasurementGeometry implements ClosedFormGeometry {

    private final int d;
    private final int k;
    private final double[] s;
    private final double y;

    /**
     * @param diagonal s_1 .. s_d, the diagonal of S (copied)
     * @param k        columns of U
     * @param y        the observation
     */
    SingleMeasurementGeometry(double[] diagonal, int k, double y) {
        this.d = diagonal.length;
        this.k = k;
        this.s = diagonal.clone();
        this.y = y;
    }

    /** g(theta) = f(theta) - y (rows without mass are skipped: 0 * e^{...} must not become NaN). */
    private double g(double[] u, double theta) {
        double f = 0;
        for (int j = 0; j < d; j++) {
            double w = rowNorm2(u, j);
            if (s[j] != 0 && w > 0) {
                f += s[j] * w * Math.exp(-2 * s[j] * theta);
            }
        }
        return f - y;
    }

    /** g'(theta) = f'(theta) = -2 sum_j s_j^2 w_j e^{-2 s_j theta}. */
    private double slope(double[] u, double theta) {
        double f = 0;
        for (int j = 0; j < d; j++) {
            double w = rowNorm2(u, j);
            if (s[j] != 0 && w > 0) {
                f -= 2 * s[j] * s[j] * w * Math.exp(-2 * s[j] * theta);
            }
        }
        return f;
    }

    private double rowNorm2(double[] u, int j) {
        double w = 0;
        for (int c = 0; c < k; c++) {
            double v = u[j * k + c];
            w += v * v;
        }
        return w;
    }

    @Override
    public void phi(double[] u, double[] out) {
        double g0 = g(u, 0);
        double theta;
        if (g0 == 0 || slope(u, 0) == 0) {
            theta = 0; // on Gamma, or stationary
        } else {
            theta = root(u, g0);
        }
        for (int j = 0; j < d; j++) {
            double scale = s[j] == 0 ? 1 : Double.isInfinite(theta) ? 0 : Math.exp(-s[j] * theta);
            for (int c = 0; c < k; c++) {
                out[j * k + c] = u[j * k + c] * scale;
            }
        }
    }

    /**
     * The root theta* of g(theta) = f(theta) - y on the side g0 = g(0) points to (g decreases: theta* &gt; 0 when
     * g0 &gt; 0), or +-infinity when there is none; bracketed by doubling, then safeguarded Newton.
     */
    private double root(double[] u, double g0) {
        double dir = g0 > 0 ? 1 : -1;
        double smax = 0;
        for (int j = 0; j < d; j++) {
            if (rowNorm2(u, j) > 0) {
                smax = Math.max(smax, Math.abs(s[j]));
            }
        }
        // bracket [near, far] in |theta|: sign of g at near = sign g0, at far the opposite (or 0)
        double near = 0;
        double far = 0.5 / smax;
        int doublings = 0;
        while (Math.signum(g(u, dir * far)) == Math.signum(g0)) {
            near = far;
            far *= 2;
            if (++doublings > 2100) {
                return dir * Double.POSITIVE_INFINITY; // no root: theta runs away
            }
        }
        double lo = dir > 0 ? near : -far; // g(lo) > 0 > g(hi)
        double hi = dir > 0 ? far : -near;
        double t = 0.5 * (lo + hi);
        double tol = 4e-16 * Math.max(Math.max(Math.abs(lo), Math.abs(hi)), 1 / smax);
        for (int it = 0; it < 400; it++) {
            double gt = g(u, t);
            if (gt == 0) {
                return t;
            }
            if (gt > 0) {
                lo = t;
            } else {
                hi = t;
            }
            double next = t - gt / slope(u, t); // NaN when g or g' overflowed: bisect
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (Math.abs(next - t) <= tol || hi - lo <= tol) {
                return next;
            }
            t = next;
        }
        return t;
    }

    @Override
    public void tangentProject(double[] p, double[] v, double[] out) {
        double nv = 0;
        double nn = 0;
        for (int j = 0; j < d; j++) {
            for (int c = 0; c < k; c++) {
                double n = s[j] * p[j * k + c];
                nv += n * v[j * k + c];
                nn += n * n;
            }
        }
        double a = nn > 0 ? nv / nn : 0;
        for (int j = 0; j < d; j++) {
            for (int c = 0; c < k; c++) {
                out[j * k + c] = v[j * k + c] - a * s[j] * p[j * k + c];
            }
        }
    }
}
