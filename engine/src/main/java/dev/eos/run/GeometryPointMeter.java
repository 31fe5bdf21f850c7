package dev.eos.run;

import dev.eos.geometry.Alignment;
import dev.eos.geometry.Phi;
import dev.eos.models.Evaluator;
import dev.eos.models.Model;
import dev.eos.spectral.EigenResult;
import dev.eos.spectral.Lanczos;
import dev.eos.spectral.Sharpness;
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
 *       no top-M eigenpairs).</li>
 * </ul>
 * Every eigensolve is warm-started from the previous call; the warm starts are checkpointed.
 */
public final class GeometryPointMeter implements PointMeter, Checkpointed {

    private final Model model;
    private final Evaluator ev;
    private final Phi phi;
    private final Sharpness atPhi;
    private final Stableness stableness;
    private final Alignment alignment;
    private final boolean sqrt;
    private final double eta;
    private final double[] p;
    private final double[] v1;

    public GeometryPointMeter(Model model, RunSpec spec) {
        this.model = model;
        this.ev = model.evaluator();
        this.phi = new Phi(model);
        this.sqrt = spec.algorithm().equals("sqrt");
        this.eta = spec.eta();
        Lanczos.Options o = Lanczos.Options.defaults().withSeed(spec.seed());
        this.atPhi = new Sharpness(model, o);
        this.stableness = new Stableness(model, o, Stableness.DEFAULT_SAMPLES, Stableness.DEFAULT_REFINE);
        this.alignment = new Alignment(model);
        this.p = new double[model.dim()];
        this.v1 = new double[model.dim()];
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
        EigenResult top = atPhi.top(p, 1);
        double lambda1 = top.values()[0];
        row.set(Column.SHARPNESS_AT_PHI, lambda1);
        top.vector(0, v1);
        row.set(Column.THETA, alignment.theta(sqrt, ev.hessianAt(p), x, p, v1, lambda1));
        return p;
    }

    @Override
    public void save(CheckpointState out) {
        out.putDoubles("point.phi-warm", atPhi.warmStart());
        out.putDoubles("point.stableness-warm", stableness.warmStart());
    }

    @Override
    public void restore(CheckpointState in) {
        double[] a = in.doubles("point.phi-warm");
        atPhi.restoreWarmStart(a != null ? a : new double[0]);
        double[] b = in.doubles("point.stableness-warm");
        if (b != null) {
            stableness.restoreWarmStart(b);
        }
    }
}
