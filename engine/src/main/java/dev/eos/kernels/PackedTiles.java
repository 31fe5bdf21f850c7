package dev.eos.kernels;

import static dev.eos.kernels.VectorKernels.L;
import static dev.eos.kernels.VectorKernels.S;

import jdk.incubator.vector.DoubleVector;

/**
 * The 8 x 2L gemm micro-kernel of {@link GemmTiles#tile8x2} on a packed B panel (row p of the panel at
 * {@code b[bo + p*2L]}), with A either packed too ({@link #packedA}: A(r, p) at {@code a[ao + p*8 + r]}) or read in
 * place from 8 rows of a row-major A ({@link #rowsOfA}: A(r, p) at {@code a[ao + r*lda + p]}). Same per-element order,
 * hence the same bits, as every other tile.
 *
 * <p>Why separate copies: here every array index is the loop counter p times a compile-time constant plus a
 * loop-invariant base, so C2 hoists all ten range checks out of the p loop; with the run-time strides of the generic
 * tile they stay in the loop, and at k = 32 the generic tile took about 18% longer per step.
 */
final class PackedTiles {

    /** Columns per micro-tile. */
    static final int NR = 2 * L;

    private PackedTiles() {
    }

    /** A packed 8 x k panel (ap[p*8 + r]), B a packed k x 2L panel. */
    static void packedA(int k, double[] a, int ao, double[] b, int bo, double beta, double[] c, int co, int ldc) {
        int o1 = co + ldc, o2 = o1 + ldc, o3 = o2 + ldc, o4 = o3 + ldc, o5 = o4 + ldc, o6 = o5 + ldc, o7 = o6 + ldc;
        DoubleVector z = DoubleVector.zero(S); // the start when beta = 0 (C is not read)
        DoubleVector c00 = beta == 0 ? z : DoubleVector.fromArray(S, c, co).mul(beta);
        DoubleVector c01 = beta == 0 ? z : DoubleVector.fromArray(S, c, co + L).mul(beta);
        DoubleVector c10 = beta == 0 ? z : DoubleVector.fromArray(S, c, o1).mul(beta);
        DoubleVector c11 = beta == 0 ? z : DoubleVector.fromArray(S, c, o1 + L).mul(beta);
        DoubleVector c20 = beta == 0 ? z : DoubleVector.fromArray(S, c, o2).mul(beta);
        DoubleVector c21 = beta == 0 ? z : DoubleVector.fromArray(S, c, o2 + L).mul(beta);
        DoubleVector c30 = beta == 0 ? z : DoubleVector.fromArray(S, c, o3).mul(beta);
        DoubleVector c31 = beta == 0 ? z : DoubleVector.fromArray(S, c, o3 + L).mul(beta);
        DoubleVector c40 = beta == 0 ? z : DoubleVector.fromArray(S, c, o4).mul(beta);
        DoubleVector c41 = beta == 0 ? z : DoubleVector.fromArray(S, c, o4 + L).mul(beta);
        DoubleVector c50 = beta == 0 ? z : DoubleVector.fromArray(S, c, o5).mul(beta);
        DoubleVector c51 = beta == 0 ? z : DoubleVector.fromArray(S, c, o5 + L).mul(beta);
        DoubleVector c60 = beta == 0 ? z : DoubleVector.fromArray(S, c, o6).mul(beta);
        DoubleVector c61 = beta == 0 ? z : DoubleVector.fromArray(S, c, o6 + L).mul(beta);
        DoubleVector c70 = beta == 0 ? z : DoubleVector.fromArray(S, c, o7).mul(beta);
        DoubleVector c71 = beta == 0 ? z : DoubleVector.fromArray(S, c, o7 + L).mul(beta);
        for (int p = 0; p < k; p++) {
            int pb = bo + p * NR, pa = ao + p * 8;
            DoubleVector b0 = DoubleVector.fromArray(S, b, pb), b1 = DoubleVector.fromArray(S, b, pb + L);
            DoubleVector v = DoubleVector.broadcast(S, a[pa]);
            c00 = v.fma(b0, c00);
            c01 = v.fma(b1, c01);
            v = DoubleVector.broadcast(S, a[pa + 1]);
            c10 = v.fma(b0, c10);
            c11 = v.fma(b1, c11);
            v = DoubleVector.broadcast(S, a[pa + 2]);
            c20 = v.fma(b0, c20);
            c21 = v.fma(b1, c21);
            v = DoubleVector.broadcast(S, a[pa + 3]);
            c30 = v.fma(b0, c30);
            c31 = v.fma(b1, c31);
            v = DoubleVector.broadcast(S, a[pa + 4]);
            c40 = v.fma(b0, c40);
            c41 = v.fma(b1, c41);
            v = DoubleVector.broadcast(S, a[pa + 5]);
            c50 = v.fma(b0, c50);
            c51 = v.fma(b1, c51);
            v = DoubleVector.broadcast(S, a[pa + 6]);
            c60 = v.fma(b0, c60);
            c61 = v.fma(b1, c61);
            v = DoubleVector.broadcast(S, a[pa + 7]);
            c70 = v.fma(b0, c70);
            c71 = v.fma(b1, c71);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + L);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + L);
        c20.intoArray(c, o2);
        c21.intoArray(c, o2 + L);
        c30.intoArray(c, o3);
        c31.intoArray(c, o3 + L);
        c40.intoArray(c, o4);
        c41.intoArray(c, o4 + L);
        c50.intoArray(c, o5);
        c51.intoArray(c, o5 + L);
        c60.intoArray(c, o6);
        c61.intoArray(c, o6 + L);
        c70.intoArray(c, o7);
        c71.intoArray(c, o7 + L);
    }


    /** A read in place: rows ao, ao + lda, ..., ao + 7 lda, unit stride in p; B a packed k x 2L panel. */
    static void rowsOfA(int k, double[] a, int ao, int lda, double[] b, int bo, double beta, double[] c, int co,
                        int ldc) {
        int o1 = co + ldc, o2 = o1 + ldc, o3 = o2 + ldc, o4 = o3 + ldc, o5 = o4 + ldc, o6 = o5 + ldc, o7 = o6 + ldc;
        DoubleVector z = DoubleVector.zero(S); // the start when beta = 0 (C is not read)
        DoubleVector c00 = beta == 0 ? z : DoubleVector.fromArray(S, c, co).mul(beta);
        DoubleVector c01 = beta == 0 ? z : DoubleVector.fromArray(S, c, co + L).mul(beta);
        DoubleVector c10 = beta == 0 ? z : DoubleVector.fromArray(S, c, o1).mul(beta);
        DoubleVector c11 = beta == 0 ? z : DoubleVector.fromArray(S, c, o1 + L).mul(beta);
        DoubleVector c20 = beta == 0 ? z : DoubleVector.fromArray(S, c, o2).mul(beta);
        DoubleVector c21 = beta == 0 ? z : DoubleVector.fromArray(S, c, o2 + L).mul(beta);
        DoubleVector c30 = beta == 0 ? z : DoubleVector.fromArray(S, c, o3).mul(beta);
        DoubleVector c31 = beta == 0 ? z : DoubleVector.fromArray(S, c, o3 + L).mul(beta);
        DoubleVector c40 = beta == 0 ? z : DoubleVector.fromArray(S, c, o4).mul(beta);
        DoubleVector c41 = beta == 0 ? z : DoubleVector.fromArray(S, c, o4 + L).mul(beta);
        DoubleVector c50 = beta == 0 ? z : DoubleVector.fromArray(S, c, o5).mul(beta);
        DoubleVector c51 = beta == 0 ? z : DoubleVector.fromArray(S, c, o5 + L).mul(beta);
        DoubleVector c60 = beta == 0 ? z : DoubleVector.fromArray(S, c, o6).mul(beta);
        DoubleVector c61 = beta == 0 ? z : DoubleVector.fromArray(S, c, o6 + L).mul(beta);
        DoubleVector c70 = beta == 0 ? z : DoubleVector.fromArray(S, c, o7).mul(beta);
        DoubleVector c71 = beta == 0 ? z : DoubleVector.fromArray(S, c, o7 + L).mul(beta);
        int a0 = ao, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda, a6 = a5 + lda,
                a7 = a6 + lda;
        for (int p = 0; p < k; p++) {
            int pb = bo + p * NR;
            DoubleVector b0 = DoubleVector.fromArray(S, b, pb), b1 = DoubleVector.fromArray(S, b, pb + L);
            DoubleVector v = DoubleVector.broadcast(S, a[a0 + p]);
            c00 = v.fma(b0, c00);
            c01 = v.fma(b1, c01);
            v = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = v.fma(b0, c10);
            c11 = v.fma(b1, c11);
            v = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = v.fma(b0, c20);
            c21 = v.fma(b1, c21);
            v = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = v.fma(b0, c30);
            c31 = v.fma(b1, c31);
            v = DoubleVector.broadcast(S, a[a4 + p]);
            c40 = v.fma(b0, c40);
            c41 = v.fma(b1, c41);
            v = DoubleVector.broadcast(S, a[a5 + p]);
            c50 = v.fma(b0, c50);
            c51 = v.fma(b1, c51);
            v = DoubleVector.broadcast(S, a[a6 + p]);
            c60 = v.fma(b0, c60);
            c61 = v.fma(b1, c61);
            v = DoubleVector.broadcast(S, a[a7 + p]);
            c70 = v.fma(b0, c70);
            c71 = v.fma(b1, c71);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + L);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + L);
        c20.intoArray(c, o2);
        c21.intoArray(c, o2 + L);
        c30.intoArray(c, o3);
        c31.intoArray(c, o3 + L);
        c40.intoArray(c, o4);
        c41.intoArray(c, o4 + L);
        c50.intoArray(c, o5);
        c51.intoArray(c, o5 + L);
        c60.intoArray(c, o6);
        c61.intoArray(c, o6 + L);
        c70.intoArray(c, o7);
        c71.intoArray(c, o7 + L);
    }

}
