package dev.eos.kernels;

import static dev.eos.kernels.VectorKernels.L;
import static dev.eos.kernels.VectorKernels.S;

import jdk.incubator.vector.DoubleVector;

/**
 * gemm on the Vector API in its three forms, C := alpha*op(A)*op(B) + beta*C with op(A)B, AB^T, A^T B.
 *
 * <h2>The order (the same on every path, and in {@link ScalarKernels})</h2>
 * Each C(i, j) starts at beta*C(i, j) (0 when beta = 0, C itself when beta = 1) and then adds, for p = 0, 1, ...,
 * k-1 in this order, {@code fma(alpha*A(i,p), B(p,j), .)} with alpha*A(i,p) rounded once. Blocking over k keeps C as
 * the running sum, so every path below gives the same bits.
 *
 * <h2>Paths</h2>
 * <ul>
 *   <li><b>Packed</b> (GotoBLAS-style; the default): for each k-block of {@value #KC} and column block of
 *       {@value #NC}, B is packed into panels of 2L columns (kc x 2L, contiguous, zero-padded: up to 512 KB, resident
 *       in L2); for each 8-row strip A is read in place (NN with alpha = 1: 8 rows, unit stride) or packed as alpha*A
 *       into an 8 x kc panel (16 KB, resident in L1); the 8 x 2L micro-kernel of {@link PackedTiles} then sweeps the
 *       panels. Tiles at the matrix edges run on a padded 8 x 2L copy of C. Packing makes every index in the inner loop
 *       constant-strided, so C2 hoists the range checks: about 1.2x faster per tile at n = 128 and above.</li>
 *   <li><b>Direct</b> (every dimension at most {@value #SMALL}, or NN and TN with fewer than 8 rows): no packing,
 *       which at these sizes costs more than it saves (and an 8-row strip of 1 to 7 rows would compute its padding). The tiles of {@link GemmTiles} (4 x 4L first: about 120 GFLOP/s at n = 32 and 64) read A in place
 *       through its row and column strides (NN and TN) and B row by row; alpha != 1 copies alpha*A first, and NT
 *       transposes B first (both into the thread's workspace).</li>
 * </ul>
 *
 * <h2>Workspace</h2>
 * The packing buffers live in a {@link ThreadLocal} {@link Workspace}: allocated once per thread on its first gemm
 * (about 530 KB), grown only when a direct NT or alpha != 1 product needs a larger copy (at most SMALL^2 doubles), and
 * never freed while the thread lives; the padded edge copies of {@link GemmTiles#block} take (k + m) L more. So no call allocates once warmed up, and concurrent calls from different
 * threads never share a buffer.
 */
final class VectorGemm {

    /** Depth of a k-block: the packed A panel (8 x KC) stays in L1 and a B panel (KC x 2L) streams from L2. */
    static final int KC = 256;
    /** Width of a packed B block (KC x NC doubles = 512 KB: half of this machine's 1 MB L2). */
    static final int NC = 256;
    /** Up to this size in every dimension packing does not pay (measured at 32, 48, 64, 96 and 128). */
    static final int SMALL = 64;
    /** Columns per micro-tile. */
    private static final int NR = 2 * L;

    enum Form { NN, NT, TN }

    private VectorGemm() {
    }

    /** Per-thread packing buffers (see the class comment). */
    static final class Workspace {
        final double[] bPack = new double[KC * NC];
        final double[] aPack = new double[KC * 8];
        final double[] tile = new double[8 * NR];
        double[] scratchA = new double[0];
        double[] scratchB = new double[0];
        double[] edge = new double[0];

        double[] scratchA(int size) {
            if (scratchA.length < size) {
                scratchA = new double[size];
            }
            return scratchA;
        }

        /** The padded edge copies of {@link GemmTiles#block}: (k + m) L doubles. */
        double[] edge(int m, int k) {
            int size = (k + m) * L;
            if (edge.length < size) {
                edge = new double[size];
            }
            return edge;
        }

        double[] scratchB(int size) {
            if (scratchB.length < size) {
                scratchB = new double[size];
            }
            return scratchB;
        }
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    static void gemm(Form form, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                     double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) {
            return;
        }
        // A(i, p) = a[aOff + i*ars + p*acs]
        int ars = form == Form.TN ? 1 : lda;
        int acs = form == Form.TN ? lda : 1;
        // direct when small, or with fewer than 8 rows (a packed 8-row strip would compute its padding rows) unless
        // NT (which would transpose all of B)
        if ((m <= SMALL && n <= SMALL && k <= SMALL) || (m < 8 && form != Form.NT)) {
            Workspace w = WORKSPACE.get();
            if (alpha == 1 && form != Form.NT) {
                GemmTiles.block(m, n, k, a, aOff, ars, acs, b, bOff, ldb, beta, c, cOff, ldc, w.edge(m, k));
                return;
            }
            if (alpha != 1) {
                // alpha*A as a row-major m x k copy
                double[] as = w.scratchA(m * k);
                for (int i = 0; i < m; i++) {
                    for (int p = 0; p < k; p++) {
                        as[i * k + p] = alpha * a[aOff + i * ars + p * acs];
                    }
                }
                a = as;
                aOff = 0;
                ars = k;
                acs = 1;
            }
            if (form == Form.NT) {
                double[] bt = w.scratchB(k * n);
                transpose(n, k, b, bOff, ldb, bt, 0, n);
                b = bt;
                bOff = 0;
                ldb = n;
            }
            GemmTiles.block(m, n, k, a, aOff, ars, acs, b, bOff, ldb, beta, c, cOff, ldc, w.edge(m, k));
            return;
        }
        blocked(form, m, n, k, alpha, a, aOff, ars, acs, b, bOff, ldb, beta, c, cOff, ldc, WORKSPACE.get());
    }

    /**
     * dst[dOff + q*ldd + r] := src[sOff + r*lds + q] for r < rows, q < cols: L x L blocks transposed in registers
     * ({@link Lanes#transposeBlock}), the edges element by element.
     */
    static void transpose(int rows, int cols, double[] src, int sOff, int lds, double[] dst, int dOff, int ldd) {
        int rb = rows & -L, cb = cols & -L;
        for (int r = 0; r < rb; r += L) {
            for (int q = 0; q < cb; q += L) {
                Lanes.transposeBlock(src, sOff + r * lds + q, lds, dst, dOff + q * ldd + r, ldd);
            }
        }
        for (int r = 0; r < rows; r++) {
            int s = sOff + r * lds;
            for (int q = r < rb ? cb : 0; q < cols; q++) {
                dst[dOff + q * ldd + r] = src[s + q];
            }
        }
    }

    private static void blocked(Form form, int m, int n, int k, double alpha, double[] a, int aOff, int ars, int acs,
                                double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc,
                                Workspace w) {
        if (k == 0) {
            GemmTiles.block(m, n, 0, a, aOff, ars, acs, b, bOff, ldb, beta, c, cOff, ldc, w.edge(m, 0));
            return;
        }
        double[] bp = w.bPack, ap = w.aPack, tile = w.tile;
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            double bt = pc == 0 ? beta : 1.0;
            for (int jc = 0; jc < n; jc += NC) {
                int nc = Math.min(NC, n - jc);
                if (form == Form.NT) {
                    packBTransposed(b, bOff + jc * ldb + pc, ldb, kc, nc, bp);
                } else {
                    packB(b, bOff + pc * ldb + jc, ldb, kc, nc, bp);
                }
                for (int ir = 0; ir < m; ir += 8) {
                    int mr = Math.min(8, m - ir);
                    int ai = aOff + ir * ars + pc * acs;
                    // NN with alpha = 1 reads full 8-row strips of A in place (unit stride in p); else pack
                    boolean inPlace = form == Form.NN && alpha == 1 && mr == 8;
                    if (!inPlace) {
                        packA(alpha, a, ai, ars, acs, mr, kc, ap);
                    }
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        int ci = cOff + ir * ldc + jc + jr;
                        int panel = jr * kc; // panel jr/NR starts at (jr/NR) * kc * NR
                        if (nr == NR && inPlace) {
                            PackedTiles.rowsOfA(kc, a, ai, ars, bp, panel, bt, c, ci, ldc);
                        } else if (nr == NR && mr == 8) {
                            PackedTiles.packedA(kc, ap, 0, bp, panel, bt, c, ci, ldc);
                        } else {
                            edgeTile(kc, inPlace, a, ai, ars, ap, bp, panel, bt, c, ci, ldc, mr, nr, tile);
                        }
                    }
                }
            }
        }
    }

    /** An edge tile (mr < 8 rows or nr < 2L columns) computed on a zero-padded 8 x 2L copy of C. */
    private static void edgeTile(int kc, boolean inPlace, double[] a, int ai, int lda, double[] ap, double[] bp,
                                 int panel, double bt, double[] c, int ci, int ldc, int mr, int nr, double[] tile) {
        java.util.Arrays.fill(tile, 0.0);
        if (bt != 0) {
            for (int r = 0; r < mr; r++) {
                System.arraycopy(c, ci + r * ldc, tile, r * NR, nr);
            }
        }
        if (inPlace) {
            PackedTiles.rowsOfA(kc, a, ai, lda, bp, panel, bt, tile, 0, NR);
        } else {
            PackedTiles.packedA(kc, ap, 0, bp, panel, bt, tile, 0, NR);
        }
        for (int r = 0; r < mr; r++) {
            System.arraycopy(tile, r * NR, c, ci + r * ldc, nr);
        }
    }

    /**
     * ap[p*8 + r] = alpha*A(r, p) for r < mr, 0 for the padding rows. For TN (ars = 1) the 8 entries of one p are
     * contiguous: vector copies. For NN and NT (acs = 1) the panel is the transpose of 8 row segments of A, done in
     * L x L register blocks ({@link Lanes#transposeBlock}); a scalar loop would cost a quarter of the tile time at
     * n = 64. Both read A along its contiguous direction (a strided sweep would thrash L1 when lda is a power of 2).
     */
    private static void packA(double alpha, double[] a, int ao, int ars, int acs, int mr, int kc, double[] ap) {
        if (mr < 8) {
            java.util.Arrays.fill(ap, 0, kc * 8, 0.0);
        }
        if (ars == 1) {
            if (mr == 8) {
                for (int p = 0; p < kc; p++) {
                    for (int r = 0; r < 8; r += L) {
                        DoubleVector.fromArray(S, a, ao + p * acs + r).intoArray(ap, p * 8 + r);
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    for (int r = 0; r < mr; r++) {
                        ap[p * 8 + r] = a[ao + p * acs + r];
                    }
                }
            }
        } else {
            int rb = mr & -L;
            if (acs == 1) {
                transposeInto(rb, kc, a, ao, ars, ap);
            } else {
                rb = 0;
            }
            for (int r = rb; r < mr; r++) {
                int src = ao + r * ars;
                for (int p = 0; p < kc; p++) {
                    ap[p * 8 + r] = a[src + p * acs];
                }
            }
        }
        if (alpha != 1) {
            DoubleVector va = DoubleVector.broadcast(S, alpha);
            for (int i = 0; i < kc * 8; i += L) {
                DoubleVector.fromArray(S, ap, i).mul(va).intoArray(ap, i);
            }
        }
    }

    /** ap[p*8 + r] = A(r, p) for r < rows (a multiple of L), A(r, p) = a[ao + r*ars + p]. */
    private static void transposeInto(int rows, int kc, double[] a, int ao, int ars, double[] ap) {
        for (int r = 0; r < rows; r += L) {
            transpose(L, kc, a, ao + r * ars, ars, ap, r, 8);
        }
    }

    /**
     * Packs rows [0, kc) x columns [0, nc) of B (row p at b[bo + p*ldb]) into panels of NR columns:
     * bp[(j/NR)*kc*NR + p*NR + j%NR], columns past nc zero.
     */
    private static void packB(double[] b, int bo, int ldb, int kc, int nc, double[] bp) {
        int full = nc & -NR;
        for (int jr = 0; jr < full; jr += NR) {
            int dst = jr * kc;
            for (int p = 0; p < kc; p++) {
                int src = bo + p * ldb + jr;
                DoubleVector.fromArray(S, b, src).intoArray(bp, dst + p * NR);
                DoubleVector.fromArray(S, b, src + L).intoArray(bp, dst + p * NR + L);
            }
        }
        if (full < nc) { // the last, partial panel element by element (no masked loads: see GemmTiles)
            int dst = full * kc, w = nc - full;
            for (int p = 0; p < kc; p++) {
                int src = bo + p * ldb + full;
                for (int jj = 0; jj < NR; jj++) {
                    bp[dst + p * NR + jj] = jj < w ? b[src + jj] : 0.0;
                }
            }
        }
    }

    /**
     * As {@link #packB} for B stored transposed, B(p, j) = b[bo + j*ldb + p]: each half-panel of L columns is the
     * transpose of L rows of the stored B, done in L x L register blocks.
     */
    private static void packBTransposed(double[] b, int bo, int ldb, int kc, int nc, double[] bp) {
        for (int jr = 0; jr < nc; jr += NR) {
            int dst = jr * kc;
            for (int h = 0; h < NR; h += L) {
                int cols = Math.min(L, nc - jr - h); // stored rows of B in this half-panel
                if (cols <= 0) {
                    for (int p = 0; p < kc; p++) {
                        DoubleVector.zero(S).intoArray(bp, dst + p * NR + h);
                    }
                } else if (cols < L) {
                    for (int p = 0; p < kc; p++) {
                        for (int jj = 0; jj < L; jj++) {
                            bp[dst + p * NR + h + jj] = jj < cols ? b[bo + (jr + h + jj) * ldb + p] : 0.0;
                        }
                    }
                } else {
                    transpose(L, kc, b, bo + (jr + h) * ldb, ldb, bp, dst + h, NR);
                }
            }
        }
    }
}
