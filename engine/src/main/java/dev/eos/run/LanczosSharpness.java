package dev.eos.run;

import dev.eos.models.Model;
import dev.eos.spectral.Lanczos;
import dev.eos.spectral.Sharpness;

/**
 * The standard {@link SharpnessMeter}: lambda_1(grad^2 L(x)) by dev.eos.spectral's warm-started {@link Sharpness}
 * (Lanczos on HVPs, started from the previous top Ritz vector, THEORY 1), whose warm start is checkpointed so that
 * resumed runs compute the same bits. Residual tolerance {@value #TOL} relative, what the column needs: the Ritz
 * value of a unit vector with residual r is within ||r||^2 / gap of lambda_1 (gap: to lambda_2), so for a simple
 * lambda_1 the error is about 1e-12 lambda_1^2 / gap, and at most ||r|| = 1e-6 lambda_1 even for a degenerate top
 * (far below the 1e-3 .. 1e-5 relative effects the columns show, e.g. the Phase II drift of lambda_1 over 1000 steps).
 * Measured on the deep linear net d = 8 (NGD, eta = 1e-3, a solve every 1000 steps): 8.1 products per solve
 * against 11.8 at 1e-8, half the time, and the sum of the 1000 values agrees with the 1e-8 one to 1.5e-12 relative.
 */
public final class LanczosSharpness implements SharpnessMeter, Checkpointed {

    /** The relative residual tolerance of each solve. */
    public static final double TOL = 1e-6;

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
