package dev.eos.run;

/**
 * Builds the model and its start point from a {@link ModelConfig}; the standard one is {@link ModelProblems}. Bad
 * options or files raise IllegalArgumentException with a one-line message; the engine creates no run directory then.
 */
@FunctionalInterface
public interface ProblemFactory {

    /**
     * @param spec    the model description
     * @param seed    the run's seed (random data and random starts)
     * @param threads threads the model's evaluators may use (the run's --threads), never changing a result's bits
     *                ({@link ModelProblems} gives them to matrix sensing's passes over the measurements)
     */
    Problem create(ModelConfig spec, long seed, int threads);
}
