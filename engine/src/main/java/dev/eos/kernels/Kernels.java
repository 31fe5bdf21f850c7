package dev.eos.kernels;

/**
 * Dense float64 kernels (a small BLAS) on plain {@code double[]} arrays with explicit offsets.
 *
 * <h2>Storage</h2>
 * Every matrix is <b>row-major</b>: element (i, j) of an m&nbsp;x&nbsp;n matrix stored in {@code a} with offset
 * {@code aOff} and leading dimension {@code lda} (&ge; n) is {@code a[aOff + i*lda + j]}:
 * <pre>
 *   aOff -> | a00 a01 ... a0(n-1) | (lda - n unused) |
 *           | a10 a11 ... a1(n-1) | ...              |
 * </pre>
 * Vectors are contiguous (unit stride) from their offset. This is the one place the layout is documented;
 * models, spectral code and the CLI's .npy files (C order) all use it.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Arguments are not validated beyond what array bounds checks give; callers own shapes.</li>
 *   <li>{@code beta == 0} means the output is overwritten (NaN or Inf already there is ignored), as in BLAS.</li>
 *   <li>Outputs must not alias inputs, unless stated.</li>
 *   <li>Reductions have a fixed order: the same inputs give the same bits on the same machine, JDK, vector width
 *       and FMA policy, whether interpreted or JIT-compiled, in any thread. Results may differ across widths.</li>
 *   <li>FMA policy: every multiply-add is fused ({@link Math#fma} in the scalar twin, lane-wise FMA in the vector
 *       one). {@link #fmaPolicy()} reports it.</li>
 *   <li>No allocation per call once warmed up; implementations are stateless and thread-safe.</li>
 * </ul>
 */
public interface Kernels {

    /** "vector" or "scalar". */
    String name();

    /** Lanes of float64 per vector register used (1 for scalar). */
    int lanes();

    /** Vector register width in bits used by the kernels (64 for scalar). */
    int vectorBits();

    /** The multiply-add policy, recorded in run metadata (e.g. "fused"). */
    default String fmaPolicy() {
        return "fused";
    }

    // ---------------------------------------------------------------- level 1

    /** Returns sum_i x[i] y[i] over n elements. */
    double dot(int n, double[] x, int xOff, double[] y, int yOff);

    /** Returns the Euclidean norm ||x||, with no overflow or underflow for huge or tiny entries. */
    double nrm2(int n, double[] x, int xOff);

    /** y := alpha*x + y. */
    void axpy(int n, double alpha, double[] x, int xOff, double[] y, int yOff);

    /** y := alpha*x + beta*y (fused update; beta == 0 overwrites y). */
    void axpby(int n, double alpha, double[] x, int xOff, double beta, double[] y, int yOff);

    /** x := alpha*x. */
    void scal(int n, double alpha, double[] x, int xOff);

    // ---------------------------------------------------------------- level 2

    /** y := alpha*A*x + beta*y, with A m x n (row-major, leading dimension lda), x of length n, y of length m. */
    void gemv(int m, int n, double alpha, double[] a, int aOff, int lda, double[] x, int xOff,
              double beta, double[] y, int yOff);

    /** y := alpha*A^T*x + beta*y, with A m x n, x of length m, y of length n. */
    void gemvT(int m, int n, double alpha, double[] a, int aOff, int lda, double[] x, int xOff,
               double beta, double[] y, int yOff);

    /** A := alpha*x*y^T + A (rank-1 update), with A m x n, x of length m, y of length n. */
    void ger(int m, int n, double alpha, double[] x, int xOff, double[] y, int yOff,
             double[] a, int aOff, int lda);

    // ---------------------------------------------------------------- level 3
    // Each entry C(i, j) of the three forms is beta*C(i, j) (0 when beta = 0) followed by
    // fma(alpha*A(i,p), B(p,j), .) for p = 0, 1, ..., k-1 in this order, whatever m, n and the leading dimensions: a
    // block of rows or columns of a product computed alone has the bits of that block of the whole product
    // (DeepLinearEvaluator's threads rely on it).

    /** C := alpha*A*B + beta*C, with A m x k, B k x n, C m x n. */
    void gemm(int m, int n, int k, double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
              double beta, double[] c, int cOff, int ldc);

    /** C := alpha*A*B^T + beta*C, with A m x k, B n x k, C m x n. */
    void gemmNT(int m, int n, int k, double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                double beta, double[] c, int cOff, int ldc);

    /** C := alpha*A^T*B + beta*C, with A k x m, B k x n, C m x n. */
    void gemmTN(int m, int n, int k, double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                double beta, double[] c, int cOff, int ldc);

    // ---------------------------------------------------------------- whole-array conveniences

    /** dot over whole arrays of equal length. */
    default double dot(double[] x, double[] y) {
        return dot(x.length, x, 0, y, 0);
    }

    /** nrm2 over a whole array. */
    default double nrm2(double[] x) {
        return nrm2(x.length, x, 0);
    }

    /** y := alpha*x + y over whole arrays of equal length. */
    default void axpy(double alpha, double[] x, double[] y) {
        axpy(x.length, alpha, x, 0, y, 0);
    }

    /** y := alpha*x + beta*y over whole arrays of equal length. */
    default void axpby(double alpha, double[] x, double beta, double[] y) {
        axpby(x.length, alpha, x, 0, beta, y, 0);
    }

    /** x := alpha*x over a whole array. */
    default void scal(double alpha, double[] x) {
        scal(x.length, alpha, x, 0);
    }
}
