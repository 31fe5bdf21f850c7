package dev.eos.run;

import dev.eos.models.Model;

/** Builds the {@link Meters} of a run; the standard one is {@link StandardMetrics}. */
@FunctionalInterface
public interface MetricsFactory {

    Meters create(RunSpec spec, Model model);
}
