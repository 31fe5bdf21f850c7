package dev.eos.validation;

import dev.eos.rates.FitOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Validation#run} does.
 *
 * @param mode      quick or full
 * @param only      the checks to run by name (empty: all, in {@link Validation#NAMES} order)
 * @param jobs      worker threads for the runs (&ge; 1); results do not depend on it
 * @param out       the output directory (its runs/ subdirectory receives every run directory)
 * @param constants the flow constants compared against (the theory's unless a control changes them)
 * @param fit       the exponent fit options (bootstrap resamples and seed)
 */
public record ValidationOptions(Mode mode, List<String> only, int jobs, Path out, FlowConstants constants,
                                FitOptions fit) {

    public ValidationOptions {
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs must be >= 1, got " + jobs);
        }
        only = List.copyOf(only);
    }

    /** All checks, the theory's constants, default fit options. */
    public static ValidationOptions of(Mode mode, int jobs, Path out) {
        return new ValidationOptions(mode, List.of(), jobs, out, FlowConstants.THEORY, FitOptions.defaults());
    }

    public ValidationOptions withOnly(List<String> names) {
        return new ValidationOptions(mode, names, jobs, out, constants, fit);
    }

    public ValidationOptions withConstants(FlowConstants c) {
        return new ValidationOptions(mode, only, jobs, out, c, fit);
    }
}
