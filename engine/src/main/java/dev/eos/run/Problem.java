package dev.eos.run;

import dev.eos.models.Model;

/**
 * A model with its start point x_0, as built from a {@link ModelConfig} by a {@link ProblemFactory}.
 *
 * @param model the loss
 * @param start x_0 (length model.dim(); the engine copies it)
 */
public record Problem(Model model, double[] start) {

    public Problem {
        if (start.length != model.dim()) {
            throw new IllegalArgumentException("start has " + start.length + " entries, the model " + model.dim());
        }
    }
}
