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

    @Override
    public void step(double[] x) {
        lastLoss = ev.lossAndGradient(x, g);
        lastGradNorm = k.nrm2(dim, g, 0);
        lastEtaEff = eta;
        lastSkipped = false;
        k.axpy(dim, -eta, g, 0, x, 0);
        finishStep(x);
    }
}
