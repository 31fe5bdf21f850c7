package dev.eos.kernels;

import static dev.eos.kernels.VectorKernels.L;
import static dev.eos.kernels.VectorKernels.S;

import jdk.incubator.vector.DoubleVector;

/**
 * Register-tiled gemm micro-kernels: C[tile] := start + sum_p A(i, p) B(p, j), one fused multiply-add per term in
 * increasing p, with A(i, p) at {@code a[ao + i*ars + p*acs]} (so a row-major A, a transposed A and a packed panel
 * are all one code path) and row p of B at {@code b[bo + p*ldb]}, contiguous in j.
 *
 * <p>The start is 0 when {@code beta == 0} (C is not read: NaN there is overwritten), C itself when beta = 1, else
 * beta*C rounded, written in place in every tile (no helper returns a vector: see {@link EdgeTiles}). Every kernel
 * computes each element of C in exactly this order, so tiles of any size, packed or not, give the bits of
 * {@link ScalarKernels#gemm} (which folds alpha into A the same way before calling here).
 *
 * <p>{@link #tile4x4} and {@link #tile8x2} hold 16 vectors of C in registers (4 rows x 4 vectors, 8 rows x 2):
 * per p 8 or 10 loads (B vectors and A broadcasts) feed 16 FMAs (about 125 GFLOP/s at L = 8 with operands in L1, the
 * machine's peak being about 135). {@link #tile8x1} and the tiles of {@link EdgeTiles} cover the edges in whole
 * vectors; {@link #block} the last n mod L columns through a zero-padded copy.
 */
final class GemmTiles {

    private GemmTiles() {
    }

    /** The full tile: rows 0..7 of A, columns [0, 2L) of B and C. */
    static void tile8x2(int k, double[] a, int ao, int ars, int acs, double[] b, int bo, int ldb,
                        double beta, double[] c, int co, int ldc) {
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
        int a0 = ao, a1 = a0 + ars, a2 = a1 + ars, a3 = a2 + ars, a4 = a3 + ars, a5 = a4 + ars, a6 = a5 + ars,
                a7 = a6 + ars;
        for (int p = 0; p < k; p++) {
            int pb = bo + p * ldb, pa = p * acs;
            DoubleVector b0 = DoubleVector.fromArray(S, b, pb), b1 = DoubleVector.fromArray(S, b, pb + L);
            DoubleVector v = DoubleVector.broadcast(S, a[a0 + pa]);
            c00 = v.fma(b0, c00);
            c01 = v.fma(b1, c01);
            v = DoubleVector.broadcast(S, a[a1 + pa]);
            c10 = v.fma(b0, c10);
            c11 = v.fma(b1, c11);
            v = DoubleVector.broadcast(S, a[a2 + pa]);
            c20 = v.fma(b0, c20);
            c21 = v.fma(b1, c21);
            v = DoubleVector.broadcast(S, a[a3 + pa]);
            c30 = v.fma(b0, c30);
            c31 = v.fma(b1, c31);
            v = DoubleVector.broadcast(S, a[a4 + pa]);
            c40 = v.fma(b0, c40);
            c41 = v.fma(b1, c41);
            v = DoubleVector.broadcast(S, a[a5 + pa]);
            c50 = v.fma(b0, c50);
            c51 = v.fma(b1, c51);
            v = DoubleVector.broadcast(S, a[a6 + pa]);
            c60 = v.fma(b0, c60);
            c61 = v.fma(b1, c61);
            v = DoubleVector.broadcast(S, a[a7 + pa]);
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

    /**
     * {@link #tile8x2} for A with unit stride in p (a row-major A): its eight indices are then p plus a constant, so
     * C2 hoists their range checks and only B's two stay in the loop (about 10% faster at k = 32).
     */
    static void tile8x2Rows(int k, double[] a, int ao, int lda, double[] b, int bo, int ldb,
                            double beta, double[] c, int co, int ldc) {
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
            int pb = bo + p * ldb;
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

    /**
     * Rows 0..3, columns [0, 4L): per p, 4 vectors of B and 4 broadcasts of A for 16 FMAs. With A read in place this
     * is the better shape for small products (n = 32: about 125 GFLOP/s against 100 for the 8 x 2L tile): a quarter
     * of the A streams, and twice the reuse of each B load.
     */
    static void tile4x4(int k, double[] a, int ao, int ars, int acs, double[] b, int bo, int ldb,
                        double beta, double[] c, int co, int ldc) {
        int o1 = co + ldc, o2 = o1 + ldc, o3 = o2 + ldc;
        DoubleVector z = DoubleVector.zero(S); // the start when beta = 0 (C is not read)
        DoubleVector c00 = beta == 0 ? z : DoubleVector.fromArray(S, c, co).mul(beta);
        DoubleVector c01 = beta == 0 ? z : DoubleVector.fromArray(S, c, co + L).mul(beta);
        DoubleVector c02 = beta == 0 ? z : DoubleVector.fromArray(S, c, co + 2 * L).mul(beta);
        DoubleVector c03 = beta == 0 ? z : DoubleVector.fromArray(S, c, co + 3 * L).mul(beta);
        DoubleVector c10 = beta == 0 ? z : DoubleVector.fromArray(S, c, o1).mul(beta);
        DoubleVector c11 = beta == 0 ? z : DoubleVector.fromArray(S, c, o1 + L).mul(beta);
        DoubleVector c12 = beta == 0 ? z : DoubleVector.fromArray(S, c, o1 + 2 * L).mul(beta);
        DoubleVector c13 = beta == 0 ? z : DoubleVector.fromArray(S, c, o1 + 3 * L).mul(beta);
        DoubleVector c20 = beta == 0 ? z : DoubleVector.fromArray(S, c, o2).mul(beta);
        DoubleVector c21 = beta == 0 ? z : DoubleVector.fromArray(S, c, o2 + L).mul(beta);
        DoubleVector c22 = beta == 0 ? z : DoubleVector.fromArray(S, c, o2 + 2 * L).mul(beta);
        DoubleVector c23 = beta == 0 ? z : DoubleVector.fromArray(S, c, o2 + 3 * L).mul(beta);
        DoubleVector c30 = beta == 0 ? z : DoubleVector.fromArray(S, c, o3).mul(beta);
        DoubleVector c31 = beta == 0 ? z : DoubleVector.fromArray(S, c, o3 + L).mul(beta);
        DoubleVector c32 = beta == 0 ? z : DoubleVector.fromArray(S, c, o3 + 2 * L).mul(beta);
        DoubleVector c33 = beta == 0 ? z : DoubleVector.fromArray(S, c, o3 + 3 * L).mul(beta);
        int a0 = ao, a1 = a0 + ars, a2 = a1 + ars, a3 = a2 + ars;
        for (int p = 0; p < k; p++) {
            int pb = bo + p * ldb, pa = p * acs;
            DoubleVector b0 = DoubleVector.fromArray(S, b, pb), b1 = DoubleVector.fromArray(S, b, pb + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, pb + 2 * L), b3 = DoubleVector.fromArray(S, b, pb + 3 * L);
            DoubleVector v = DoubleVector.broadcast(S, a[a0 + pa]);
            c00 = v.fma(b0, c00);
            c01 = v.fma(b1, c01);
            c02 = v.fma(b2, c02);
            c03 = v.fma(b3, c03);
            v = DoubleVector.broadcast(S, a[a1 + pa]);
            c10 = v.fma(b0, c10);
            c11 = v.fma(b1, c11);
            c12 = v.fma(b2, c12);
            c13 = v.fma(b3, c13);
            v = DoubleVector.broadcast(S, a[a2 + pa]);
            c20 = v.fma(b0, c20);
            c21 = v.fma(b1, c21);
            c22 = v.fma(b2, c22);
            c23 = v.fma(b3, c23);
            v = DoubleVector.broadcast(S, a[a3 + pa]);
            c30 = v.fma(b0, c30);
            c31 = v.fma(b1, c31);
            c32 = v.fma(b2, c32);
            c33 = v.fma(b3, c33);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + L);
        c02.intoArray(c, co + 2 * L);
        c03.intoArray(c, co + 3 * L);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + L);
        c12.intoArray(c, o1 + 2 * L);
        c13.intoArray(c, o1 + 3 * L);
        c20.intoArray(c, o2);
        c21.intoArray(c, o2 + L);
        c22.intoArray(c, o2 + 2 * L);
        c23.intoArray(c, o2 + 3 * L);
        c30.intoArray(c, o3);
        c31.intoArray(c, o3 + L);
        c32.intoArray(c, o3 + 2 * L);
        c33.intoArray(c, o3 + 3 * L);
    }

    /** Rows 0..7, columns [0, L) of B and C. */
    static void tile8x1(int k, double[] a, int ao, int ars, int acs, double[] b, int bo, int ldb,
                        double beta, double[] c, int co, int ldc) {
        int o1 = co + ldc, o2 = o1 + ldc, o3 = o2 + ldc, o4 = o3 + ldc, o5 = o4 + ldc, o6 = o5 + ldc, o7 = o6 + ldc;
        DoubleVector z = DoubleVector.zero(S); // the start when beta = 0 (C is not read)
        DoubleVector c0 = beta == 0 ? z : DoubleVector.fromArray(S, c, co).mul(beta);
        DoubleVector c1 = beta == 0 ? z : DoubleVector.fromArray(S, c, o1).mul(beta);
        DoubleVector c2 = beta == 0 ? z : DoubleVector.fromArray(S, c, o2).mul(beta);
        DoubleVector c3 = beta == 0 ? z : DoubleVector.fromArray(S, c, o3).mul(beta);
        DoubleVector c4 = beta == 0 ? z : DoubleVector.fromArray(S, c, o4).mul(beta);
        DoubleVector c5 = beta == 0 ? z : DoubleVector.fromArray(S, c, o5).mul(beta);
        DoubleVector c6 = beta == 0 ? z : DoubleVector.fromArray(S, c, o6).mul(beta);
        DoubleVector c7 = beta == 0 ? z : DoubleVector.fromArray(S, c, o7).mul(beta);
        int a0 = ao, a1 = a0 + ars, a2 = a1 + ars, a3 = a2 + ars, a4 = a3 + ars, a5 = a4 + ars, a6 = a5 + ars,
                a7 = a6 + ars;
        for (int p = 0; p < k; p++) {
            int pa = p * acs;
            DoubleVector bv = DoubleVector.fromArray(S, b, bo + p * ldb);
            c0 = DoubleVector.broadcast(S, a[a0 + pa]).fma(bv, c0);
            c1 = DoubleVector.broadcast(S, a[a1 + pa]).fma(bv, c1);
            c2 = DoubleVector.broadcast(S, a[a2 + pa]).fma(bv, c2);
            c3 = DoubleVector.broadcast(S, a[a3 + pa]).fma(bv, c3);
            c4 = DoubleVector.broadcast(S, a[a4 + pa]).fma(bv, c4);
            c5 = DoubleVector.broadcast(S, a[a5 + pa]).fma(bv, c5);
            c6 = DoubleVector.broadcast(S, a[a6 + pa]).fma(bv, c6);
            c7 = DoubleVector.broadcast(S, a[a7 + pa]).fma(bv, c7);
        }
        c0.intoArray(c, co);
        c1.intoArray(c, o1);
        c2.intoArray(c, o2);
        c3.intoArray(c, o3);
        c4.intoArray(c, o4);
        c5.intoArray(c, o5);
        c6.intoArray(c, o6);
        c7.intoArray(c, o7);
    }

    /**
     * C := start + A B over an m x n block. Columns [0, nv) (whole vectors, nv = n - n mod L) by
     * {@link #vectorColumns}; the last w = n mod L columns by the same tiles into an m x L copy of them in
     * {@code ws} (at least (k + m) L doubles), then copied back. Those tiles load whole vectors of B in place (lanes
     * past w read whatever follows in the array: their sums are dropped), except the last rows of B, whose whole
     * vector would run past the end of the array: those are copied into {@code ws}, zero-padded, and the sums go on
     * from the copy of C (stored exactly, so each element keeps its order). No masked vectors: a masked load that
     * may reach past the end of an array compiles, once that case has been seen, to a path that boxes vectors; and
     * plain Java for the edge was 5x slower than this at n = 13.
     */
    static void block(int m, int n, int k, double[] a, int ao, int ars, int acs, double[] b, int bo, int ldb,
                      double beta, double[] c, int co, int ldc, double[] ws) {
        int nv = n & -L;
        vectorColumns(m, nv, k, a, ao, ars, acs, b, bo, ldb, beta, c, co, ldc);
        if (nv == n) {
            return;
        }
        int w = n - nv, cq = k * L;
        if (beta != 0) {
            for (int i = 0; i < m; i++) {
                int src = co + i * ldc + nv, dst = cq + i * L;
                for (int jj = 0; jj < w; jj++) {
                    ws[dst + jj] = c[src + jj];
                }
            }
        }
        // rows p < kIn of B have a whole vector in the array from column nv
        long room = (long) b.length - L - bo - nv;
        int kIn = room < 0 ? 0 : (int) Math.min(k, room / ldb + 1);
        if (kIn > 0 || k == 0) {
            vectorColumns(m, L, kIn, a, ao, ars, acs, b, bo + nv, ldb, beta, ws, cq, L);
        }
        if (kIn < k) {
            for (int p = kIn; p < k; p++) {
                int src = bo + p * ldb + nv, dst = (p - kIn) * L;
                for (int jj = 0; jj < L; jj++) {
                    ws[dst + jj] = jj < w ? b[src + jj] : 0.0;
                }
            }
            vectorColumns(m, L, k - kIn, a, ao + kIn * acs, ars, acs, ws, 0, L, kIn == 0 ? beta : 1.0, ws, cq, L);
        }
        for (int i = 0; i < m; i++) {
            int src = cq + i * L, dst = co + i * ldc + nv;
            for (int jj = 0; jj < w; jj++) {
                c[dst + jj] = ws[src + jj];
            }
        }
    }

    /**
     * Columns [0, nv) of C (nv a multiple of L). Columns [0, n4), n4 = nv rounded down to 4L: 4 x 4L tiles, then
     * 2 x 4L and 1 x 4L for the last m mod 4 rows. Columns [n4, nv) (one to three vectors): 8 x 2L and 8 x L tiles,
     * then 4 x 2L and 4 x L, then single rows.
     */
    static void vectorColumns(int m, int nv, int k, double[] a, int ao, int ars, int acs, double[] b, int bo,
                              int ldb, double beta, double[] c, int co, int ldc) {
        int n4 = nv & -(4 * L);
        int i = 0;
        if (n4 > 0) {
            for (; i + 4 <= m; i += 4) {
                for (int j = 0; j < n4; j += 4 * L) {
                    tile4x4(k, a, ao + i * ars, ars, acs, b, bo + j, ldb, beta, c, co + i * ldc + j, ldc);
                }
            }
            for (; i + 2 <= m; i += 2) {
                for (int j = 0; j < n4; j += 4 * L) {
                    EdgeTiles.tile2x4(k, a, ao + i * ars, ars, acs, b, bo + j, ldb, beta, c, co + i * ldc + j, ldc);
                }
            }
            if (i < m) {
                for (int j = 0; j < n4; j += 4 * L) {
                    EdgeTiles.tile1x4(k, a, ao + i * ars, ars, acs, b, bo + j, ldb, beta, c, co + i * ldc + j, ldc);
                }
            }
        }
        if (n4 == nv) {
            return;
        }
        int j2 = n4 + ((nv - n4) & -(2 * L)); // [n4, j2): a 2L-wide strip or none; [j2, nv): one vector or none
        i = 0;
        for (; i + 8 <= m; i += 8) {
            int ai = ao + i * ars, ci = co + i * ldc;
            if (n4 < j2 && acs == 1) {
                tile8x2Rows(k, a, ai, ars, b, bo + n4, ldb, beta, c, ci + n4, ldc);
            } else if (n4 < j2) {
                tile8x2(k, a, ai, ars, acs, b, bo + n4, ldb, beta, c, ci + n4, ldc);
            }
            if (j2 < nv) {
                tile8x1(k, a, ai, ars, acs, b, bo + j2, ldb, beta, c, ci + j2, ldc);
            }
        }
        for (; i + 4 <= m; i += 4) {
            int ai = ao + i * ars, ci = co + i * ldc;
            if (n4 < j2) {
                EdgeTiles.tile4x2(k, a, ai, ars, acs, b, bo + n4, ldb, beta, c, ci + n4, ldc);
            }
            if (j2 < nv) {
                EdgeTiles.tile4x1(k, a, ai, ars, acs, b, bo + j2, ldb, beta, c, ci + j2, ldc);
            }
        }
        for (; i < m; i++) {
            int ai = ao + i * ars, ci = co + i * ldc;
            if (n4 < j2) {
                EdgeTiles.tile1x2(k, a, ai, ars, acs, b, bo + n4, ldb, beta, c, ci + n4, ldc);
            }
            if (j2 < nv) {
                EdgeTiles.tile1x1(k, a, ai, ars, acs, b, bo + j2, ldb, beta, c, ci + j2, ldc);
            }
        }
    }
}
