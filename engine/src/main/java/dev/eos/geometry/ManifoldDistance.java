package dev.eos.geometry;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import dev.eos.models.ClosedFormGeometry;
import dev.eos.models.Evaluator;
import dev.eos.models.LeastSquaresEvaluator;
import dev.eos.models.Model;
import dev.eos.spectral.EigenResult;
import dev.eos.spectral.Lanczos;
import java.util.Locale;

/**
 * A cheap estimate of the distance from x to Gamma, for phase detection every few steps (THEORY 4.6 #3:
 * dist(x, Gamma) ~ ||x - Phi(x)||, Theta(eta) in Phase II). A workspace.
 *
 * <ul>
 *   <li>closed-form models: ||x - Phi(x)|| exactly ("closed-form");</li>
 *   <li>least-squares models: the Newton step length ||J^T (J J^T)^+ (F(x) - y)|| ("newton"); it equals the
 *       distance to Gamma up to O(dist^2); by default from a CGLS solve to {@link NewtonProjection#ESTIMATE_TOL}
 *       (about 1% relative accuracy, tens of jvp/vjp pairs);</li>
 *   <li>otherwise, with a known normal rank M: the Newton proxy ||H_M^+ grad L(x)|| = sqrt(sum_{i &le; M}
 *       (v_i . grad L / lambda_i)^2) over the top-M eigenpairs at x ("eigen-newton", THEORY 4.6 (iii));</li>
 *   <li>otherwise ||x - Phi(x)|| by gradient flow ("gradient-flow", expensive).</li>
 * </ul>
 *
 * <p>Phase rule ({@link #phaseThreshold}): the run is in phase 2 from the first check where the estimate is at most
 * c eta s, with c = {@value #PHASE_CONSTANT} and s the amplitude scale of the Phase-II 2-cycle (THEORY 3,
 * "Consequences"): s = 1 for ngd (iterates at distances C eta and (1 - C) eta), s = sqrt(lambda_1 / 2) for sqrt
 * (distances C eta sqrt(lambda_1/2) and (1 - C) ...), s = 1 for gd and gf. With c = 2 the rule fires when the
 * iterate is about two steps from Gamma, before the 2-cycle settles, and every Phase-II iterate is within it.
 */
public final class ManifoldDistance {

    /** The constant c of the phase rule "phase 2 once within c eta s of Gamma". */
    public static final double PHASE_CONSTANT = 2.0;

    private final Model model;
    private final Kernels k = KernelProvider.get();
    private final double[] buf;
    private final String method;
    private final ClosedFormGeometry closedForm;
    private final NewtonProjection newton;
    private final Evaluator ev;
    private final Lanczos lanczos;
    private final Phi phi;
    private final double newtonTol;
    private double[] warm;

    /** The estimate for a model, with the default CGLS tolerance for least-squares models. */
    public ManifoldDistance(Model model) {
        this(model, NewtonProjection.ESTIMATE_TOL);
    }

    /** The estimate for a model; newtonTol is the CGLS tolerance of the Newton length (least-squares models). */
    public ManifoldDistance(Model model, double newtonTol) {
        this.newtonTol = newtonTol;
        this.model = model;
        this.buf = new double[model.dim()];
        Evaluator e = model.evaluator();
        ClosedFormGeometry cf = model.closedFormGeometry().orElse(null);
        if (cf != null) {
            method = "closed-form";
            closedForm = cf;
            newton = null;
            ev = null;
            lanczos = null;
            phi = null;
        } else if (e instanceof LeastSquaresEvaluator ls) {
            method = "newton";
            closedForm = null;
            newton = new NewtonProjection(ls);
            ev = null;
            lanczos = null;
            phi = null;
        } else if (model.normalRank() > 0) {
            method = "eigen-newton";
            closedForm = null;
            newton = null;
            ev = e;
            lanczos = new Lanczos(model.dim());
            phi = null;
        } else {
            method = "gradient-flow";
            closedForm = null;
            newton = null;
            ev = null;
            lanczos = null;
            phi = new Phi(model);
        }
    }

    /** "closed-form", "newton", "eigen-newton" or "gradient-flow". */
    public String method() {
        return method;
    }

    /** The estimated distance from x to Gamma (x unchanged). */
    public double estimate(double[] x) {
        int d = model.dim();
        switch (method) {
            case "closed-form" -> {
                closedForm.phi(x, buf);
                return distance(x, buf);
            }
            case "newton" -> {
                return newton.stepLength(x, newtonTol);
            }
            case "eigen-newton" -> {
                ev.lossAndGradient(x, buf);
                int m = model.normalRank();
                EigenResult r = lanczos.solve(ev.hessianAt(x), m, warm);
                warm = r.vectors();
                double s = 0;
                for (int j = 0; j < m; j++) {
                    double lam = r.values()[j];
                    if (lam > 0) {
                        double c = k.dot(d, r.vectors(), j * d, buf, 0) / lam;
                        s += c * c;
                    }
                }
                return Math.sqrt(s);
            }
            default -> {
                phi.apply(x, buf);
                return distance(x, buf);
            }
        }
    }

    private double distance(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double t = x[i] - y[i];
            s += t * t;
        }
        return Math.sqrt(s);
    }

    /**
     * The phase-2 threshold c eta s of the class comment: 2 eta for "ngd", "gd" and "gf", 2 eta sqrt(lambda_1 / 2)
     * for "sqrt" (sharpness = lambda_1 at or near the iterate).
     */
    public static double phaseThreshold(String algorithm, double eta, double sharpness) {
        double s = switch (algorithm.toLowerCase(Locale.ROOT)) {
            case "sqrt" -> Math.sqrt(Math.max(sharpness, 0) / 2);
            case "ngd", "gd", "gf" -> 1.0;
            default -> throw new IllegalArgumentException("unknown algorithm '" + algorithm + "'");
        };
        return PHASE_CONSTANT * eta * s;
    }
}
