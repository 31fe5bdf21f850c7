package dev.eos.geometry;

import dev.eos.models.ClosedFormGeometry;
import dev.eos.models.LeastSquaresEvaluator;
import dev.eos.models.Model;
import dev.eos.ode.GradientFlowIntegrator;

/**
 * The gradient-flow limit map Phi(x) = lim_{t -&gt; inf} phi(x, t) (THEORY 1), as a workspace: {@link #apply}
 * writes Phi(x) into a caller's buffer and keeps diagnostics of the call (method, GF time, substeps, final gradient
 * norm, whether the tolerance was met).
 *
 * <p>Methods, in order of preference (THEORY 4.6, "Phi for measurements"):
 * <ol>
 *   <li>the closed form when the model has one ({@link Model#closedFormGeometry()}) (unless {@link Options#forceOde});</li>
 *   <li>gradient flow integrated by adaptive Dormand-Prince 5(4) ({@link GradientFlowIntegrator}, substeps bounded
 *       by alpha / lambda_1 with lambda_1 from warm-started power steps), until
 *       ||grad L(x)|| &le; gtol lambdaHat max(1, ||x||): a point whose first-order distance to Gamma,
 *       ||grad L|| / lambda_M, is below gtol (lambda_1/lambda_M) max(1, ||x||). Default gtol = 1e-12;</li>
 *   <li>optionally (least-squares models) Newton polish afterwards, x := x - J^+ (F(x) - y) until the step is below
 *       1e-15 max(1, ||x||) (at most 5 steps): it lands on Gamma within O(dist^2) of the GF limit.</li>
 * </ol>
 * Each call starts the integrator cold, so Phi(x) is a function of x alone (reproducible after a resume). Phi is
 * defined on degenerate minimizer sets too (GF still converges), so no degeneracy check is made here.
 */
public final class Phi {

    /**
     * Options.
     *
     * @param gtol     relative gradient tolerance of the GF stopping rule (see the class comment); 1e-12
     * @param maxTime  largest GF time integrated before giving up (diagnostics then say not converged)
     * @param forceOde integrate GF even when a closed form exists (tests of the ODE path)
     * @param polish   Newton polish after GF, for least-squares models
     * @param ode      the integrator's options; {@link GradientFlowIntegrator.Options#precise()} by default
     */
    public record Options(double gtol, double maxTime, boolean forceOde, boolean polish,
                          GradientFlowIntegrator.Options ode) {

        /** gtol 1e-12, maxTime 1e8, closed form when available, no polish, precise integrator. */
        public static Options defaults() {
            return new Options(1e-12, 1e8, false, false, GradientFlowIntegrator.Options.precise());
        }

        public Options withGtol(double g) {
            return new Options(g, maxTime, forceOde, polish, ode);
        }

        public Options withForceOde(boolean f) {
            return new Options(gtol, maxTime, f, polish, ode);
        }

        public Options withPolish(boolean p) {
            return new Options(gtol, maxTime, forceOde, p, ode);
        }

        public Options withOde(GradientFlowIntegrator.Options o) {
            return new Options(gtol, maxTime, forceOde, polish, o);
        }

        public Options withMaxTime(double t) {
            return new Options(gtol, t, forceOde, polish, ode);
        }
    }

    /**
     * What the last {@link #apply} did.
     *
     * @param method    "closed-form", "gradient-flow" or "gradient-flow+newton"
     * @param time      GF time integrated (0 for the closed form)
     * @param substeps  accepted ODE substeps
     * @param gradNorm  ||grad L|| at the returned point (NaN for the closed form, which does not evaluate it)
     * @param newton    Newton polish steps
     * @param converged whether the stopping rule was met
     */
    public record Diagnostics(String method, double time, long substeps, double gradNorm, int newton,
                              boolean converged) {
    }

    private final Model model;
    private final Options options;
    private final ClosedFormGeometry closedForm;
    private final GradientFlowIntegrator ode;
    private final NewtonProjection newton;

    private String lastMethod = "none";
    private double lastTime;
    private long lastSubsteps;
    private double lastGradNorm = Double.NaN;
    private int lastNewton;
    private boolean lastConverged;

    /** Phi with default options. */
    public Phi(Model model) {
        this(model, Options.defaults());
    }

    public Phi(Model model, Options options) {
        this.model = model;
        this.options = options;
        this.closedForm = options.forceOde() ? null : model.closedFormGeometry().orElse(null);
        this.ode = closedForm == null ? new GradientFlowIntegrator(model, options.ode()) : null;
        var ev = model.evaluator();
        this.newton = closedForm == null && options.polish() && ev instanceof LeastSquaresEvaluator ls
                ? new NewtonProjection(ls) : null;
    }

    public Model model() {
        return model;
    }

    public Options options() {
        return options;
    }

    /** out := Phi(x); x is not modified (out may be x itself). Returns whether the stopping rule was met. */
    public boolean apply(double[] x, double[] out) {
        if (closedForm != null) {
            if (out == x) {
                throw new IllegalArgumentException("closed-form Phi: out must not alias x");
            }
            closedForm.phi(x, out);
            record("closed-form", 0, 0, Double.NaN, 0, true);
            return true;
        }
        if (out != x) {
            System.arraycopy(x, 0, out, 0, x.length);
        }
        ode.reset(); // Phi(x) depends on x only, not on earlier calls
        boolean ok = ode.converge(out, options.gtol(), options.maxTime());
        int steps = 0;
        if (newton != null) {
            steps = newton.project(out, 1e-15, 5);
        }
        record(newton != null ? "gradient-flow+newton" : "gradient-flow", ode.time(), ode.accepted(),
                ode.gradNorm(), steps, ok);
        return ok;
    }

    private void record(String method, double time, long substeps, double gradNorm, int newtonSteps, boolean ok) {
        lastMethod = method;
        lastTime = time;
        lastSubsteps = substeps;
        lastGradNorm = gradNorm;
        lastNewton = newtonSteps;
        lastConverged = ok;
    }

    /** The method the next {@link #apply} will use: "closed-form" or "gradient-flow". */
    public String method() {
        return closedForm != null ? "closed-form" : "gradient-flow";
    }

    /** Diagnostics of the last {@link #apply} (allocates a small record). */
    public Diagnostics diagnostics() {
        return new Diagnostics(lastMethod, lastTime, lastSubsteps, lastGradNorm, lastNewton, lastConverged);
    }

    /** GF time of the last call. */
    public double lastTime() {
        return lastTime;
    }

    /** Accepted ODE substeps of the last call. */
    public long lastSubsteps() {
        return lastSubsteps;
    }

    /** ||grad L|| where the last GF integration stopped (before any polish); NaN for the closed form. */
    public double lastGradNorm() {
        return lastGradNorm;
    }

    /** Whether the last call met its stopping rule. */
    public boolean lastConverged() {
        return lastConverged;
    }
}
