package dev.eos.cli.backend;

import dev.eos.cli.options.Choices.Algo;
import dev.eos.spectral.Which;

/**
 * What {@code eos sharpness} computes.
 *
 * @param problem model and point
 * @param atPhi   evaluate at Phi(start) instead of start
 * @param k       number of eigenpairs
 * @param which   which end of the spectrum
 * @param exact   dense path (D HVPs and a dense eigensolver) instead of Lanczos
 * @param eta     learning rate for the stableness, or null
 * @param algo    algorithm for the stableness (its eta_t), or null
 */
public record SharpnessRequest(Problem problem, boolean atPhi, int k, Which which, boolean exact, Double eta,
                               Algo algo) {
}
