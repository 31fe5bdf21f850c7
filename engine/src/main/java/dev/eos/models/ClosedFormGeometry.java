package dev.eos.models;

/**
 * The gradient-flow limit map Phi and tangent projection of a model, known in closed form (the quadratic and the
 * separable toys, THEORY 3 and 6.4, implement it themselves; matrix sensing with one diagonal measurement provides one
 * through {@link Model#closedFormGeometry()}). Geometry code prefers these over ODE integration. Implementations are
 * immutable, thread-safe and allocation-free.
 */
public interface ClosedFormGeometry {

    /** out := Phi(x), the limit of gradient flow from x. */
    void phi(double[] x, double[] out);

    /** out := P_T(p) v, the projection onto the tangent space of Gamma at p (p on Gamma). */
    void tangentProject(double[] p, double[] v, double[] out);
}
