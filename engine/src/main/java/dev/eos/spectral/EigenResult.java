package dev.eos.spectral;

/**
 * Eigenpairs found by a symmetric eigensolver.
 *
 * @param n         the operator dimension
 * @param values    the k eigenvalues found, in the order asked for (descending for the algebraically largest)
 * @param vectors   the k unit eigenvectors, row-major k x n: vector j is vectors[j*n .. j*n+n)
 * @param residuals ||H v_j - lambda_j v_j|| for each pair
 * @param hvps      operator applications spent (a batched product of k vectors counts k); 0 on the dense path
 * @param method    how they were computed, e.g. "lanczos" or "dense"
 */
public record EigenResult(int n, double[] values, double[] vectors, double[] residuals, int hvps, String method) {

    /** The number of pairs. */
    public int k() {
        return values.length;
    }

    /** Copies eigenvector j into out (length n). */
    public void vector(int j, double[] out) {
        System.arraycopy(vectors, j * n, out, 0, n);
    }
}
