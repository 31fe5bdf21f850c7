package dev.eos.kernels;

/**
 * Plain-Java twin of every kernel: the reference the vector kernels are tested against, and the fallback when the
 * incubator Vector API is absent. Reductions use the same accumulation shape as {@link VectorKernels} (four
 * independent accumulators), so the two agree to a tolerance that scales with n; every multiply-add is fused.
 * Element-wise kernels (axpy, axpby, scal, ger) and the three gemm forms fix one order per output element (for gemm:
 * start at beta*C, then fma(alpha*A(i,p), B(p,j), .) for p = 0, 1, ...), which the vector kernels follow exactly:
 * for them both implementations give the same bits.
 */
public final class ScalarKernels implements Kernels {

    /** The shared instance (the class is stateless). */
    public static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public int vectorBits() {
        return 64;
    }

    @Override
    public double dot(int n, double[] x, int xOff, double[] y, int yOff) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            s0 = Math.fma(x[xOff + i], y[yOff + i], s0);
            s1 = Math.fma(x[xOff + i + 1], y[yOff + i + 1], s1);
            s2 = Math.fma(x[xOff + i + 2], y[yOff + i + 2], s2);
            s3 = Math.fma(x[xOff + i + 3], y[yOff + i + 3], s3);
        }
        double s = (s0 + s1) + (s2 + s3);
        for (; i < n; i++) {
            s = Math.fma(x[xOff + i], y[yOff + i], s);
        }
        return s;
    }

    @Override
    public double nrm2(int n, double[] x, int xOff) {
        double s = dot(n, x, xOff, x, xOff);
        if (Norms.sumOfSquaresIsSafe(s)) {
            return Math.sqrt(s);
        }
        if (Double.isNaN(s)) {
            return Double.NaN;
        }
        double max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.abs(x[xOff + i]));
        }
        if (max == 0 || Double.isInfinite(max)) {
            return max;
        }
        int e = Math.getExponent(max);
        double f = Math.scalb(1.0, -e);
        double t0 = 0, t1 = 0;
        int i = 0;
        for (; i + 2 <= n; i += 2) {
            double a = x[xOff + i] * f;
            double b = x[xOff + i + 1] * f;
            t0 = Math.fma(a, a, t0);
            t1 = Math.fma(b, b, t1);
        }
        double t = t0 + t1;
        for (; i < n; i++) {
            double a = x[xOff + i] * f;
            t = Math.fma(a, a, t);
        }
        return Math.scalb(Math.sqrt(t), e);
    }

    @Override
    public void axpy(int n, double alpha, double[] x, int xOff, double[] y, int yOff) {
        if (alpha == 0) {
            return;
        }
        for (int i = 0; i < n; i++) {
            y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
        }
    }

    @Override
    public void axpby(int n, double alpha, double[] x, int xOff, double beta, double[] y, int yOff) {
        if (beta == 0) {
            for (int i = 0; i < n; i++) {
                y[yOff + i] = alpha * x[xOff + i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                y[yOff + i] = Math.fma(alpha, x[xOff + i], beta * y[yOff + i]);
            }
        }
    }

    @Override
    public void scal(int n, double alpha, double[] x, int xOff) {
        for (int i = 0; i < n; i++) {
            x[xOff + i] *= alpha;
        }
    }

    @Override
    public void gemv(int m, int n, double alpha, double[] a, int aOff, int lda, double[] x, int xOff,
                     double beta, double[] y, int yOff) {
        for (int i = 0; i < m; i++) {
            double d = dot(n, a, aOff + i * lda, x, xOff);
            y[yOff + i] = beta == 0 ? alpha * d : Math.fma(alpha, d, beta * y[yOff + i]);
        }
    }

    @Override
    public void gemvT(int m, int n, double alpha, double[] a, int aOff, int lda, double[] x, int xOff,
                      double beta, double[] y, int yOff) {
        scaleOrClear(n, beta, y, yOff);
        for (int i = 0; i < m; i++) {
            axpy(n, alpha * x[xOff + i], a, aOff + i * lda, y, yOff);
        }
    }

    @Override
    public void ger(int m, int n, double alpha, double[] x, int xOff, double[] y, int yOff,
                    double[] a, int aOff, int lda) {
        for (int i = 0; i < m; i++) {
            axpy(n, alpha * x[xOff + i], y, yOff, a, aOff + i * lda);
        }
    }

    @Override
    public void gemm(int m, int n, int k, double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                     double beta, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            scaleOrClear(n, beta, c, ci);
            for (int p = 0; p < k; p++) {
                double aip = alpha * a[aOff + i * lda + p];
                int bp = bOff + p * ldb;
                for (int j = 0; j < n; j++) {
                    c[ci + j] = Math.fma(aip, b[bp + j], c[ci + j]);
                }
            }
        }
    }

    /** The same order as gemm: C(i, j) starts at beta*C(i, j), then adds fma(alpha*A(i,p), B(j,p), .) for p = 0.. */
    @Override
    public void gemmNT(int m, int n, int k, double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                       double beta, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            scaleOrClear(n, beta, c, ci);
            for (int p = 0; p < k; p++) {
                double aip = alpha * a[aOff + i * lda + p];
                int bp = bOff + p;
                for (int j = 0; j < n; j++) {
                    c[ci + j] = Math.fma(aip, b[bp + j * ldb], c[ci + j]);
                }
            }
        }
    }

    @Override
    public void gemmTN(int m, int n, int k, double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                       double beta, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            scaleOrClear(n, beta, c, cOff + i * ldc);
        }
        for (int p = 0; p < k; p++) {
            int bp = bOff + p * ldb;
            for (int i = 0; i < m; i++) {
                double api = alpha * a[aOff + p * lda + i];
                int ci = cOff + i * ldc;
                for (int j = 0; j < n; j++) {
                    c[ci + j] = Math.fma(api, b[bp + j], c[ci + j]);
                }
            }
        }
    }

    /** y := beta*y, with beta == 0 clearing y (BLAS semantics) and beta == 1 a no-op. */
    static void scaleOrClear(int n, double beta, double[] y, int yOff) {
        if (beta == 0) {
            java.util.Arrays.fill(y, yOff, yOff + n, 0.0);
        } else if (beta != 1) {
            for (int i = 0; i < n; i++) {
                y[yOff + i] *= beta;
            }
        }
    }
}
