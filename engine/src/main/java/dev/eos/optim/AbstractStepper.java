package dev.eos.optim;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import dev.eos.models.Evaluator;
import dev.eos.models.Model;

/**
 * What the gradient steppers (GD, normalized GD, GD on sqrt(L)) share: each is GD on L with its own effective step
 * size, x_{t+1} = x_t - eta_t grad L(x_t) (THEORY 2), so one {@link #step} serves all three and a subclass only
 * states eta_t ({@link #stepSize}). Also shared: the evaluator, the gradient buffer, the per-step readings, the step
 * counter and the optional {@link BallNoise}. State layout for checkpoints: {@code [steps, noise generator state (0
 * when off)]}.
 */
abstract sealed class AbstractStepper implements Optimizer permits GradientDescent, NormalizedGD, SqrtLossGD {

    private final Model model;
    private final Evaluator ev;
    /** The learning rate eta. */
    protected final double eta;
    private final int dim;
    private final double[] g;
    private final Kernels k = KernelProvider.get();
    private final BallNoise noise;

    private double lastLoss = Double.NaN;
    private double lastGradNorm = Double.NaN;
    private double lastEtaEff = Double.NaN;
    private boolean lastSkipped;
    private boolean lastPerturbed;
    private long steps;

    AbstractStepper(Model model, double eta, BallNoise noise) {
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("eta must be a positive finite number, got " + eta);
        }
        this.model = model;
        this.ev = model.evaluator();
        this.eta = eta;
        this.dim = model.dim();
        this.g = new double[dim];
        this.noise = noise;
    }

    /**
     * The effective learning rate eta_t at a point with this loss and gradient norm; +inf asks to skip the step (the
     * algorithm's guard: x unchanged, eta_eff reads 0). A NaN is not a skip: it propagates into x, so that the run's
     * divergence check sees it.
     */
    abstract double stepSize(double loss, double gradNorm);

    /**
     * One step: the loss and gradient at x in one fused call, x -= eta_t grad L unless eta_t is +inf, then the step
     * is counted and the perturbation added when due (THEORY 2.3). Allocates nothing.
     */
    @Override
    public final void step(double[] x) {
        lastLoss = ev.lossAndGradient(x, g);
        lastGradNorm = k.nrm2(dim, g, 0);
        double etaT = stepSize(lastLoss, lastGradNorm);
        if (etaT == Double.POSITIVE_INFINITY) {
            lastEtaEff = 0;
            lastSkipped = true;
        } else {
            lastEtaEff = etaT;
            lastSkipped = false;
            k.axpy(dim, -etaT, g, 0, x, 0);
        }
        long s = ++steps;
        if (noise != null && noise.due(s)) {
            noise.addTo(x);
            lastPerturbed = true;
        } else {
            lastPerturbed = false;
        }
    }

    /** The perturbation, or null when off. */
    public final BallNoise noise() {
        return noise;
    }

    @Override
    public final Model model() {
        return model;
    }

    @Override
    public final double eta() {
        return eta;
    }

    @Override
    public final double lastLoss() {
        return lastLoss;
    }

    @Override
    public final double lastGradNorm() {
        return lastGradNorm;
    }

    @Override
    public final double lastEtaEff() {
        return lastEtaEff;
    }

    @Override
    public final boolean lastSkipped() {
        return lastSkipped;
    }

    @Override
    public final boolean lastPerturbed() {
        return lastPerturbed;
    }

    @Override
    public final long steps() {
        return steps;
    }

    @Override
    public final long[] state() {
        return new long[] {steps, noise == null ? 0 : noise.rng().state()};
    }

    @Override
    public final void restore(long[] state) {
        if (state == null || state.length != 2 || state[0] < 0) {
            throw new IllegalArgumentException(name() + ": a checkpoint state is [steps, noise state], got "
                    + java.util.Arrays.toString(state));
        }
        steps = state[0];
        if (noise != null) {
            noise.rng().setState(state[1]);
        }
    }
}
