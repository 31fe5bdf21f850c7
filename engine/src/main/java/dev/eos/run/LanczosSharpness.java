package dev.eos.run;

import dev.eos.models.Model;
import dev.eos.spectral.Lanczos;
import dev.eos.spectral.Sharpness;

/**
 * The standard {@link SharpnessMeter}: lambda_1(grad^2 L(x)) by dev.eos.spectral's warm-started {@link Sharpness}
 * (Lanczos on HVPs, started from the previous top Ritz vector, THEORY 1), whose warm start is checkpointed so that
 * resumed runs compute the same bits. Residual tolerance {@value #TOL} relative: for a simple lambda_1 the eigenvalue
 * error is at most ||r||^2 / gap = (1e-8 lambda_1)^2 / gap, at rounding level, for a third fewer products than 1e-10.
 */
public final class LanczosSharpness implements SharpnessMeter, Checkpointed {

    /** The relative residual tolerance of each solve. */
    public static final double TOL = 1e-8;

    private static final String KEY = "sharpness.warm";

    private final Sharpness sharpness;

    public LanczosSharpness(Model model, long seed) {
        this.sharpness = new Sharpness(model, Lanczos.Options.defaults().withTol(TOL).withSeed(seed));
    }

    @Override
    public double sharpness(double[] x) {
        return sharpness.lambda1(x);
    }

    @Override
    public void save(CheckpointState out) {
        out.putDoubles(KEY, sharpness.warmStart());
    }

    @Override
    public void restore(CheckpointState in) {
        double[] s = in.doubles(KEY);
        sharpness.restoreWarmStart(s != null ? s : new double[0]);
    }
}
