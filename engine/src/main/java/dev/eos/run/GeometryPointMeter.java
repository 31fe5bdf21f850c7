package dev.eos.run;

import dev.eos.geometry.Alignment;
import dev.eos.geometry.LimitingFlow;
import dev.eos.geometry.Phi;
import dev.eos.models.Evaluator;
import dev.eos.models.Model;
import dev.eos.spectral.EigenResult;
import dev.eos.models.LeastSquaresEvaluator;
import dev.eos.ode.GradientFlowIntegrator;
import dev.eos.spectral.Lanczos;
import dev.eos.spectral.Stableness;

/**
 * The standard {@link PointMeter}, over dev.eos.geometry's {@link Phi} and {@link Alignment} and dev.eos.spectral's
 * {@link Sharpness} and {@link Stableness} (THEORY 1, 4.4, 4.6):
 * <ul>
 *   <li>stableness = S_L(x_t, eta_t), eta_t the step's effective learning rate (every algorithm);</li>
 *   <li>stableness_sqrt = S_sqrt(L - L_min)(x_t, eta) for GD on sqrt(L) (when L_min is known);</li>
 *   <li>dist_to_phi = ||x_t - Phi(x_t)||; sharpness_at_phi = lambda_1(grad^2 L(Phi(x_t)));</li>
 *   <li>theta = the angle between x~ and v_1(Phi(x_t)), with x~ = H (x - Phi) for ngd, gd and gf and
 *       x~ = (2H)^{1/2} (x - Phi) for sqrt, from v_1 and one more HVP ({@link Alignment}: no matrix square root,
 *       no top-M eigenpairs);</li>
 *   <li>eigengap_at_phi = (lambda_1 - lambda_2) / lambda_1 at Phi(x_t). Below
 *       {@link LimitingFlow#GAP_THRESHOLD} lambda_1 is not simple: v_1 is then an arbitrary vector of the top
 *       cluster and theta (measured against it) reads large. We keep theta against v_1 (THEORY 1 defines it only
 *       for a simple lambda_1) rather than against the top cluster: the cluster's size is not bounded (four
 *       eigenvalues within 2e-4 of each other at Phi on a width-16 deep linear net) and an angle to it is not
 *       the theory's quantity either.</li>
 * </ul>
 *
 * <p>Cost (each expensive row): the top-2 pairs at Phi come from one solve recycled from the previous row's two
 * vectors (sharpness_at_phi, v_1 for theta and lambda_2 for the gap at once). Tolerances are tied to what the
 * columns need: stableness {@value #STABLENESS_TOL} (see there); residual {@value #LANCZOS_TOL} lambda_1 at Phi
 * (an eigenvalue is then within
 * 1e-8 relative of the operator's, and to rounding level, ||r||^2 / gap, when its gap to the rest exceeds 1e-8;
 * v_1 is off by ~1e-8 / gap, 1e-5 at the gap threshold); Phi by gradient flow to a relative gradient
 * {@value #PHI_GTOL} then Newton polish (least-squares models with a non-degenerate Gamma: the polish from a point
 * at distance epsilon lands within O(epsilon^2) of the same GF limit). Measured on the deep linear net of width 16
 * (D = 768, slow normal modes with lambda_M / lambda_1 ~ 1e-2): it agrees with GF to gtol 1e-13 plus polish to
 * 1e-10, while the plain GF to gtol 1e-12 stops 5e-10 .. 2.5e-9 short of Gamma, at 4-9 times fewer substeps; a
 * looser 1e-6 would leave 2e-6 (the polish error grows like the square of the distance left).
 * Every eigensolve is warm-started from the previous call; the warm starts are checkpointed.
 */
public final class GeometryPointMeter implements PointMeter, Checkpointed {

    /** Relative residual tolerance of the top-2 solve at Phi. */
    public static final double LANCZOS_TOL = 1e-8;
    /**
     * Relative residual tolerance of the stableness solves: a Ritz value with residual r is within ||r|| of an
     * eigenvalue, so S is exact to 1e-6 relative (1/S_t + 1/S_{t+1} to 2e-6), far below its O(theta + eta)
     * departure from 1 (THEORY 4.4) and below the sampling error of the sup; 3-4 times fewer products than 1e-8
     * where lambda_1 sits in a cluster.
     */
    public static final double STABLENESS_TOL = 1e-6;
    /** Relative gradient tolerance of the GF part of Phi before the Newton polish. */
    public static final double PHI_GTOL = 1e-8;

    private final Model model;
    private final Evaluator ev;
    private final Phi phi;
    private final Lanczos atPhi;
    private final Stableness stableness;
    private final Alignment alignment;
    private final boolean sqrt;
    private final double eta;
    private final double[] p;
    private final double[] v1;
    private final double[] top2;
    private int top2Count;

    public GeometryPointMeter(Model model, RunSpec spec) {
        this.model = model;
        this.ev = model.evaluator();
        this.phi = new Phi(model, phiOptions(model));
        this.sqrt = spec.algorithm().equals("sqrt");
        this.eta = spec.eta();
        Lanczos.Options o = Lanczos.Options.defaults().withSeed(spec.seed()).withTol(LANCZOS_TOL);
        this.atPhi = new Lanczos(model.dim(), o);
        this.stableness = new Stableness(model, o.withTol(STABLENESS_TOL), Stableness.DEFAULT_SAMPLES,
                Stableness.DEFAULT_REFINE);
        this.alignment = new Alignment(model);
        this.p = new double[model.dim()];
        this.v1 = new double[model.dim()];
        this.top2 = new double[2 * model.dim()];
    }

    /**
     * GF to {@value #PHI_GTOL} then Newton polish for least-squares models with a non-degenerate Gamma, with substeps
     * up to 2.5 / lambda_1 (inside Dormand-Prince's real stability interval, about 3.3 / lambda_1; the error control
     * rejects a step that a low sharpness estimate makes unstable) and rtol 1e-10; the default Phi otherwise (closed
     * forms, and a degenerate Gamma, where the minimum-norm Newton step need not follow the flow).
     */
    public static Phi.Options phiOptions(Model model) {
        if (model.closedFormGeometry().isPresent() || model.degenerateManifold().isPresent()
                || !(model.evaluator() instanceof LeastSquaresEvaluator)) {
            return Phi.Options.defaults();
        }
        return Phi.Options.defaults().withGtol(PHI_GTOL).withPolish(true)
                .withOde(new GradientFlowIntegrator.Options(1e-10, 1e-13, 2.5, Double.POSITIVE_INFINITY, 10, 3,
                        GradientFlowIntegrator.Options.precise().maxSubsteps()));
    }

    @Override
    public double[] measure(double[] x, double etaEff, MetricRow row) {
        row.set(Column.STABLENESS, stableness.ofLoss(x, etaEff));
        if (sqrt && !Double.isNaN(model.minLoss())) {
            row.set(Column.STABLENESS_SQRT, stableness.ofSqrtLoss(x, eta));
        }
        phi.apply(x, p);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - p[i];
            s += d * d;
        }
        row.set(Column.DIST_TO_PHI, Math.sqrt(s));
        EigenResult top = atPhi.solveRecycled(ev.hessianAt(p), 2, top2, top2Count);
        System.arraycopy(top.vectors(), 0, top2, 0, top.k() * p.length);
        top2Count = top.k();
        double lambda1 = top.values()[0];
        row.set(Column.SHARPNESS_AT_PHI, lambda1);
        if (top.k() > 1) {
            row.set(Column.EIGENGAP_AT_PHI, (lambda1 - top.values()[1]) / lambda1);
        }
        top.vector(0, v1);
        row.set(Column.THETA, alignment.theta(sqrt, ev.hessianAt(p), x, p, v1, lambda1));
        return p;
    }

    @Override
    public void save(CheckpointState out) {
        double[] w = new double[1 + top2Count * p.length];
        w[0] = top2Count;
        System.arraycopy(top2, 0, w, 1, top2Count * p.length);
        out.putDoubles("point.phi-top2", w);
        out.putDoubles("point.stableness-warm", stableness.warmStart());
    }

    @Override
    public void restore(CheckpointState in) {
        double[] a = in.doubles("point.phi-top2"); // absent in checkpoints of earlier versions: a cold start
        top2Count = a != null && a.length == 1 + (int) a[0] * p.length ? (int) a[0] : 0;
        if (top2Count > 0) {
            System.arraycopy(a, 1, top2, 0, top2Count * p.length);
        }
        double[] b = in.doubles("point.stableness-warm");
        if (b != null) {
            stableness.restoreWarmStart(b);
        }
    }
}
