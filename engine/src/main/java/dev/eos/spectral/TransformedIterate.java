package dev.eos.spectral;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import dev.eos.models.SymmetricOperator;

/**
 * The quantities of THEORY 1 at a point x, given Phi(x) (computed by the geometry code) and the top-M eigenpairs
 * (lambda_i, v_i) of H = grad^2 L(Phi(x)) (M = Model.normalRank() when known):
 * <ul>
 *   <li>the transformed iterate, Section 4 convention (no 1/eta): x~ = H (x - Phi(x)) for normalized GD and
 *       x~ = (2H)^{1/2} (x - Phi(x)) for GD on sqrt(L);</li>
 *   <li>the angle theta in [0, pi/2] between x~ and v_1: tan theta = ||x~ - &lt;v_1, x~&gt; v_1|| / |&lt;v_1, x~&gt;|;</li>
 *   <li>R_j(x) = sqrt(sum_{i &ge; j} &lt;v_i, x~&gt;^2) - eta lambda_j for j = 1..M; the terms i &gt; M are taken as
 *       ||x~ - sum_{i &le; M} &lt;v_i, x~&gt; v_i||^2 (zero when x~ lies in range(H)), so nothing is lost when M is
 *       underestimated and nothing cancels.</li>
 * </ul>
 * "R_j &le; 0 for all j" is the invariant set of the quadratic (Lemma Q, THEORY 3); Theorem 4.3 predicts R_j &le;
 * O(eta^2). A workspace (one per thread); nothing allocates.
 */
public final class TransformedIterate {

    /** Which algorithm's transformation. */
    public enum Kind {
        /** Normalized GD: x~ = H (x - Phi). */
        NGD,
        /** GD on sqrt(L - L_min): x~ = (2H)^{1/2} (x - Phi). */
        SQRT
    }

    private final int n;
    private final Kernels k = KernelProvider.get();
    private final double[] d;
    private final double[] rest;
    private double[] coef = new double[0];

    /** A workspace for dimension n. */
    public TransformedIterate(int n) {
        this.n = n;
        this.d = new double[n];
        this.rest = new double[n];
    }

    /**
     * out := x~ from the eigenpairs at Phi: sum_i f(lambda_i) &lt;v_i, x - Phi&gt; v_i with f(lambda) = lambda (NGD) or
     * sqrt(2 lambda) (SQRT; eigenvalues below 0, at rounding level on Gamma, count as 0). Exact when the pairs span
     * range(H), i.e. M = rank H(Phi).
     */
    public void compute(Kind kind, double[] x, double[] phi, EigenResult top, double[] out) {
        check(top);
        System.arraycopy(x, 0, d, 0, n);
        k.axpy(n, -1.0, phi, 0, d, 0);
        java.util.Arrays.fill(out, 0, n, 0.0);
        double[] v = top.vectors();
        for (int i = 0; i < top.k(); i++) {
            double lambda = top.values()[i];
            double f = kind == Kind.NGD ? lambda : Math.sqrt(2 * Math.max(lambda, 0.0));
            double c = k.dot(n, v, i * n, d, 0);
            k.axpy(n, f * c, v, i * n, out, 0);
        }
    }

    /** out := x~ = H(Phi) (x - Phi) for normalized GD by one product with the Hessian at Phi (no rank needed). */
    public void ngd(SymmetricOperator hessianAtPhi, double[] x, double[] phi, double[] out) {
        System.arraycopy(x, 0, d, 0, n);
        k.axpy(n, -1.0, phi, 0, d, 0);
        hessianAtPhi.apply(d, out);
    }

    /** theta in [0, pi/2], the angle between x~ and v_1 (NaN when x~ = 0). */
    public double theta(double[] xTilde, EigenResult top) {
        check(top);
        double c = k.dot(n, top.vectors(), 0, xTilde, 0);
        System.arraycopy(xTilde, 0, rest, 0, n);
        k.axpy(n, -c, top.vectors(), 0, rest, 0);
        double perp = k.nrm2(rest);
        if (perp == 0 && c == 0) {
            return Double.NaN;
        }
        return Math.atan2(perp, Math.abs(c));
    }

    /** out[j - 1] := R_j(x) for j = 1..M (M = top.k()), at learning rate eta. */
    public void r(double[] xTilde, EigenResult top, double eta, double[] out) {
        check(top);
        int m = top.k();
        if (coef.length < m) {
            coef = new double[m];
        }
        double[] v = top.vectors();
        System.arraycopy(xTilde, 0, rest, 0, n);
        for (int i = 0; i < m; i++) {
            coef[i] = k.dot(n, v, i * n, xTilde, 0);
            k.axpy(n, -coef[i], v, i * n, rest, 0);
        }
        double tail = k.nrm2(rest);
        double sq = tail * tail;
        for (int j = m - 1; j >= 0; j--) {
            sq += coef[j] * coef[j];
            out[j] = Math.sqrt(sq) - eta * top.values()[j];
        }
    }

    private void check(EigenResult top) {
        if (top.n() != n) {
            throw new IllegalArgumentException("eigenpairs of dimension " + top.n() + " for a workspace of " + n);
        }
    }
}
