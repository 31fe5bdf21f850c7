package dev.eos.validation;

import dev.eos.geometry.Alignment;
import dev.eos.geometry.Phi;
import dev.eos.models.Model;
import dev.eos.run.Column;
import dev.eos.run.MetricRow;
import dev.eos.run.PointMeter;

/**
 * The expensive metrics a rate check reads (dist_to_phi, sharpness_at_phi, theta) without the stableness searches of
 * the standard meter, which cost most of an expensive row and are not needed there. theta is the angle of
 * {@link Alignment} (x~ = H (x - Phi) for ngd, (2H)^{1/2} (x - Phi) for sqrt, THEORY 1), which needs no normal rank.
 */
final class LeanPointMeter implements PointMeter {

    private final Phi phi;
    private final Alignment alignment;
    private final String algorithm;
    private final double[] p;

    LeanPointMeter(Model model, String algorithm) {
        this.phi = new Phi(model);
        this.alignment = new Alignment(model);
        this.algorithm = algorithm;
        this.p = new double[model.dim()];
    }

    @Override
    public double[] measure(double[] x, double etaEff, MetricRow row) {
        phi.apply(x, p);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - p[i];
            s += d * d;
        }
        row.set(Column.DIST_TO_PHI, Math.sqrt(s));
        double theta = alignment.theta(algorithm, x, p);
        row.set(Column.SHARPNESS_AT_PHI, alignment.sharpnessAtPhi());
        if (!Double.isNaN(theta)) {
            row.set(Column.THETA, theta);
        }
        return p;
    }
}
