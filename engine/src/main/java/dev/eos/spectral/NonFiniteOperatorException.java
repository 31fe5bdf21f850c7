package dev.eos.spectral;

/**
 * An eigensolver met a non-finite operator product (NaN or Inf): the Hessian overflows at that point, as it does at
 * the iterates of a diverging run. Callers that track divergence treat it as such; anything else is a bug.
 */
public final class NonFiniteOperatorException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    public NonFiniteOperatorException(String message) {
        super(message);
    }
}
