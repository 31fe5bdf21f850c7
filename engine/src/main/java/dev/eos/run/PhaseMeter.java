package dev.eos.run;

/**
 * SEAM (filled by the geometry issue's cheap distance estimate): dist(x, Gamma), for the phase rule
 * dist &le; c eta s ({@link RunSpec#phaseConstant()}). NaN means "unknown" and keeps the run in phase 1.
 */
@FunctionalInterface
public interface PhaseMeter {

    /** An estimate of ||x - Phi(x)|| (x is not modified). */
    double distanceToGamma(double[] x);
}
