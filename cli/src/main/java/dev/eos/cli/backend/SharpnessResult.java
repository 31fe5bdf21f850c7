package dev.eos.cli.backend;

/**
 * Eigenpairs of the Hessian at a point, with the optional stableness.
 *
 * @param eigenvalues descending (algebraic) or by magnitude, as asked
 * @param eigenvectors row-major k x D
 * @param residuals   ||H v - lambda v|| per pair
 * @param hvps        Hessian-vector products spent
 * @param seconds     wall time
 * @param method      "lanczos", "dense", ...
 * @param stableness  S_L(x, eta_t) when eta was given, else NaN
 */
public record SharpnessResult(double[] eigenvalues, double[] eigenvectors, double[] residuals, int hvps,
                              double seconds, String method, double stableness) {
}
