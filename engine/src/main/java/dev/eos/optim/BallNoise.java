package dev.eos.optim;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import dev.eos.random.PortableMath;
import dev.eos.random.SplitMix64;

/**
 * The perturbation of THEORY 2.3: every {@code every} steps, add xi ~ Unif(ball of radius r in R^D). A draw is a
 * Gaussian direction g/||g|| times r U^{1/D} with U ~ Unif(0, 1], from a {@link SplitMix64} whose state goes into
 * the optimizer's checkpoint state, so perturbed runs resume bit for bit.
 *
 * <p>Schedule: the noise is added right after the update of step s (1-based) when s is a multiple of
 * {@code every}; so with every = ceil(1/eta) the first draw follows step ceil(1/eta).
 */
public final class BallNoise {

    private final int dim;
    private final double radius;
    private final long every;
    private final SplitMix64 rng;
    private final double[] dir;
    private final Kernels k = KernelProvider.get();

    /**
     * @param dim    D
     * @param radius r &gt; 0
     * @param every  the period in steps (&ge; 1)
     * @param seed   the generator seed
     */
    public BallNoise(int dim, double radius, long every, long seed) {
        if (!(radius > 0) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException("noise radius must be a positive finite number, got " + radius);
        }
        if (every < 1) {
            throw new IllegalArgumentException("noise period must be >= 1 step, got " + every);
        }
        this.dim = dim;
        this.radius = radius;
        this.every = every;
        this.rng = new SplitMix64(seed);
        this.dir = new double[dim];
    }

    /** The default period ceil(1/eta) of THEORY 2.3 (1e-9 absorbs the rounding of 1/eta, e.g. eta = 0.01). */
    public static long defaultEvery(double eta) {
        return Math.max(1, (long) Math.ceil(1.0 / eta - 1e-9));
    }

    public double radius() {
        return radius;
    }

    public long every() {
        return every;
    }

    /** The generator (its state is part of the optimizer state). */
    public SplitMix64 rng() {
        return rng;
    }

    /** True when the noise is due after step s (1-based). */
    public boolean due(long s) {
        return s % every == 0;
    }

    /** x += xi, one fresh draw from the ball. */
    public void addTo(double[] x) {
        rng.nextGaussians(dir, 0, dim);
        double n = k.nrm2(dim, dir, 0);
        // r U^{1/D}: the radius law of a uniform point in a D-ball, P(|xi| <= s r) = s^D
        double rho = radius * PortableMath.exp(PortableMath.log(rng.nextOpenDouble()) / dim);
        if (n > 0) {
            k.axpy(dim, rho / n, dir, 0, x, 0);
        }
    }
}
