package dev.eos.kernels;

import static dev.eos.kernels.VectorKernels.L;
import static dev.eos.kernels.VectorKernels.S;

import jdk.incubator.vector.DoubleVector;

/**
 * The small gemm tiles for the rows and columns the main tiles of {@link GemmTiles} leave over (m mod 4 or m mod 8
 * rows, products with fewer than 4 rows, up to three vectors of columns): C[tile] := start + sum_p A(i, p) B(p, j)
 * in the per-element order of every tile (start = beta*C, or 0 when beta = 0; one FMA per p, p increasing), with
 * A(i, p) at {@code a[ao + i*ars + p*acs]} and row p of B at {@code b[bo + p*ldb]}.
 *
 * <p>Each tile keeps at least 4 independent accumulator chains where its shape allows (an FMA has a latency of 4
 * cycles, so one chain per row ran at a quarter of the FMA rate), and all its vectors are locals of one method that
 * calls nothing but the Vector API, so nothing is boxed. (The start used to be a 28-bytecode helper returning a
 * vector; C2 inlines such a helper only while its budget lasts: with these tiles inlined into
 * {@link GemmTiles#vectorColumns}, NoAllocationTest caught it not inlined, "NodeCountInliningCutoff", and the
 * returned vector boxed on every call.)
 */
final class EdgeTiles {

    private EdgeTiles() {
    }


    /** Rows 0..3, columns [0, 2L): 8 accumulator chains. */
    static void tile4x2(int k, double[] a, int ao, int ars, int acs, double[] b, int bo, int ldb,
                double beta, double[] c, int co, int ldc) {
        int o0 = co, a0 = ao;
        int o1 = co + ldc, a1 = ao + ars;
        int o2 = co + 2 * ldc, a2 = ao + 2 * ars;
        int o3 = co + 3 * ldc, a3 = ao + 3 * ars;
        DoubleVector z = DoubleVector.zero(S); // the start when beta = 0 (C is not read)
        DoubleVector c00 = beta == 0 ? z : DoubleVector.fromArray(S, c, o0).mul(beta);
        DoubleVector c01 = beta == 0 ? z : DoubleVector.fromArray(S, c, o0 + L).mul(beta);
        DoubleVector c10 = beta == 0 ? z : DoubleVector.fromArray(S, c, o1).mul(beta);
        DoubleVector c11 = beta == 0 ? z : DoubleVector.fromArray(S, c, o1 + L).mul(beta);
        DoubleVector c20 = beta == 0 ? z : DoubleVector.fromArray(S, c, o2).mul(beta);
        DoubleVector c21 = beta == 0 ? z : DoubleVector.fromArray(S, c, o2 + L).mul(beta);
        DoubleVector c30 = beta == 0 ? z : DoubleVector.fromArray(S, c, o3).mul(beta);
        DoubleVector c31 = beta == 0 ? z : DoubleVector.fromArray(S, c, o3 + L).mul(beta);
        for (int p = 0; p < k; p++) {
            int pb = bo + p * ldb, pa = p * acs;
            DoubleVector b0 = DoubleVector.fromArray(S, b, pb);
            DoubleVector b1 = DoubleVector.fromArray(S, b, pb + L);
            DoubleVector v0 = DoubleVector.broadcast(S, a[a0 + pa]);
            c00 = v0.fma(b0, c00);
            c01 = v0.fma(b1, c01);
            DoubleVector v1 = DoubleVector.broadcast(S, a[a1 + pa]);
            c10 = v1.fma(b0, c10);
            c11 = v1.fma(b1, c11);
            DoubleVector v2 = DoubleVector.broadcast(S, a[a2 + pa]);
            c20 = v2.fma(b0, c20);
            c21 = v2.fma(b1, c21);
            DoubleVector v3 = DoubleVector.broadcast(S, a[a3 + pa]);
            c30 = v3.fma(b0, c30);
            c31 = v3.fma(b1, c31);
        }
        c00.intoArray(c, o0);
        c01.intoArray(c, o0 + L);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + L);
        c20.intoArray(c, o2);
        c21.intoArray(c, o2 + L);
        c30.intoArray(c, o3);
        c31.intoArray(c, o3 + L);
    }

    /** Rows 0..3, columns [0, L): 4 accumulator chains. */
    static void tile4x1(int k, double[] a, int ao, int ars, int acs, double[] b, int bo, int ldb,
                double beta, double[] c, int co, int ldc) {
        int o0 = co, a0 = ao;
        int o1 = co + ldc, a1 = ao + ars;
        int o2 = co + 2 * ldc, a2 = ao + 2 * ars;
        int o3 = co + 3 * ldc, a3 = ao + 3 * ars;
        DoubleVector z = DoubleVector.zero(S); // the start when beta = 0 (C is not read)
        DoubleVector c00 = beta == 0 ? z : DoubleVector.fromArray(S, c, o0).mul(beta);
        DoubleVector c10 = beta == 0 ? z : DoubleVector.fromArray(S, c, o1).mul(beta);
        DoubleVector c20 = beta == 0 ? z : DoubleVector.fromArray(S, c, o2).mul(beta);
        DoubleVector c30 = beta == 0 ? z : DoubleVector.fromArray(S, c, o3).mul(beta);
        for (int p = 0; p < k; p++) {
            int pb = bo + p * ldb, pa = p * acs;
            DoubleVector b0 = DoubleVector.fromArray(S, b, pb);
            DoubleVector v0 = DoubleVector.broadcast(S, a[a0 + pa]);
            c00 = v0.fma(b0, c00);
            DoubleVector v1 = DoubleVector.broadcast(S, a[a1 + pa]);
            c10 = v1.fma(b0, c10);
            DoubleVector v2 = DoubleVector.broadcast(S, a[a2 + pa]);
            c20 = v2.fma(b0, c20);
            DoubleVector v3 = DoubleVector.broadcast(S, a[a3 + pa]);
            c30 = v3.fma(b0, c30);
        }
        c00.intoArray(c, o0);
        c10.intoArray(c, o1);
        c20.intoArray(c, o2);
        c30.intoArray(c, o3);
    }

    /** Rows 0..1, columns [0, 4L): 8 accumulator chains, 4 loads of B and 2 broadcasts per 8 FMAs. */
    static void tile2x4(int k, double[] a, int ao, int ars, int acs, double[] b, int bo, int ldb,
                double beta, double[] c, int co, int ldc) {
        int o0 = co, a0 = ao;
        int o1 = co + ldc, a1 = ao + ars;
        DoubleVector z = DoubleVector.zero(S); // the start when beta = 0 (C is not read)
        DoubleVector c00 = beta == 0 ? z : DoubleVector.fromArray(S, c, o0).mul(beta);
        DoubleVector c01 = beta == 0 ? z : DoubleVector.fromArray(S, c, o0 + L).mul(beta);
        DoubleVector c02 = beta == 0 ? z : DoubleVector.fromArray(S, c, o0 + 2 * L).mul(beta);
        DoubleVector c03 = beta == 0 ? z : DoubleVector.fromArray(S, c, o0 + 3 * L).mul(beta);
        DoubleVector c10 = beta == 0 ? z : DoubleVector.fromArray(S, c, o1).mul(beta);
        DoubleVector c11 = beta == 0 ? z : DoubleVector.fromArray(S, c, o1 + L).mul(beta);
        DoubleVector c12 = beta == 0 ? z : DoubleVector.fromArray(S, c, o1 + 2 * L).mul(beta);
        DoubleVector c13 = beta == 0 ? z : DoubleVector.fromArray(S, c, o1 + 3 * L).mul(beta);
        for (int p = 0; p < k; p++) {
            int pb = bo + p * ldb, pa = p * acs;
            DoubleVector b0 = DoubleVector.fromArray(S, b, pb);
            DoubleVector b1 = DoubleVector.fromArray(S, b, pb + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, pb + 2 * L);
            DoubleVector b3 = DoubleVector.fromArray(S, b, pb + 3 * L);
            DoubleVector v0 = DoubleVector.broadcast(S, a[a0 + pa]);
            c00 = v0.fma(b0, c00);
            c01 = v0.fma(b1, c01);
            c02 = v0.fma(b2, c02);
            c03 = v0.fma(b3, c03);
            DoubleVector v1 = DoubleVector.broadcast(S, a[a1 + pa]);
            c10 = v1.fma(b0, c10);
            c11 = v1.fma(b1, c11);
            c12 = v1.fma(b2, c12);
            c13 = v1.fma(b3, c13);
        }
        c00.intoArray(c, o0);
        c01.intoArray(c, o0 + L);
        c02.intoArray(c, o0 + 2 * L);
        c03.intoArray(c, o0 + 3 * L);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + L);
        c12.intoArray(c, o1 + 2 * L);
        c13.intoArray(c, o1 + 3 * L);
    }

    /** Row 0, columns [0, 4L): 4 accumulator chains (a single row is bound by the loads of B). */
    static void tile1x4(int k, double[] a, int ao, int ars, int acs, double[] b, int bo, int ldb,
                double beta, double[] c, int co, int ldc) {
        int o0 = co, a0 = ao;
        DoubleVector z = DoubleVector.zero(S); // the start when beta = 0 (C is not read)
        DoubleVector c00 = beta == 0 ? z : DoubleVector.fromArray(S, c, o0).mul(beta);
        DoubleVector c01 = beta == 0 ? z : DoubleVector.fromArray(S, c, o0 + L).mul(beta);
        DoubleVector c02 = beta == 0 ? z : DoubleVector.fromArray(S, c, o0 + 2 * L).mul(beta);
        DoubleVector c03 = beta == 0 ? z : DoubleVector.fromArray(S, c, o0 + 3 * L).mul(beta);
        for (int p = 0; p < k; p++) {
            int pb = bo + p * ldb, pa = p * acs;
            DoubleVector b0 = DoubleVector.fromArray(S, b, pb);
            DoubleVector b1 = DoubleVector.fromArray(S, b, pb + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, pb + 2 * L);
            DoubleVector b3 = DoubleVector.fromArray(S, b, pb + 3 * L);
            DoubleVector v0 = DoubleVector.broadcast(S, a[a0 + pa]);
            c00 = v0.fma(b0, c00);
            c01 = v0.fma(b1, c01);
            c02 = v0.fma(b2, c02);
            c03 = v0.fma(b3, c03);
        }
        c00.intoArray(c, o0);
        c01.intoArray(c, o0 + L);
        c02.intoArray(c, o0 + 2 * L);
        c03.intoArray(c, o0 + 3 * L);
    }

    /** Row 0, columns [0, 2L). */
    static void tile1x2(int k, double[] a, int ao, int ars, int acs, double[] b, int bo, int ldb,
                double beta, double[] c, int co, int ldc) {
        int o0 = co, a0 = ao;
        DoubleVector z = DoubleVector.zero(S); // the start when beta = 0 (C is not read)
        DoubleVector c00 = beta == 0 ? z : DoubleVector.fromArray(S, c, o0).mul(beta);
        DoubleVector c01 = beta == 0 ? z : DoubleVector.fromArray(S, c, o0 + L).mul(beta);
        for (int p = 0; p < k; p++) {
            int pb = bo + p * ldb, pa = p * acs;
            DoubleVector b0 = DoubleVector.fromArray(S, b, pb);
            DoubleVector b1 = DoubleVector.fromArray(S, b, pb + L);
            DoubleVector v0 = DoubleVector.broadcast(S, a[a0 + pa]);
            c00 = v0.fma(b0, c00);
            c01 = v0.fma(b1, c01);
        }
        c00.intoArray(c, o0);
        c01.intoArray(c, o0 + L);
    }

    /** Row 0, columns [0, L). */
    static void tile1x1(int k, double[] a, int ao, int ars, int acs, double[] b, int bo, int ldb,
                double beta, double[] c, int co, int ldc) {
        int o0 = co, a0 = ao;
        DoubleVector z = DoubleVector.zero(S); // the start when beta = 0 (C is not read)
        DoubleVector c00 = beta == 0 ? z : DoubleVector.fromArray(S, c, o0).mul(beta);
        for (int p = 0; p < k; p++) {
            int pb = bo + p * ldb, pa = p * acs;
            DoubleVector b0 = DoubleVector.fromArray(S, b, pb);
            DoubleVector v0 = DoubleVector.broadcast(S, a[a0 + pa]);
            c00 = v0.fma(b0, c00);
        }
        c00.intoArray(c, o0);
    }
}
