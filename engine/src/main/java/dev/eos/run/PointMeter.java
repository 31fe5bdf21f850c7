package dev.eos.run;

/**
 * The expensive metrics at one iterate x_t: stableness S_L(x_t, eta_t) (every algorithm), stableness_sqrt (GD on
 * sqrt(L) only), dist_to_phi, sharpness_at_phi and theta (THEORY 1, 4.4, 4.6); the standard one is
 * {@link GeometryPointMeter}. A metric that is not available is left unset (an empty cell).
 */
@FunctionalInterface
public interface PointMeter {

    /**
     * Sets this meter's cells of {@code row} for x (not modified).
     *
     * @param etaEff eta_t, the effective learning rate of the step taken from x
     * @return Phi(x) in a buffer owned by the meter (valid until the next call), or null when Phi is not computed
     */
    double[] measure(double[] x, double etaEff, MetricRow row);
}
