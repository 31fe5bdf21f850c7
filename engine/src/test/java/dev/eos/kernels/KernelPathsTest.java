package dev.eos.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The code paths of the tuned kernels (small and blocked gemm, its k-, n- and row-block boundaries and edge tiles,
 * the gemv row blocks and masked tails, the two gemvT sweeps), under the provider of this surefire execution.
 *
 * <p>gemm (all three forms), gemvT, axpy and ger fix one order per output element, which the scalar twin follows,
 * so they must agree with it <b>bit for bit</b> on every path; the scalar twin itself is checked against a naive
 * triple loop in {@link KernelsTest}, and here again on sampled entries with the forward-error bound
 * 2 (k + 2) eps sum|terms|.
 */
class KernelPathsTest {

    static final Kernels K = KernelProvider.get();
    static final Kernels SCALAR = KernelProvider.scalar();
    static final double EPS = Math.ulp(1.0);

    enum Form { NN, NT, TN }

    static double[] random(Random r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    /**
     * Shapes around the block sizes: KC = NC = 256 (k- and n-blocks), the small-path limit 64, 8-row strips and
     * 2L-column panels (odd sizes leave edge tiles in both directions).
     */
    static Stream<Arguments> blockShapes() {
        return Stream.of(
                Arguments.of(255, 257, 256), Arguments.of(256, 300, 513), Arguments.of(513, 255, 257),
                Arguments.of(300, 256, 255), Arguments.of(257, 513, 300), Arguments.of(64, 64, 64),
                Arguments.of(65, 64, 63), Arguments.of(63, 65, 64), Arguments.of(64, 63, 65),
                Arguments.of(7, 300, 9), Arguments.of(9, 7, 600), Arguments.of(300, 5, 3));
    }

    @ParameterizedTest
    @MethodSource("blockShapes")
    void gemmEveryFormEqualsScalarTwinBitForBit(int m, int n, int k) {
        double[][] alphaBeta = {{1.0, 0.0}, {-0.75, 0.5}, {1.0, 1.0}};
        for (Form form : Form.values()) {
            // one (alpha, beta) per form and shape, rotating (the small shapes below try every combination)
            double[] ab = alphaBeta[(m + n + k + form.ordinal()) % 3];
            check(form, m, n, k, ab[0], ab[1]);
        }
    }

    @Test
    void gemmSmallShapesEqualScalarTwinBitForBit() {
        int l = K.lanes();
        int[] sizes = {1, 2, 3, 7, 8, 9, l - 1, l, l + 1, 2 * l - 1, 2 * l + 1, 15, 16, 17, 31, 32, 33};
        for (int m : sizes) {
            for (int n : sizes) {
                for (int k : new int[] {0, 1, 5, 8, 32}) {
                    for (Form form : Form.values()) {
                        check(form, Math.max(m, 1), Math.max(n, 1), k, 1.0, 0.0);
                        check(form, Math.max(m, 1), Math.max(n, 1), k, 0.5, -2.0);
                    }
                }
            }
        }
    }

    /**
     * Products with fewer than 8 rows (direct at any n and k for NN and TN: 4 x 4L, 2 x 4L, 1 x 4L and the edge tiles)
     * and sizes 4L +- 1, 13, 100, 207 and primes; then the same with tight arrays (no offset, leading dimensions
     * equal to the widths, arrays of exactly their size), where the last rows of B have no whole vector after
     * column n - n mod L and the edge copies them.
     */
    @Test
    void gemmFewRowsAwkwardSidesAndTightArraysEqualScalarTwinBitForBit() {
        int l = K.lanes();
        int[] ms = {1, 2, 3, 4, 5, 7};
        int[][] nks = {{4 * l - 1, 13}, {4 * l + 1, 100}, {100, 207}, {207, 3}, {13, 131}, {1, 97}, {2 * l + 3, 1}};
        for (int m : ms) {
            for (int[] nk : nks) {
                for (Form form : Form.values()) {
                    check(form, m, nk[0], nk[1], 1.0, 0.0);
                    check(form, m, nk[0], nk[1], -0.5, 1.5);
                    check(form, m, nk[0], nk[1], 1.0, 1.0, false);
                    check(form, m, nk[0], nk[1], 2.0, 0.0, false);
                }
            }
        }
        for (int[] mnk : new int[][] {{13, 13, 13}, {37, 4 * l + 3, 29}, {l + 1, l - 1 > 0 ? l - 1 : 1, 101},
                {101, 7, 67}, {9, 5, 300}}) {
            for (Form form : Form.values()) {
                check(form, mnk[0], mnk[1], mnk[2], 1.0, 0.0, false);
                check(form, mnk[0], mnk[1], mnk[2], 0.75, -1.0, false);
            }
        }
    }

    private static void check(Form form, int m, int n, int k, double alpha, double beta) {
        check(form, m, n, k, alpha, beta, true);
    }

    /**
     * C = alpha op(A) op(B) + beta C against the scalar twin: with offsets 3 and padded leading dimensions when
     * {@code padded}, else with tight arrays (offset 0, leading dimensions = widths, no spare element).
     */
    static void check(Form form, int m, int n, int k, double alpha, double beta, boolean padded) {
        Random r = new Random(31L * m + 7L * n + k + 1000L * form.ordinal());
        int off = padded ? 3 : 0;
        int aRows = form == Form.TN ? k : m, aCols = form == Form.TN ? m : k;
        int bRows = form == Form.NT ? n : k, bCols = form == Form.NT ? k : n;
        int lda = aCols + (padded ? 5 : 0), ldb = bCols + (padded ? 1 : 0), ldc = n + (padded ? 2 : 0);
        double[] a = random(r, off + Math.max(aRows, 1) * lda);
        double[] b = random(r, off + Math.max(bRows, 1) * ldb);
        double[] c = random(r, off + m * ldc);
        if (beta == 0) {
            Arrays.fill(c, Double.NaN); // beta = 0 overwrites, NaN included (the padding stays NaN)
        }
        double[] got = c.clone(), want = c.clone();
        run(K, form, m, n, k, alpha, a, off, lda, b, off, ldb, beta, got, off, ldc);
        run(SCALAR, form, m, n, k, alpha, a, off, lda, b, off, ldb, beta, want, off, ldc);
        String what = form + " m=" + m + " n=" + n + " k=" + k + " alpha=" + alpha + " beta=" + beta;
        for (int i = 0; i < got.length; i++) {
            if (Double.doubleToRawLongBits(got[i]) != Double.doubleToRawLongBits(want[i])) {
                int row = (i - off) / ldc, col = (i - off) % ldc;
                throw new AssertionError(what + ": differs at " + row + "," + col + ": " + got[i] + " vs " + want[i]);
            }
        }
        // spot checks of the twin against the definition (first, last and a middle element)
        for (int[] ij : new int[][] {{0, 0}, {m - 1, n - 1}, {m / 2, n / 3}}) {
            int i = ij[0], j = ij[1];
            double s = 0, abs = 0;
            for (int p = 0; p < k; p++) {
                double aip = form == Form.TN ? a[off + p * lda + i] : a[off + i * lda + p];
                double bpj = form == Form.NT ? b[off + j * ldb + p] : b[off + p * ldb + j];
                s += aip * bpj;
                abs += Math.abs(aip * bpj);
            }
            double c0 = beta == 0 ? 0 : c[off + i * ldc + j];
            double expected = alpha * s + beta * c0;
            double tol = 2 * (k + 2) * EPS * (Math.abs(alpha) * abs + Math.abs(beta * c0)) + Double.MIN_NORMAL;
            double actual = got[off + i * ldc + j];
            assertTrue(Math.abs(expected - actual) <= tol, what + " at " + i + "," + j + ": " + actual + " vs "
                    + expected);
        }
    }

    static void run(Kernels k, Form form, int m, int n, int kk, double alpha, double[] a, int aOff, int lda,
                    double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        switch (form) {
            case NN -> k.gemm(m, n, kk, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            case NT -> k.gemmNT(m, n, kk, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            case TN -> k.gemmTN(m, n, kk, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /**
     * gemvT: column strips up to 64 KB of matrix (here up to 90 x 90), 8-, 4- and 1-row passes above; both give the
     * twin's bits.
     */
    @Test
    void gemvTEqualsScalarTwinBitForBitOnBothSweeps() {
        int l = K.lanes();
        int[][] shapes = {{1, 1}, {3, 4 * l - 1}, {9, 4 * l}, {17, 4 * l + 3}, {60, 100}, {90, 90}, {91, 91},
                {300, 300}, {5, 4099}, {13, 1000}, {20000, 13}, {257, 513}};
        for (int[] mn : shapes) {
            int m = mn[0], n = mn[1];
            Random r = new Random(m * 7919L + n);
            int lda = n + 3, off = 2;
            double[] a = random(r, off + m * lda), x = random(r, m + 1);
            for (double beta : new double[] {0.0, 1.0, -0.5}) {
                double[] y = random(r, n + 4);
                if (beta == 0) {
                    Arrays.fill(y, Double.NaN);
                }
                double[] got = y.clone(), want = y.clone();
                K.gemvT(m, n, 0.75, a, off, lda, x, 1, beta, got, 2);
                SCALAR.gemvT(m, n, 0.75, a, off, lda, x, 1, beta, want, 2);
                for (int j = 0; j < got.length; j++) {
                    assertEquals(Double.doubleToRawLongBits(want[j]), Double.doubleToRawLongBits(got[j]),
                            "gemvT m=" + m + " n=" + n + " beta=" + beta + " at " + j);
                }
            }
        }
    }

    /** gemv: L-row blocks, a masked column tail, remainder rows; beta = 0 overwrites NaN; offsets untouched. */
    @Test
    void gemvRowBlocksAndTails() {
        int l = K.lanes();
        for (int m : new int[] {1, l - 1, l, l + 1, 2 * l + 3, 8, 9, 17, 64, 257}) {
            for (int n : new int[] {1, l - 1, l, l + 1, 3 * l + 1, 100, 513}) {
                Random r = new Random(1000L * m + n);
                int lda = n + 1, off = 4;
                double[] a = random(r, off + m * lda), x = random(r, n + 2);
                for (double beta : new double[] {0.0, 2.0}) {
                    double[] y = random(r, m + 2);
                    if (beta == 0) {
                        Arrays.fill(y, Double.NaN);
                    }
                    double[] got = y.clone();
                    K.gemv(m, n, -1.5, a, off, lda, x, 2, beta, got, 1);
                    assertTrue(Double.isNaN(got[0]) == (beta == 0) && Double.isNaN(got[m + 1]) == (beta == 0),
                            "gemv wrote outside y[1..m]");
                    for (int i = 0; i < m; i++) {
                        double s = 0, abs = 0;
                        for (int j = 0; j < n; j++) {
                            double t = a[off + i * lda + j] * x[2 + j];
                            s += t;
                            abs += Math.abs(t);
                        }
                        double y0 = beta == 0 ? 0 : y[1 + i];
                        double tol = 2 * (n + 2) * EPS * (1.5 * abs + Math.abs(beta * y0)) + Double.MIN_NORMAL;
                        assertEquals(-1.5 * s + beta * y0, got[1 + i], tol, "gemv m=" + m + " n=" + n + " row " + i);
                    }
                }
            }
        }
    }

    /** gemv computes each row in one fixed order whatever block it falls in: a row alone gives the same bits. */
    @Test
    void gemvRowDoesNotDependOnItsBlock() {
        Random r = new Random(5);
        int m = 3 * K.lanes() + 2, n = 77;
        double[] a = random(r, m * n), x = random(r, n), y = new double[m];
        K.gemv(m, n, 1.0, a, 0, n, x, 0, 0.0, y, 0);
        for (int i = 0; i < m; i++) {
            double[] one = new double[1];
            K.gemv(1, n, 1.0, a, i * n, n, x, 0, 0.0, one, 0);
            assertEquals(Double.doubleToRawLongBits(one[0]), Double.doubleToRawLongBits(y[i]), "row " + i);
        }
    }

    @Test
    void elementwiseKernelsEqualScalarTwinBitForBit() {
        Random r = new Random(9);
        for (int n : new int[] {0, 1, 7, 8, 9, 100, 1025}) {
            double[] x = random(r, n + 3), y = random(r, n + 3);
            double[] g1 = y.clone(), w1 = y.clone();
            K.axpy(n, 0.3, x, 1, g1, 2);
            SCALAR.axpy(n, 0.3, x, 1, w1, 2);
            assertTrue(Arrays.equals(w1, g1), "axpy n=" + n);
            int m = 5;
            double[] a = random(r, m * (n + 1)), g2 = a.clone(), w2 = a.clone(), xm = random(r, m);
            K.ger(m, n, -0.7, xm, 0, y, 1, g2, 0, n + 1);
            SCALAR.ger(m, n, -0.7, xm, 0, y, 1, w2, 0, n + 1);
            assertTrue(Arrays.equals(w2, g2), "ger n=" + n);
        }
    }
}
