package dev.eos.run;

import dev.eos.models.Evaluator;
import dev.eos.models.Model;
import dev.eos.spectral.EigenResult;
import dev.eos.spectral.Lanczos;

/**
 * The standard {@link SharpnessMeter} until the spectral issue's warm-started Sharpness object is wired in:
 * lambda_1(grad^2 L(x)) by {@link Lanczos} on HVPs (tolerance 1e-10 relative residual), started from the previous
 * top Ritz vector (THEORY 1: "warm-started from the previous eigenvector"), which is checkpointed so that resumed
 * runs compute the same bits.
 */
public final class LanczosSharpness implements SharpnessMeter, Checkpointed {

    private static final String KEY = "sharpness.v1";

    private final Evaluator ev;
    private final Lanczos lanczos;
    private final double[] v;
    private boolean warm;

    public LanczosSharpness(Model model, long seed) {
        this.ev = model.evaluator();
        this.lanczos = new Lanczos(model.dim(), Lanczos.Options.defaults().withSeed(seed));
        this.v = new double[model.dim()];
    }

    @Override
    public double sharpness(double[] x) {
        EigenResult r = lanczos.solve(ev.hessianAt(x), 1, warm ? v : null);
        r.vector(0, v);
        warm = true;
        return r.values()[0];
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
