package dev.eos.optim;

import dev.eos.models.Model;

/** Plain gradient descent x_{t+1} = x_t - eta grad L(x_t) (optionally perturbed, THEORY 2.3); name "gd". */
public final class GradientDescent extends AbstractStepper {

    /** GD with learning rate eta; noise may be null (off). */
    public GradientDescent(Model model, double eta, BallNoise noise) {
        super(model, eta, noise);
    }

    @Override
    public String name() {
        return "gd";
    }

    /** eta: plain GD never skips a step. */
    @Override
    double stepSize(double loss, double gradNorm) {
        return eta;
    }
}
