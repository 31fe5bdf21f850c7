package dev.eos.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kernel of the chosen provider (vector at the width forced for this surefire execution, or scalar) against
 * a naive plain-Java reference and against the scalar twin, on sizes that hit every tail branch. Tolerances are
 * the standard forward-error bounds of a length-n sum: n * eps * sum |terms|, with a factor 2 of slack.
 */
class KernelsTest {

    static final Kernels K = KernelProvider.get();
    static final Kernels SCALAR = KernelProvider.scalar();
    static final double EPS = Math.ulp(1.0);

    static IntStream sizes() {
        int l = K.lanes();
        return IntStream.of(0, 1, 2, 3, l - 1, l, l + 1, 2 * l - 1, 2 * l + 1, 4 * l - 1, 4 * l, 4 * l + 1,
                13, 100, 207, 1023, 4098).filter(n -> n >= 0).distinct().sorted();
    }

    static double[] random(Random r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    /** Naive dot with the absolute-value sum used for its error bound. */
    static double[] naiveDot(int n, double[] x, int xo, double[] y, int yo) {
        double s = 0, a = 0;
        for (int i = 0; i < n; i++) {
            s += x[xo + i] * y[yo + i];
            a += Math.abs(x[xo + i] * y[yo + i]);
        }
        return new double[] {s, a};
    }

    static void close(double expected, double actual, double scale, int n, String what) {
        double tol = 2 * (n + 2) * EPS * scale + Double.MIN_NORMAL;
        assertTrue(Math.abs(expected - actual) <= tol,
                () -> what + ": expected " + expected + " got " + actual + " (tol " + tol + ")");
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void dotMatchesNaiveAndScalar(int n) {
        Random r = new Random(n);
        int off = 3;
        double[] x = random(r, n + off), y = random(r, n + 2 * off);
        double[] ref = naiveDot(n, x, off, y, 2 * off);
        close(ref[0], K.dot(n, x, off, y, 2 * off), ref[1], n, "dot n=" + n);
        close(SCALAR.dot(n, x, off, y, 2 * off), K.dot(n, x, off, y, 2 * off), ref[1], n, "dot vs scalar n=" + n);
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void nrm2MatchesNaive(int n) {
        Random r = new Random(100 + n);
        double[] x = random(r, n + 1);
        double ref = Math.sqrt(naiveDot(n, x, 1, x, 1)[0]);
        close(ref, K.nrm2(n, x, 1), ref, n, "nrm2");
    }

    @Test
    void nrm2HasNoOverflowOrUnderflow() {
        for (double scale : new double[] {1e300, 1e-300, 1e-320, Double.MAX_VALUE / 4, Double.MIN_VALUE}) {
            for (int n : new int[] {1, 3, K.lanes() + 1, 207}) {
                double[] x = new double[n];
                java.util.Arrays.fill(x, scale);
                double expected = scale * Math.sqrt(n);
                double got = K.nrm2(x);
                // MIN_VALUE entries are exact powers of two; sqrt(n) scaling of a subnormal rounds to a subnormal
                double tol = scale < Double.MIN_NORMAL ? Math.max(Math.ulp(expected), 1e-9 * expected)
                        : 4 * n * EPS * expected;
                assertEquals(expected, got, tol, "nrm2 of " + n + " x " + scale);
                assertEquals(expected, SCALAR.nrm2(x), tol, "scalar nrm2 of " + n + " x " + scale);
            }
        }
        assertEquals(0.0, K.nrm2(new double[5]));
        assertEquals(5.0, K.nrm2(new double[] {3e-310, 4e-310}) / 1e-310, 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, K.nrm2(new double[] {1, Double.POSITIVE_INFINITY}));
        assertTrue(Double.isNaN(K.nrm2(new double[] {1, Double.NaN, 1e300})));
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void axpyAxpbyScal(int n) {
        Random r = new Random(200 + n);
        double[] x = random(r, n + 2), y = random(r, n + 1);
        double a = r.nextGaussian(), b = r.nextGaussian();
        double[] y1 = y.clone(), y2 = y.clone(), y3 = y.clone(), y4 = y.clone();
        K.axpy(n, a, x, 2, y1, 1);
        K.axpby(n, a, x, 2, b, y2, 1);
        K.axpby(n, a, x, 2, 0.0, y3, 1);
        K.scal(n, b, y4, 1);
        for (int i = 0; i < n; i++) {
            assertEquals(Math.fma(a, x[2 + i], y[1 + i]), y1[1 + i], 0.0, "axpy is one fma per element");
            assertEquals(Math.fma(a, x[2 + i], b * y[1 + i]), y2[1 + i], 0.0, "axpby");
            assertEquals(a * x[2 + i], y3[1 + i], 0.0, "axpby beta=0");
            assertEquals(b * y[1 + i], y4[1 + i], 0.0, "scal");
        }
        assertEquals(y[0], y1[0], 0.0, "axpy wrote before its offset");
    }

    @Test
    void betaZeroOverwritesNaN() {
        double[] a = {1, 2, 3, 4}, x = {1, 1};
        double[] y = {Double.NaN, Double.NaN};
        K.gemv(2, 2, 1.0, a, 0, 2, x, 0, 0.0, y, 0);
        assertEquals(3.0, y[0]);
        assertEquals(7.0, y[1]);
        double[] c = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        K.gemm(2, 2, 2, 1.0, a, 0, 2, a, 0, 2, 0.0, c, 0, 2);
        assertEquals(7.0, c[0]);
        assertEquals(22.0, c[3]);
    }

    static IntStream shapes() {
        return sizes().filter(n -> n <= 207);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void gemvAndTransposed(int n) {
        for (int m : new int[] {0, 1, 3, 4, 5, 9, 31}) {
            Random r = new Random(31L * m + n);
            int lda = n + 3, off = 5;
            double[] a = random(r, off + Math.max(m, 1) * lda), x = random(r, n + 1), xt = random(r, m + 1);
            double[] y = random(r, m + 2), yt = random(r, n + 2);
            double alpha = 0.7, beta = -1.3;
            double[] g = y.clone(), gt = yt.clone();
            K.gemv(m, n, alpha, a, off, lda, x, 1, beta, g, 2);
            K.gemvT(m, n, alpha, a, off, lda, xt, 1, beta, gt, 2);
            for (int i = 0; i < m; i++) {
                double s = 0, abs = 0;
                for (int j = 0; j < n; j++) {
                    double t = a[off + i * lda + j] * x[1 + j];
                    s += t;
                    abs += Math.abs(t);
                }
                close(alpha * s + beta * y[2 + i], g[2 + i], Math.abs(alpha) * abs + Math.abs(beta * y[2 + i]), n,
                        "gemv m=" + m + " n=" + n);
            }
            for (int j = 0; j < n; j++) {
                double s = 0, abs = 0;
                for (int i = 0; i < m; i++) {
                    double t = a[off + i * lda + j] * xt[1 + i];
                    s += t;
                    abs += Math.abs(t);
                }
                close(alpha * s + beta * yt[2 + j], gt[2 + j], Math.abs(alpha) * abs + Math.abs(beta * yt[2 + j]), m,
                        "gemvT m=" + m + " n=" + n);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void ger(int n) {
        Random r = new Random(7 + n);
        int m = 6, lda = n + 1;
        double[] a = random(r, m * lda), x = random(r, m), y = random(r, n);
        double[] g = a.clone();
        K.ger(m, n, 0.5, x, 0, y, 0, g, 0, lda);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(Math.fma(0.5 * x[i], y[j], a[i * lda + j]), g[i * lda + j], 0.0);
            }
        }
    }

    enum Form { NN, NT, TN }

    static IntStream gemmSizes() {
        int l = K.lanes();
        return IntStream.of(0, 1, 2, 3, 4, 5, l - 1, l, l + 1, 2 * l + 1, 8, 13, 16, 33, 64, 100)
                .filter(n -> n >= 0).distinct().sorted();
    }

    @ParameterizedTest
    @MethodSource("gemmSizes")
    void gemmAllFormsAgainstTripleLoop(int n) {
        for (Form form : Form.values()) {
            for (int[] mk : new int[][] {{n, n}, {n + 3, 5}, {1, n + 2}, {7, n}}) {
                check(form, mk[0], n, mk[1]);
            }
        }
    }

    private static void check(Form form, int m, int n, int k) {
        Random r = new Random(m * 1000L + n * 10L + k + form.ordinal());
        int off = 2;
        // A stored as m x k (NN, NT) or k x m (TN); B as k x n (NN, TN) or n x k (NT); padded leading dimensions
        int aRows = form == Form.TN ? k : m, aCols = form == Form.TN ? m : k;
        int bRows = form == Form.NT ? n : k, bCols = form == Form.NT ? k : n;
        int lda = aCols + 1, ldb = bCols + 2, ldc = n + 3;
        double[] a = random(r, off + Math.max(aRows, 1) * lda);
        double[] b = random(r, off + Math.max(bRows, 1) * ldb);
        double[] c = random(r, off + Math.max(m, 1) * ldc);
        double alpha = -0.9, beta = 0.4;
        double[] got = c.clone();
        switch (form) {
            case NN -> K.gemm(m, n, k, alpha, a, off, lda, b, off, ldb, beta, got, off, ldc);
            case NT -> K.gemmNT(m, n, k, alpha, a, off, lda, b, off, ldb, beta, got, off, ldc);
            case TN -> K.gemmTN(m, n, k, alpha, a, off, lda, b, off, ldb, beta, got, off, ldc);
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0, abs = 0;
                for (int p = 0; p < k; p++) {
                    double aip = form == Form.TN ? a[off + p * lda + i] : a[off + i * lda + p];
                    double bpj = form == Form.NT ? b[off + j * ldb + p] : b[off + p * ldb + j];
                    s += aip * bpj;
                    abs += Math.abs(aip * bpj);
                }
                double cij = c[off + i * ldc + j];
                close(alpha * s + beta * cij, got[off + i * ldc + j], Math.abs(alpha) * abs + Math.abs(beta * cij),
                        k, form + " m=" + m + " n=" + n + " k=" + k + " at " + i + "," + j);
            }
        }
        // padding between rows of C is untouched
        for (int i = 0; i < m; i++) {
            for (int j = n; j < ldc && off + i * ldc + j < c.length; j++) {
                assertEquals(c[off + i * ldc + j], got[off + i * ldc + j], 0.0, "wrote into C padding");
            }
        }
    }
}
