package dev.eos.models;

/**
 * The separable toy family of THEORY 6.4, L(x, y) = 1/2 sum_j a_j(x) y_j^2 with one manifold coordinate x and M
 * normal coordinates y_j, where a_1(x) = alpha_1 + beta_1 x^2 and a_j = alpha_j is constant for j &ge; 2.
 * Gamma = {y = 0}; on it H = diag(0, a_j(x)), so lambda_1 = a_1(x) when a_1 &gt; a_j, v_1 = e_{y_1}, P_T = e_x e_x^T.
 *
 * <ul>
 *   <li>{@link #toy2d()}: the paper's Figure-1 loss (1 + x^2) y^2 (alpha_1 = beta_1 = 2), parameters (x, y).</li>
 *   <li>{@link #toy3d()}: (1 + x^2) y_1^2 + 0.3 y_2^2, the alignment toy (a_2 = 0.6), parameters (x, y1, y2).</li>
 * </ul>
 * Phi and both limiting flows are known in closed form (see {@link #phi}, {@link #ngdFlow}, {@link #sqrtFlow}).
 */
public final class SeparableToy implements Model, ClosedFormGeometry {

    private final String name;
    private final double alpha1;
    private final double beta1;
    /** a_j for j = 2..M (constants). */
    private final double[] others;

    /**
     * @param alpha1 a_1(0) &gt; 0
     * @param beta1  the curvature of a_1 in x (&ge; 0)
     * @param others the constant a_j, j &ge; 2 (each &gt; 0 and &lt; alpha1, so lambda_1 = a_1 is simple on Gamma)
     */
    public SeparableToy(String name, double alpha1, double beta1, double... others) {
        if (!(alpha1 > 0) || !(beta1 >= 0)) {
            throw new IllegalArgumentException("toy: need alpha1 > 0 and beta1 >= 0, got alpha1 = " + alpha1
                    + ", beta1 = " + beta1);
        }
        for (double a : others) {
            if (!(a > 0 && a < alpha1)) {
                throw new IllegalArgumentException("toy: each constant a_j must lie in (0, alpha1 = " + alpha1
                        + ") so that lambda_1 is simple, got " + a);
            }
        }
        this.name = name;
        this.alpha1 = alpha1;
        this.beta1 = beta1;
        this.others = others.clone();
    }

    /** L(x, y) = (1 + x^2) y^2, the paper's Figure-1 loss. */
    public static SeparableToy toy2d() {
        return new SeparableToy("toy2d", 2, 2);
    }

    /** L(x, y1, y2) = (1 + x^2) y1^2 + 0.3 y2^2, the alignment toy. */
    public static SeparableToy toy3d() {
        return new SeparableToy("toy3d", 2, 2, 0.6);
    }

    /** The documented default start: (1, 0.05) for toy2d, (1, 0.05, 0.03) for toy3d. */
    public double[] defaultStart() {
        double[] x = new double[dim()];
        x[0] = 1;
        x[1] = 0.05;
        if (dim() > 2) {
            x[2] = 0.03;
        }
        return x;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dim() {
        return 2 + others.length;
    }

    @Override
    public double minLoss() {
        return 0;
    }

    @Override
    public int normalRank() {
        return 1 + others.length;
    }

    @Override
    public String layout() {
        return dim() == 2 ? "(x, y)" : "(x, y1, ..., y" + (dim() - 1) + ")";
    }

    @Override
    public String describe() {
        StringBuilder s = new StringBuilder(name).append(": 1/2 [(").append(alpha1).append(" + ").append(beta1)
                .append(" x^2) y1^2");
        for (int j = 0; j < others.length; j++) {
            s.append(" + ").append(others[j]).append(" y").append(j + 2).append("^2");
        }
        return s.append("]").toString();
    }

    /** a_1(x) = lambda_1 on Gamma. */
    public double a1(double x) {
        return alpha1 + beta1 * x * x;
    }

    /** Sharpness at the point (x, 0) of Gamma: lambda_1 = a_1(x). */
    public double sharpnessOnGamma(double x) {
        return a1(x);
    }

    @Override
    public Evaluator evaluator() {
        return new Eval();
    }

    // ---------------------------------------------------------------- closed forms (THEORY 6.4)

    /**
     * Phi(x, y) = (sign(x) z, 0, ..., 0), where z solves the gradient-flow invariant
     * alpha ln z + beta z^2 / 2 = alpha ln|x| + beta (x^2 - y_1^2) / 2 (the y_j, j &ge; 2, do not move x).
     */
    @Override
    public void phi(double[] p, double[] out) {
        double x = p[0];
        java.util.Arrays.fill(out, 0, dim(), 0.0);
        if (x == 0) {
            return;
        }
        double y = p[1];
        double ax = Math.abs(x);
        // in u = ln z: g(u) = alpha u + beta e^{2u}/2 - c, increasing and convex
        double c = alpha1 * Math.log(ax) + beta1 * (x * x - y * y) / 2;
        out[0] = Math.copySign(Math.exp(solveLogInvariant(c)), x);
    }

    /** Solves alpha u + beta e^{2u} / 2 = c for u by safeguarded Newton (the left side is increasing in u). */
    private double solveLogInvariant(double c) {
        if (beta1 == 0) {
            return c / alpha1;
        }
        // bracket: g(lo) < 0 < g(hi)
        double lo = Math.min(c / alpha1, 0.5 * Math.log(Math.max(2 * c / beta1, 1e-300))) - 1;
        double hi = Math.max(c / alpha1, 0.5 * Math.log(Math.max(2 * Math.abs(c) / beta1, 1))) + 1;
        while (g(lo, c) > 0) {
            lo -= 2 * (hi - lo);
        }
        while (g(hi, c) < 0) {
            hi += 2 * (hi - lo);
        }
        double u = 0.5 * (lo + hi);
        for (int it = 0; it < 200; it++) {
            double gu = g(u, c);
            if (gu > 0) {
                hi = u;
            } else {
                lo = u;
            }
            double next = u - gu / (alpha1 + beta1 * Math.exp(2 * u));
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (Math.abs(next - u) <= 1e-16 * Math.max(1, Math.abs(u))) {
                return next;
            }
            u = next;
        }
        return u;
    }

    private double g(double u, double c) {
        return alpha1 * u + beta1 * Math.exp(2 * u) / 2 - c;
    }

    @Override
    public void tangentProject(double[] p, double[] v, double[] out) {
        java.util.Arrays.fill(out, 0, dim(), 0.0);
        out[0] = v[0];
    }

    /**
     * X(tau) of the NGD limiting flow dX/dtau = -1/4 d/dX log a_1(X) from X0 (THEORY 6.4):
     * alpha ln X + beta X^2 / 2 = alpha ln X0 + beta X0^2 / 2 - beta tau / 2.
     */
    public double ngdFlow(double x0, double tau) {
        if (x0 == 0) {
            return 0;
        }
        double a = Math.abs(x0);
        double c = alpha1 * Math.log(a) + beta1 * a * a / 2 - beta1 * tau / 2;
        return Math.copySign(Math.exp(solveLogInvariant(c)), x0);
    }

    /** X(tau) of the GD-on-sqrt(L) limiting flow dX/dtau = -1/8 d/dX a_1(X): X = X0 exp(-beta tau / 4). */
    public double sqrtFlow(double x0, double tau) {
        return x0 * Math.exp(-beta1 * tau / 4);
    }

    // ---------------------------------------------------------------- evaluation

    /** Stateless apart from its operator view: the toy needs no buffers. */
    private final class Eval implements Evaluator {
        private final double[] at = new double[dim()];
        private final SymmetricOperator view = new SymmetricOperator() {
            @Override
            public int dim() {
                return SeparableToy.this.dim();
            }

            @Override
            public void apply(double[] v, double[] out) {
                hvp(at, v, out);
            }

            @Override
            public void applyBatch(double[] v, int k, double[] out) {
                hvpBatch(at, v, k, out);
            }
        };

        @Override
        public Model model() {
            return SeparableToy.this;
        }

        @Override
        public double loss(double[] p) {
            double x = p[0], y = p[1];
            double s = a1(x) * y * y;
            for (int j = 0; j < others.length; j++) {
                s += others[j] * p[2 + j] * p[2 + j];
            }
            return 0.5 * s;
        }

        @Override
        public double lossAndGradient(double[] p, double[] g) {
            double x = p[0], y = p[1];
            g[0] = beta1 * x * y * y;
            g[1] = a1(x) * y;
            for (int j = 0; j < others.length; j++) {
                g[2 + j] = others[j] * p[2 + j];
            }
            return loss(p);
        }

        @Override
        public void hvp(double[] p, double[] v, double[] hv) {
            double x = p[0], y = p[1];
            // H_xx = beta y^2, H_xy1 = 2 beta x y, H_y1y1 = a_1(x), H_yjyj = a_j
            hv[0] = beta1 * y * y * v[0] + 2 * beta1 * x * y * v[1];
            hv[1] = 2 * beta1 * x * y * v[0] + a1(x) * v[1];
            for (int j = 0; j < others.length; j++) {
                hv[2 + j] = others[j] * v[2 + j];
            }
        }

        @Override
        public double gradientAndHvp(double[] p, double[] v, double[] g, double[] hv) {
            hvp(p, v, hv);
            return lossAndGradient(p, g);
        }

        @Override
        public void hvpBatch(double[] p, double[] v, int k, double[] hv) {
            int d = dim();
            double x = p[0], y = p[1];
            double hxx = beta1 * y * y, hxy = 2 * beta1 * x * y, hyy = a1(x);
            for (int b = 0; b < k; b++) {
                int o = b * d;
                hv[o] = hxx * v[o] + hxy * v[o + 1];
                hv[o + 1] = hxy * v[o] + hyy * v[o + 1];
                for (int j = 0; j < others.length; j++) {
                    hv[o + 2 + j] = others[j] * v[o + 2 + j];
                }
            }
        }

        @Override
        public void curvatureGradient(double[] p, double[] v, double[] out) {
            // q = beta y^2 v_x^2 + 4 beta x y v_x v_y + (alpha + beta x^2) v_y^2 + sum_j a_j v_yj^2
            double x = p[0], y = p[1], vx = v[0], vy = v[1];
            out[0] = 4 * beta1 * y * vx * vy + 2 * beta1 * x * vy * vy;
            out[1] = 2 * beta1 * y * vx * vx + 4 * beta1 * x * vx * vy;
            for (int j = 0; j < others.length; j++) {
                out[2 + j] = 0;
            }
        }

        @Override
        public SymmetricOperator hessianAt(double[] p) {
            System.arraycopy(p, 0, at, 0, at.length);
            return view;
        }
    }
}
