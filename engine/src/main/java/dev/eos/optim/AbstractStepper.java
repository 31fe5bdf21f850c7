package dev.eos.optim;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import dev.eos.models.Evaluator;
import dev.eos.models.Model;

/**
 * What the gradient steppers (GD, normalized GD, GD on sqrt(L)) share: the evaluator, the gradient buffer, the
 * per-step readings, the step counter and the optional {@link BallNoise}. State layout for checkpoints:
 * {@code [steps, noise generator state (0 when off)]}.
 */
abstract sealed class AbstractStepper implements Optimizer permits GradientDescent, NormalizedGD, SqrtLossGD {

    protected final Model model;
    protected final Evaluator ev;
    protected final double eta;
    protected final int dim;
    protected final double[] g;
    protected final Kernels k = KernelProvider.get();
    private final BallNoise noise;

    protected double lastLoss = Double.NaN;
    protected double lastGradNorm = Double.NaN;
    protected double lastEtaEff = Double.NaN;
    protected boolean lastSkipped;
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

    /** Counts the step and adds the perturbation when it is due (THEORY 2.3). */
    protected final void finishStep(double[] x) {
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
