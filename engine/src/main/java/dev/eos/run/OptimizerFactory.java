package dev.eos.run;

import dev.eos.models.Model;
import dev.eos.optim.Optimizer;

/**
 * The optimizer named by {@link RunSpec#algorithm()} with the spec's eta, perturbation (radius, period) and seed; the
 * standard one is {@link RunEngine#standardOptimizer} (dev.eos.optim.Optimizers). An unknown name raises
 * IllegalArgumentException.
 */
@FunctionalInterface
public interface OptimizerFactory {

    Optimizer create(RunSpec spec, Model model);
}
