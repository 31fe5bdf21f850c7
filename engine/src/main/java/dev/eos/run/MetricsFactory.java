package dev.eos.run;

import dev.eos.models.Model;

/** SEAM: builds the {@link Meters} of a run (the spectral and geometry issues' components, once merged). */
@FunctionalInterface
public interface MetricsFactory {

    Meters create(RunSpec spec, Model model);
}
