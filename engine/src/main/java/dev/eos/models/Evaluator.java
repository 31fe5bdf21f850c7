package dev.eos.models;

/**
 * Evaluates one {@link Model}: loss, gradient, Hessian-vector products and the curvature gradient, with every
 * buffer owned here (a workspace). Not thread-safe: one evaluator per thread. No method allocates after
 * construction. Arrays passed in have the model's dimension D (batched ones k*D) and outputs never alias inputs.
 */
public interface Evaluator {

    /** The model evaluated. */
    Model model();

    /** L(x). */
    double loss(double[] x);

    /** Writes grad L(x) into {@code grad} and returns L(x), in one pass. */
    double lossAndGradient(double[] x, double[] grad);

    /** hv := H(x) v. */
    void hvp(double[] x, double[] v, double[] hv);

    /** Writes grad L(x) and H(x) v in one pass over the model's data; returns L(x). */
    double gradientAndHvp(double[] x, double[] v, double[] grad, double[] hv);

    /**
     * hv[j*D .. j*D+D) := H(x) v[j*D .. j*D+D) for j &lt; k, in one pass over the model's data for all k
     * (k x D row-major blocks).
     */
    void hvpBatch(double[] x, double[] v, int k, double[] hv);

    /**
     * out := grad_x (v^T H(x) v) = D^3 L(x)[v, v, .], with v held fixed. For v = v_1 (unit top eigenvector) this is
     * grad lambda_1 (Hellmann-Feynman, THEORY 1).
     */
    void curvatureGradient(double[] x, double[] v, double[] out);

    /**
     * H(x) as an operator for many products at one point: precomputes what the HVP needs at x once. The returned
     * view is owned by this evaluator and valid until the next call on it; x must not change meanwhile.
     */
    SymmetricOperator hessianAt(double[] x);
}
