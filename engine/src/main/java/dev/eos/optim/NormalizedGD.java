package dev.eos.optim;

import dev.eos.models.Model;

/**
 * Normalized GD x_{t+1} = x_t - eta grad L / ||grad L|| (THEORY 2.1), i.e. GD with eta_t = eta / ||grad L(x_t)||;
 * every step has length eta. Name "ngd".
 *
 * <p>Zero-gradient rule: when eta/||grad L|| is +inf (the gradient is exactly 0, or so tiny that the quotient
 * overflows) the step is skipped: x is unchanged (except for a scheduled perturbation, which is how the paper
 * leaves such points), {@link #lastSkipped()} is true, eta_eff reads 0, loss and grad_norm are what was measured.
 * A NaN gradient is not guarded: it propagates into x so that the run's divergence check sees it.
 */
public final class NormalizedGD extends AbstractStepper {

    /** NGD with learning rate eta; noise may be null (off). */
    public NormalizedGD(Model model, double eta, BallNoise noise) {
        super(model, eta, noise);
    }

    @Override
    public String name() {
        return "ngd";
    }

    /** eta / ||grad L||: +inf (a skip) when the gradient is 0 or the quotient overflows. */
    @Override
    double stepSize(double loss, double gradNorm) {
        return eta / gradNorm;
    }
}
