package dev.eos.cli.backend;

import dev.eos.models.Model;

/**
 * A model with its start point, built from the command line.
 *
 * @param model    the loss
 * @param start    the start point x_0 (length model.dim())
 * @param flattest the smallest sharpness on the minimizer manifold when known in closed form (THEORY 6.1:
 *                 N sigma_1^(2(N-1)/N) for deep-linear), else NaN
 */
public record Problem(Model model, double[] start, double flattest) {
}
