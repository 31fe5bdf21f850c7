package dev.eos.run;

/**
 * SEAM (filled by the models issue's factory): builds the model and its start point from a {@link ModelConfig}. Bad
 * options or files raise IllegalArgumentException with a one-line message; the engine creates no run directory then.
 */
@FunctionalInterface
public interface ProblemFactory {

    /**
     * @param spec    the model description
     * @param seed    the run's seed (random data and random starts)
     * @param threads threads the model's evaluators may use
     */
    Problem create(ModelConfig spec, long seed, int threads);
}
