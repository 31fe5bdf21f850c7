package dev.eos.run;

import dev.eos.models.Evaluator;
import dev.eos.models.Model;
import dev.eos.spectral.EigenResult;
import dev.eos.spectral.Lanczos;

/**
 * The standard {@link SharpnessMeter} until the spectral issue's warm-started Sharpness object is wired in:
 * lambda_1(grad^2 L(x)) by {@link Lanczos} on HVPs, started from the previous top Ritz vector (THEORY 1:
 * "warm-started from the previous eigenvector"), which is checkpointed so that resumed runs compute the same bits.
 * Residual tolerance {@value #TOL} relative: for a simple lambda_1 the eigenvalue error is at most
 * ||r||^2 / gap = (1e-8 lambda_1)^2 / gap, at rounding level, and it saves a third of the products of 1e-10.
 */
public final class LanczosSharpness implements SharpnessMeter, Checkpointed {

    /** The relative residual tolerance of each solve. */
    public static final double TOL = 1e-8;

    private static final String KEY = "sharpness.v1";

    private final Evaluator ev;
    private final Lanczos lanczos;
    private final double[] v;
    private boolean warm;

    public LanczosSharpness(Model model, long seed) {
        this.ev = model.evaluator();
        this.lanczos = new Lanczos(model.dim(), Lanczos.Options.defaults().withTol(TOL).withSeed(seed));
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
