package dev.eos.ode;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import dev.eos.models.Evaluator;
import dev.eos.models.SymmetricOperator;
import dev.eos.random.SplitMix64;

/**
 * A cheap, warm-started estimate of the largest Hessian eigenvalue in magnitude, ||H v|| for the unit power
 * iterate v, used to bound explicit ODE steps by alpha / lambda_1 (Cohen et al., THEORY 7). It is a lower bound of
 * max |lambda| that converges over refreshes as the power vector follows x; allocation-free.
 */
public final class SharpnessBound {

    private final Evaluator ev;
    private final int dim;
    private final long seed;
    private final double[] v;
    private final double[] w;
    private final Kernels k = KernelProvider.get();
    private boolean warm;

    /** A bound for the evaluator's model; the first power vector is drawn from the seed. */
    public SharpnessBound(Evaluator ev, long seed) {
        this.ev = ev;
        this.dim = ev.model().dim();
        this.seed = seed;
        this.v = new double[dim];
        this.w = new double[dim];
        reseed();
    }

    /** Back to the seeded start vector, cold. */
    public void reseed() {
        new SplitMix64(seed).nextGaussians(v, 0, dim);
        k.scal(dim, 1 / k.nrm2(dim, v, 0), v, 0);
        warm = false;
    }

    /**
     * Runs {@code iterations} power steps on H(x) from the current vector (more on the first call, to warm up)
     * and returns ||H v|| for the last unit v, a lower estimate of max |lambda(H(x))|.
     */
    public double estimate(double[] x, int iterations) {
        SymmetricOperator op = ev.hessianAt(x);
        int its = warm ? iterations : Math.max(iterations, 30);
        warm = true;
        double norm = 0;
        for (int i = 0; i < its; i++) {
            op.apply(v, w);
            norm = k.nrm2(dim, w, 0);
            if (!(norm > 0) || Double.isInfinite(norm)) {
                return norm; // H v = 0 (keep v) or a non-finite Hessian: the caller decides
            }
            // v := w / ||w||
            for (int j = 0; j < dim; j++) {
                v[j] = w[j] / norm;
            }
        }
        return norm;
    }

    /** The power vector (for checkpoint state). */
    public double[] vector() {
        return v;
    }

    /** Whether the vector has been warmed up (for checkpoint state). */
    public boolean warm() {
        return warm;
    }

    /** Restores the vector and warm flag. */
    public void restore(double[] vector, boolean isWarm) {
        System.arraycopy(vector, 0, v, 0, dim);
        this.warm = isWarm;
    }
}
