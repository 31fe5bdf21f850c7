package dev.eos.run;

import dev.eos.models.Model;
import dev.eos.optim.Optimizer;

/**
 * SEAM (filled by the geometry issue's optimizer factory): the optimizer named by {@link RunSpec#algorithm()} with the
 * spec's eta, perturbation (radius, period) and seed. An unknown name raises IllegalArgumentException.
 */
@FunctionalInterface
public interface OptimizerFactory {

    Optimizer create(RunSpec spec, Model model);
}
