package dev.eos.run;

/**
 * lambda_1(grad^2 L(x)), the {@code sharpness} column; the standard one is {@link LanczosSharpness}.
 * Implementations keep their last eigenvector as the next warm start and should implement {@link Checkpointed}.
 */
@FunctionalInterface
public interface SharpnessMeter {

    /** lambda_1 of the Hessian at x (x is not modified). */
    double sharpness(double[] x);
}
