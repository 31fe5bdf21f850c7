package dev.eos.models;

/**
 * A symmetric linear operator on R^n given by its action: the Hessian H(x) of a model at a fixed point, or a dense
 * symmetric matrix in tests. Lanczos and the geometry code only ever see this.
 */
public interface SymmetricOperator {

    /** The dimension n. */
    int dim();

    /** out := H v. {@code v} and {@code out} have length n and do not alias. */
    void apply(double[] v, double[] out);

    /**
     * out[j*n .. j*n+n) := H v[j*n .. j*n+n) for j &lt; k: k products at once (row-major k x n blocks).
     * Implementations that can share one pass over their data for all k vectors override this.
     */
    default void applyBatch(double[] v, int k, double[] out) {
        int n = dim();
        double[] a = new double[n];
        double[] b = new double[n];
        for (int j = 0; j < k; j++) {
            System.arraycopy(v, j * n, a, 0, n);
            apply(a, b);
            System.arraycopy(b, 0, out, j * n, n);
        }
    }
}
