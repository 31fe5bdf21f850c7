package dev.eos.kernels;

import static dev.eos.kernels.VectorKernels.L;
import static dev.eos.kernels.VectorKernels.S;

import jdk.incubator.vector.DoubleVector;

/**
 * The micro-kernels of {@link NarrowGemm}: a strip of R = 2L rows of C times one to four of its columns, held in
 * registers as columns (vector q of column j = rows [qL, qL + L) of C(:, j)), so a narrow B costs no padding.
 *
 * <p>Each kernel works on a tile {@code t} (column j of the strip at t[jR, jR + R)) that already holds the start of
 * every element (beta*C, or 0 when beta = 0: {@link NarrowGemm} fills it), loads it into registers, adds
 * {@code fma(alpha*A(i,p), B(p,j), .)} for p = 0, 1, ..., k-1 in this order (alpha*A(i,p) rounded once; times 1 is
 * exact) and stores it back: the order of every gemm path ({@link VectorGemm}). Per p the strip reads the 2L values
 * A(i, p) of its rows as two vectors at {@code a[ao + p*as]} and {@code a[ao + p*as + L]} (a packed panel with
 * as = 2L, or a row of a transposed A read in place with as = lda), and B(p, j) at {@code b[bo + p*bps + j*bjs]}.
 *
 * <p>No vector crosses a method boundary: every vector is a local of one kernel, which calls nothing but the
 * Vector API. A helper that returns a vector is inlined only if C2's profile says its call site is warm; when it
 * is not ("low call site frequency", seen here in NoAllocationTest under a loaded machine), the vector is boxed on
 * every call.
 */
final class NarrowTiles {

    /** Rows per strip. */
    static final int R = 2 * L;
    /** The most columns one kernel holds (the tile is R x COLS). */
    static final int COLS = 4;

    private NarrowTiles() {
    }

    /** One column of C: 2 accumulator chains. */
    static void cols1(int k, double alpha, double[] a, int ao, int as, double[] b, int bo, int bps, int bjs,
                      double[] t) {
        DoubleVector c00 = DoubleVector.fromArray(S, t, 0), c01 = DoubleVector.fromArray(S, t, L);
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
    }

    /** Two columns of C: 4 accumulator chains. */
    static void cols2(int k, double alpha, double[] a, int ao, int as, double[] b, int bo, int bps, int bjs,
                      double[] t) {
        DoubleVector c00 = DoubleVector.fromArray(S, t, 0), c01 = DoubleVector.fromArray(S, t, L);
        DoubleVector c10 = DoubleVector.fromArray(S, t, R), c11 = DoubleVector.fromArray(S, t, R + L);
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
    }

    /** Three columns of C: 6 accumulator chains. */
    static void cols3(int k, double alpha, double[] a, int ao, int as, double[] b, int bo, int bps, int bjs,
                      double[] t) {
        DoubleVector c00 = DoubleVector.fromArray(S, t, 0), c01 = DoubleVector.fromArray(S, t, L);
        DoubleVector c10 = DoubleVector.fromArray(S, t, R), c11 = DoubleVector.fromArray(S, t, R + L);
        DoubleVector c20 = DoubleVector.fromArray(S, t, 2 * R), c21 = DoubleVector.fromArray(S, t, 2 * R + L);
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
    }

    /** Four columns of C: 8 accumulator chains. */
    static void cols4(int k, double alpha, double[] a, int ao, int as, double[] b, int bo, int bps, int bjs,
                      double[] t) {
        DoubleVector c00 = DoubleVector.fromArray(S, t, 0), c01 = DoubleVector.fromArray(S, t, L);
        DoubleVector c10 = DoubleVector.fromArray(S, t, R), c11 = DoubleVector.fromArray(S, t, R + L);
        DoubleVector c20 = DoubleVector.fromArray(S, t, 2 * R), c21 = DoubleVector.fromArray(S, t, 2 * R + L);
        DoubleVector c30 = DoubleVector.fromArray(S, t, 3 * R), c31 = DoubleVector.fromArray(S, t, 3 * R + L);
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
    }
}
