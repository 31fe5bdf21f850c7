package dev.eos.kernels;

import static dev.eos.kernels.VectorKernels.L;
import static dev.eos.kernels.VectorKernels.S;

import jdk.incubator.vector.DoubleVector;

/**
 * The micro-kernels of {@link NarrowGemm}: a strip of R = 2L rows of C times one to four of its columns, held in
 * registers as columns (vector q of column j = rows [qL, qL + L) of C(:, j)), so a narrow B costs no padding.
 *
 * <p>Per p the strip reads the 2L values A(i, p) of its rows as two vectors at {@code a[ao + p*as]} and
 * {@code a[ao + p*as + L]} (a packed panel with as = 2L, or a row of a transposed A read in place with as = lda), and
 * B(p, j) at {@code b[bo + p*bps + j*bjs]}. Each element follows the order of every gemm path
 * ({@link VectorGemm}): start at beta*C (0 when beta = 0: C is not read), then
 * {@code fma(alpha*A(i,p), B(p,j), .)} for p = 0, 1, ..., k-1, with alpha*A(i,p) rounded once (times 1 is exact).
 *
 * <p>C is read and written through a small tile {@code t} (column j at t[jR ..]) by plain loops: C's columns are
 * strided, and only the first {@code rows} rows are C (rows past them are padding lanes, whose sums are dropped).
 * Every vector is a local of one method ({@link #start} is under 35 bytecodes, always inlined): nothing is boxed.
 */
final class NarrowTiles {

    /** Rows per strip. */
    static final int R = 2 * L;
    /** The most columns one kernel holds (the tile is R x COLS). */
    static final int COLS = 4;

    private NarrowTiles() {
    }

    private static DoubleVector start(double beta, double[] t, int idx) {
        return beta == 0 ? DoubleVector.zero(S) : DoubleVector.fromArray(S, t, idx).mul(beta);
    }

    /** t[jR + r] := C(r, j) for r < rows, j < cols. */
    private static void gather(double[] c, int co, int ldc, int rows, int cols, double[] t) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                t[j * R + r] = c[co + r * ldc + j];
            }
        }
    }

    /** C(r, j) := t[jR + r] for r < rows, j < cols. */
    private static void scatter(double[] t, int cols, int rows, double[] c, int co, int ldc) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                c[co + r * ldc + j] = t[j * R + r];
            }
        }
    }

    /** One column of C: 2 accumulator chains. */
    static void cols1(int k, double alpha, double[] a, int ao, int as, double[] b, int bo, int bps, int bjs,
                      double beta, double[] c, int co, int ldc, int rows, double[] t) {
        if (beta != 0) {
            gather(c, co, ldc, rows, 1, t);
        }
        DoubleVector c00 = start(beta, t, 0), c01 = start(beta, t, L);
        int b0 = bo;
        for (int p = 0; p < k; p++) {
            int pa = ao + p * as, pb = p * bps;
            DoubleVector v0 = DoubleVector.fromArray(S, a, pa).mul(alpha);
            DoubleVector v1 = DoubleVector.fromArray(S, a, pa + L).mul(alpha);
            DoubleVector w = DoubleVector.broadcast(S, b[b0 + pb]);
            c00 = v0.fma(w, c00);
            c01 = v1.fma(w, c01);
        }
        c00.intoArray(t, 0);
        c01.intoArray(t, L);
        scatter(t, 1, rows, c, co, ldc);
    }

    /** Two columns of C: 4 accumulator chains. */
    static void cols2(int k, double alpha, double[] a, int ao, int as, double[] b, int bo, int bps, int bjs,
                      double beta, double[] c, int co, int ldc, int rows, double[] t) {
        if (beta != 0) {
            gather(c, co, ldc, rows, 2, t);
        }
        DoubleVector c00 = start(beta, t, 0), c01 = start(beta, t, L);
        DoubleVector c10 = start(beta, t, R), c11 = start(beta, t, R + L);
        int b0 = bo, b1 = bo + bjs;
        for (int p = 0; p < k; p++) {
            int pa = ao + p * as, pb = p * bps;
            DoubleVector v0 = DoubleVector.fromArray(S, a, pa).mul(alpha);
            DoubleVector v1 = DoubleVector.fromArray(S, a, pa + L).mul(alpha);
            DoubleVector w = DoubleVector.broadcast(S, b[b0 + pb]);
            c00 = v0.fma(w, c00);
            c01 = v1.fma(w, c01);
            w = DoubleVector.broadcast(S, b[b1 + pb]);
            c10 = v0.fma(w, c10);
            c11 = v1.fma(w, c11);
        }
        c00.intoArray(t, 0);
        c01.intoArray(t, L);
        c10.intoArray(t, R);
        c11.intoArray(t, R + L);
        scatter(t, 2, rows, c, co, ldc);
    }

    /** Three columns of C: 6 accumulator chains. */
    static void cols3(int k, double alpha, double[] a, int ao, int as, double[] b, int bo, int bps, int bjs,
                      double beta, double[] c, int co, int ldc, int rows, double[] t) {
        if (beta != 0) {
            gather(c, co, ldc, rows, 3, t);
        }
        DoubleVector c00 = start(beta, t, 0), c01 = start(beta, t, L);
        DoubleVector c10 = start(beta, t, R), c11 = start(beta, t, R + L);
        DoubleVector c20 = start(beta, t, 2 * R), c21 = start(beta, t, 2 * R + L);
        int b0 = bo, b1 = bo + bjs, b2 = bo + 2 * bjs;
        for (int p = 0; p < k; p++) {
            int pa = ao + p * as, pb = p * bps;
            DoubleVector v0 = DoubleVector.fromArray(S, a, pa).mul(alpha);
            DoubleVector v1 = DoubleVector.fromArray(S, a, pa + L).mul(alpha);
            DoubleVector w = DoubleVector.broadcast(S, b[b0 + pb]);
            c00 = v0.fma(w, c00);
            c01 = v1.fma(w, c01);
            w = DoubleVector.broadcast(S, b[b1 + pb]);
            c10 = v0.fma(w, c10);
            c11 = v1.fma(w, c11);
            w = DoubleVector.broadcast(S, b[b2 + pb]);
            c20 = v0.fma(w, c20);
            c21 = v1.fma(w, c21);
        }
        c00.intoArray(t, 0);
        c01.intoArray(t, L);
        c10.intoArray(t, R);
        c11.intoArray(t, R + L);
        c20.intoArray(t, 2 * R);
        c21.intoArray(t, 2 * R + L);
        scatter(t, 3, rows, c, co, ldc);
    }

    /** Four columns of C: 8 accumulator chains. */
    static void cols4(int k, double alpha, double[] a, int ao, int as, double[] b, int bo, int bps, int bjs,
                      double beta, double[] c, int co, int ldc, int rows, double[] t) {
        if (beta != 0) {
            gather(c, co, ldc, rows, 4, t);
        }
        DoubleVector c00 = start(beta, t, 0), c01 = start(beta, t, L);
        DoubleVector c10 = start(beta, t, R), c11 = start(beta, t, R + L);
        DoubleVector c20 = start(beta, t, 2 * R), c21 = start(beta, t, 2 * R + L);
        DoubleVector c30 = start(beta, t, 3 * R), c31 = start(beta, t, 3 * R + L);
        int b0 = bo, b1 = bo + bjs, b2 = bo + 2 * bjs, b3 = bo + 3 * bjs;
        for (int p = 0; p < k; p++) {
            int pa = ao + p * as, pb = p * bps;
            DoubleVector v0 = DoubleVector.fromArray(S, a, pa).mul(alpha);
            DoubleVector v1 = DoubleVector.fromArray(S, a, pa + L).mul(alpha);
            DoubleVector w = DoubleVector.broadcast(S, b[b0 + pb]);
            c00 = v0.fma(w, c00);
            c01 = v1.fma(w, c01);
            w = DoubleVector.broadcast(S, b[b1 + pb]);
            c10 = v0.fma(w, c10);
            c11 = v1.fma(w, c11);
            w = DoubleVector.broadcast(S, b[b2 + pb]);
            c20 = v0.fma(w, c20);
            c21 = v1.fma(w, c21);
            w = DoubleVector.broadcast(S, b[b3 + pb]);
            c30 = v0.fma(w, c30);
            c31 = v1.fma(w, c31);
        }
        c00.intoArray(t, 0);
        c01.intoArray(t, L);
        c10.intoArray(t, R);
        c11.intoArray(t, R + L);
        c20.intoArray(t, 2 * R);
        c21.intoArray(t, 2 * R + L);
        c30.intoArray(t, 3 * R);
        c31.intoArray(t, 3 * R + L);
        scatter(t, 4, rows, c, co, ldc);
    }
}
