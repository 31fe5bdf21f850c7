package dev.eos.run;

import dev.eos.geometry.Phi;
import dev.eos.models.Evaluator;
import dev.eos.models.Model;
import dev.eos.spectral.EigenResult;
import dev.eos.spectral.Lanczos;

/**
 * The standard {@link PointMeter} over the geometry issue's {@link Phi}: dist_to_phi = ||x - Phi(x)|| and
 * sharpness_at_phi = lambda_1(grad^2 L(Phi(x))) by Lanczos warm-started from the previous top vector at Phi
 * (checkpointed). Stableness and theta are left to the spectral issue's meters (empty cells until they are wired).
 */
public final class GeometryPointMeter implements PointMeter, Checkpointed {

    private static final String KEY = "point.v1";

    private final Phi phi;
    private final Evaluator ev;
    private final Lanczos lanczos;
    private final double[] p;
    private final double[] v;
    private boolean warm;

    public GeometryPointMeter(Model model, long seed) {
        this.phi = new Phi(model);
        this.ev = model.evaluator();
        this.lanczos = new Lanczos(model.dim(), Lanczos.Options.defaults().withSeed(seed));
        this.p = new double[model.dim()];
        this.v = new double[model.dim()];
    }

    @Override
    public double[] measure(double[] x, double etaEff, MetricRow row) {
        phi.apply(x, p);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - p[i];
            s += d * d;
        }
        row.set(Column.DIST_TO_PHI, Math.sqrt(s));
        EigenResult r = lanczos.solve(ev.hessianAt(p), 1, warm ? v : null);
        r.vector(0, v);
        warm = true;
        row.set(Column.SHARPNESS_AT_PHI, r.values()[0]);
        return p;
    }

    @Override
    public void save(CheckpointState out) {
        if (warm) {
            out.putDoubles(KEY, v);
        }
    }

    @Override
    public void restore(CheckpointState in) {
        double[] s = in.doubles(KEY);
        warm = s != null;
        if (warm) {
            System.arraycopy(s, 0, v, 0, v.length);
        }
    }
}
