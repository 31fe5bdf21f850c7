package dev.eos.optim;

import dev.eos.models.Model;

/**
 * GD on sqrt(L - L_min): x_{t+1} = x_t - eta grad L / (2 sqrt(L - L_min)) (THEORY 2.2), i.e. GD on L with
 * eta_t = eta / (2 sqrt(L(x_t) - L_min)). Name "sqrt".
 *
 * <p>L_min: the value given to the constructor; {@link Optimizers} passes {@link Model#minLoss()}, or 0 when the
 * model does not know it (NaN), as the authors' 'sqrtmse' code does.
 *
 * <p>Guard at L = L_min: when L - L_min &lt;= 0 (on Gamma exactly, or below a slightly wrong L_min by rounding) or
 * eta_t overflows to +inf, the step is skipped: x is unchanged (except for a scheduled perturbation),
 * {@link #lastSkipped()} is true, eta_eff reads 0, loss and grad_norm are what was measured. A NaN loss is not
 * guarded: it propagates into x so that the run's divergence check sees it.
 */
public final class SqrtLossGD extends AbstractStepper {

    private final double minLoss;

    /** GD on sqrt(L - minLoss) with learning rate eta; noise may be null (off). */
    public SqrtLossGD(Model model, double eta, double minLoss, BallNoise noise) {
        super(model, eta, noise);
        if (!Double.isFinite(minLoss)) {
            throw new IllegalArgumentException("sqrt: L_min must be finite, got " + minLoss);
        }
        this.minLoss = minLoss;
    }

    @Override
    public String name() {
        return "sqrt";
    }

    /** The L_min in use. */
    public double minLoss() {
        return minLoss;
    }

    /** eta / (2 sqrt(L - L_min)): a skip (+inf) when L - L_min &lt;= 0 or the quotient overflows. */
    @Override
    double stepSize(double loss, double gradNorm) {
        double gap = loss - minLoss;
        return gap <= 0 ? Double.POSITIVE_INFINITY : eta / (2 * Math.sqrt(gap));
    }
}
