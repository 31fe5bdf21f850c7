package dev.eos.models;

/**
 * The structure of a scaled least-squares loss L = c/2 ||F(x) - y||^2 (deep linear: F = W_N...W_1, c = 1;
 * factorization: F = U U^T, c = 1/2; sensing: F_i = &lt;A_i, U U^T&gt;, c = 1/m). On Gamma the residual vanishes and
 * H = c J^T J with J = DF(x), so the normal space is range(J^T) and the tangent projection is
 * P_T v = v - J^T (J J^T)^+ J v, computed in the output space without any D x D matrix (THEORY 1, implementation note).
 */
public interface LeastSquaresEvaluator extends Evaluator {

    /** The output dimension P of F (d_N*d_0, d*d, or m). */
    int outputDim();

    /** The loss prefactor c. */
    double scale();

    /** r := F(x) - y (length P). */
    void residual(double[] x, double[] r);

    /** out := J(x) v (length P), the Jacobian of F applied to a parameter direction v (length D). */
    void jvp(double[] x, double[] v, double[] out);

    /** out := J(x)^T w (length D), for an output-space vector w (length P). */
    void vjp(double[] x, double[] w, double[] out);
}
