package dev.eos.run;

/**
 * dist(x, Gamma), for the phase rule dist &le; c eta s ({@link RunSpec#phaseConstant()}); the standard one is
 * {@link dev.eos.geometry.ManifoldDistance#estimate} ({@link StandardMetrics}). NaN means "unknown" and keeps the
 * run in phase 1.
 */
@FunctionalInterface
public interface PhaseMeter {

    /** An estimate of ||x - Phi(x)|| (x is not modified). */
    double distanceToGamma(double[] x);
}
