package dev.eos.cli.backend;

/**
 * The end of a limiting-flow integration.
 *
 * @param tau            the time reached
 * @param sharpnessStart lambda_1(X(0)) = lambda_1(Phi(start))
 * @param sharpnessEnd   lambda_1(X(tau))
 * @param steps          integrator steps taken
 * @param seconds        wall time
 */
public record FlowResult(double tau, double sharpnessStart, double sharpnessEnd, long steps, double seconds) {
}
