package dev.eos.kernels;

import static dev.eos.kernels.VectorKernels.L;

import jdk.incubator.vector.DoubleVector;

/**
 * gemm with a narrow B (n &le; {@value #MAX_N} columns of C) in all three forms, C := alpha*op(A)*op(B) + beta*C,
 * in the per-element order of every gemm path (see {@link VectorGemm}: beta*C, then fma(alpha*A(i,p), B(p,j), .) for
 * p = 0, 1, ..., k-1), hence with the bits of {@link ScalarKernels}.
 *
 * <h2>Why a path of its own</h2>
 * The register tiles of {@link GemmTiles} and {@link PackedTiles} vectorize along the columns of C, so n = 2 columns
 * fill 2 of the 2L lanes of a panel (the rest is zero padding, computed): about 7x the work of two gemvs. gemv itself
 * vectorizes along p, the summation index, with the order of a dot product: not the gemm order. Here the vectors run
 * along the rows i of C: one vector holds A(i..i+L-1, p), and each p adds one FMA per vector and column, in order.
 *
 * <h2>Shapes</h2>
 * C is swept in strips of R = 2L rows ({@link NarrowTiles}), and each strip in groups of up to four columns. For TN
 * (A stored k x m, A(i, p) = a[p*lda + i]) the 2L values of a strip are contiguous in a row of the stored A: read in
 * place. For NN and NT (A(i, p) = a[i*lda + p]) they are a column of A: the strip's rows are transposed, in blocks of
 * {@value #KC} values of p, into a panel ap[p*R + r] (L x L blocks transposed in registers by
 * {@link VectorGemm#transpose}; 2L x KC doubles stay in L1), which every column group then reads. A last strip of
 * fewer than R rows (any form) is packed likewise; its padding lanes hold stale values whose sums are dropped.
 * B is read in place, B(p, j) at b[p*ldb + j] (NN, TN) or b[j*ldb + p] (NT).
 *
 * <h2>Dispatch and widths</h2>
 * {@link VectorKernels} sends a product here ({@link #takes}) before {@link VectorGemm#gemm} is called, so the two
 * paths share no compiled caller and VectorGemm.gemm compiles as it would without this path. It runs at every width
 * (L = 2, 4, 8). Its vectors never cross a call ({@link NarrowTiles}): with a vector-returning helper, NoAllocationTest
 * caught C2 leaving the helper out of line ("low call site frequency") and boxing its result on every call.
 *
 * <h2>Workspace</h2>
 * The panel and the C tile live in a per-thread {@link Workspace} (about 33 KB at L = 8), allocated on the thread's
 * first narrow product and never grown: no call allocates once warmed up.
 */
final class NarrowGemm {

    /** The widest C this path takes (wider: the tiles of {@link VectorGemm}). */
    static final int MAX_N = 4;
    /** Depth of a packed panel: R x KC doubles (32 KB at L = 8) stay in L1 while the column groups read it. */
    static final int KC = 256;
    private static final int R = NarrowTiles.R;

    private NarrowGemm() {
    }

    /** Per-thread buffers: the packed panel and the C tile. */
    static final class Workspace {
        final double[] panel = new double[R * KC];
        final double[] tile = new double[R * NarrowTiles.COLS];
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    /** Whether {@link VectorKernels} sends an m x n product here: 1 &le; n &le; MAX_N and m &ge; 1. */
    static boolean takes(int m, int n) {
        return m > 0 && n > 0 && n <= MAX_N;
    }

    /** C := alpha*op(A)*op(B) + beta*C for 1 &le; n &le; MAX_N, m &ge; 1, k &ge; 0 (arguments as in {@link Kernels}). */
    static void gemm(VectorGemm.Form form, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                     double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        Workspace w = WORKSPACE.get();
        boolean tn = form == VectorGemm.Form.TN;
        int bps = form == VectorGemm.Form.NT ? 1 : ldb, bjs = form == VectorGemm.Form.NT ? ldb : 1;
        for (int ir = 0; ir < m; ir += R) {
            int mr = Math.min(R, m - ir);
            int ci = cOff + ir * ldc;
            if (tn && mr == R) { // whole strip in place: all of k at once
                columns(n, k, alpha, a, aOff + ir, lda, b, bOff, bps, bjs, beta, c, ci, ldc, R, w.tile);
                continue;
            }
            for (int pc = 0; pc < k || pc == 0; pc += KC) {
                int kc = Math.min(KC, k - pc);
                if (tn) {
                    packColumns(a, aOff + pc * lda + ir, lda, mr, kc, w.panel);
                } else {
                    packRows(a, aOff + ir * lda + pc, lda, mr, kc, w.panel);
                }
                columns(n, kc, alpha, w.panel, 0, R, b, bOff + pc * bps, bps, bjs, pc == 0 ? beta : 1.0,
                        c, ci, ldc, mr, w.tile);
            }
        }
    }

    /**
     * The column groups of one strip: fours, then the last one to three columns. Each group's start goes into the
     * tile by plain loops (C's columns are strided; only the first {@code rows} rows are C, the padding lanes keep
     * stale values whose sums are never stored): t[jR + r] := 0 when beta = 0 (C is not read), else beta*C(r, j),
     * the scalar twin's start, rounded once.
     */
    private static void columns(int n, int k, double alpha, double[] a, int ao, int as, double[] b, int bo, int bps,
                                int bjs, double beta, double[] c, int co, int ldc, int rows, double[] t) {
        for (int j = 0; j < n; j += NarrowTiles.COLS) {
            int bj = bo + j * bjs, cj = co + j, cols = Math.min(NarrowTiles.COLS, n - j);
            for (int r = 0; r < rows; r++) {
                for (int q = 0; q < cols; q++) {
                    t[q * R + r] = beta == 0 ? 0.0 : beta * c[cj + r * ldc + q];
                }
            }
            switch (cols) {
                case 1 -> NarrowTiles.cols1(k, alpha, a, ao, as, b, bj, bps, bjs, t);
                case 2 -> NarrowTiles.cols2(k, alpha, a, ao, as, b, bj, bps, bjs, t);
                case 3 -> NarrowTiles.cols3(k, alpha, a, ao, as, b, bj, bps, bjs, t);
                default -> NarrowTiles.cols4(k, alpha, a, ao, as, b, bj, bps, bjs, t);
            }
            for (int r = 0; r < rows; r++) {
                for (int q = 0; q < cols; q++) {
                    c[cj + r * ldc + q] = t[q * R + r];
                }
            }
        }
    }

    /**
     * ap[p*R + r] := a[ao + r*lda + p] for r < mr, p < kc (rows of A, transposed). Whole L-row blocks go through the
     * register transpose; a last partial block is the L rows ending at mr (overlapping rows written twice, with the
     * same values), so only mr < L is copied element by element.
     */
    private static void packRows(double[] a, int ao, int lda, int mr, int kc, double[] ap) {
        if (mr < L) {
            for (int r = 0; r < mr; r++) {
                int src = ao + r * lda;
                for (int p = 0; p < kc; p++) {
                    ap[p * R + r] = a[src + p];
                }
            }
            return;
        }
        for (int r = 0; r + L <= mr; r += L) {
            VectorGemm.transpose(L, kc, a, ao + r * lda, lda, ap, r, R);
        }
        if (mr % L != 0) {
            VectorGemm.transpose(L, kc, a, ao + (mr - L) * lda, lda, ap, mr - L, R);
        }
    }

    /** ap[p*R + r] := a[ao + p*lda + r] for r < mr &lt; R, p < kc (a partial strip of a transposed A). */
    private static void packColumns(double[] a, int ao, int lda, int mr, int kc, double[] ap) {
        if (mr < L) {
            for (int p = 0; p < kc; p++) {
                for (int r = 0; r < mr; r++) {
                    ap[p * R + r] = a[ao + p * lda + r];
                }
            }
            return;
        }
        for (int p = 0; p < kc; p++) {
            int src = ao + p * lda;
            DoubleVector.fromArray(VectorKernels.S, a, src).intoArray(ap, p * R);
            DoubleVector.fromArray(VectorKernels.S, a, src + mr - L).intoArray(ap, p * R + mr - L);
        }
    }
}
