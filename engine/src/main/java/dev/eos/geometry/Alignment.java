package dev.eos.geometry;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import dev.eos.models.Evaluator;
import dev.eos.models.Model;
import dev.eos.models.SymmetricOperator;
import dev.eos.spectral.EigenResult;
import dev.eos.spectral.Lanczos;
import java.util.Locale;

/**
 * The alignment angle theta_t of THEORY 1 between x~ and the top eigenvector v_1 of H = grad^2 L(Phi(x)), with
 * delta = x - Phi(x): x~ = H delta for NGD (also used for gd and gf), x~ = (2H)^{1/2} delta for GD on sqrt(L).
 * Writing delta = a v_1 + delta_perp (a = v_1 . delta), and since v_1 is an eigenvector, the part of x~ orthogonal
 * to v_1 is the image of delta_perp, so with one Hessian-vector product and no matrix square root:
 * <ul>
 *   <li>NGD: tan theta = ||H delta_perp|| / (lambda_1 |a|);</li>
 *   <li>sqrt: tan theta = sqrt(delta_perp . H delta_perp) / (sqrt(lambda_1) |a|).</li>
 * </ul>
 * theta = atan2 of the two, accurate near 0 (no 1 - cos cancellation). v_1 and lambda_1 come from a Lanczos solve
 * at Phi(x), warm-started from the previous call, and are kept: {@link #sharpnessAtPhi()} is lambda_1(Phi(x)).
 * A workspace; NaN when x = Phi(x). Equals the theta of {@link dev.eos.spectral.TransformedIterate}, which builds
 * x~ from the top-M eigenpairs; this form needs neither M nor those pairs (for sensing d = k = 40, M = 820).
 */
public final class Alignment {

    private final Evaluator ev;
    private final Lanczos lanczos;
    private final int n;
    private final double[] v1, delta, hd;
    private final Kernels k = KernelProvider.get();
    private double[] warm;
    private double lambda1 = Double.NaN;

    public Alignment(Model model) {
        this.ev = model.evaluator();
        this.n = model.dim();
        this.lanczos = new Lanczos(n);
        v1 = new double[n];
        delta = new double[n];
        hd = new double[n];
    }

    /**
     * theta for the algorithm ("ngd", "gd", "gf": x~ = H delta; "sqrt": x~ = (2H)^{1/2} delta) at x, given
     * p = Phi(x). Also computes lambda_1(p), read with {@link #sharpnessAtPhi()}.
     */
    public double theta(String algorithm, double[] x, double[] p) {
        boolean sqrt = switch (algorithm.toLowerCase(Locale.ROOT)) {
            case "sqrt" -> true;
            case "ngd", "gd", "gf" -> false;
            default -> throw new IllegalArgumentException("unknown algorithm '" + algorithm + "'");
        };
        SymmetricOperator h = ev.hessianAt(p);
        EigenResult r = lanczos.solve(h, 1, warm);
        lambda1 = r.values()[0];
        r.vector(0, v1);
        if (warm == null) {
            warm = new double[n];
        }
        System.arraycopy(v1, 0, warm, 0, n);
        return theta(sqrt, h, x, p, v1, lambda1);
    }

    /**
     * theta from a top eigenpair (lambda1, unit v1) of h = grad^2 L(p), p = Phi(x), computed by the caller: one more
     * Hessian-vector product. sqrt selects x~ = (2H)^{1/2} delta (GD on sqrt(L)), else x~ = H delta.
     */
    public double theta(boolean sqrt, SymmetricOperator h, double[] x, double[] p, double[] v1, double lambda1) {
        for (int i = 0; i < n; i++) {
            delta[i] = x[i] - p[i];
        }
        double a = k.dot(n, v1, 0, delta, 0);
        k.axpy(n, -a, v1, 0, delta, 0); // delta_perp
        h.apply(delta, hd);
        double perp = sqrt ? Math.sqrt(Math.max(0, k.dot(n, delta, 0, hd, 0))) : k.nrm2(n, hd, 0);
        double along = (sqrt ? Math.sqrt(Math.max(lambda1, 0)) : lambda1) * Math.abs(a);
        if (perp == 0 && along == 0) {
            return Double.NaN;
        }
        return Math.atan2(perp, along);
    }

    /** lambda_1(Phi(x)) from the last {@link #theta} call. */
    public double sharpnessAtPhi() {
        return lambda1;
    }

    /** The unit top eigenvector at Phi(x) from the last call (owned; read only). */
    public double[] topEigenvector() {
        return v1;
    }
}
