package dev.eos.models;

import dev.eos.kernels.Kernels;

/**
 * The workspace of {@link MatrixSensing}: every derivative is one blocked pass over the packed measurements
 * (THEORY 6.2 (ii)). With s_i the packed S_i and z a packed "weighted" matrix (diagonal once, off-diagonal pairs
 * summed, so that s_i . pack(Z) = &lt;S_i, Z&gt;), a pass computes, for several columns z_j at once and one block of
 * measurements at a time (the block stays in L2 between the two steps),
 * <pre>
 *   c_ij = s_i . z_j          (gemm: block x columns)
 *   acc_j += sum_i c_ij s_i   (gemm: columns x packed)
 * </pre>
 * so the measurement matrix is read from memory once for all columns. With Rm = sum r_i S_i, C = sum c_i S_i
 * (c_i = &lt;S_i U, V&gt; = &lt;S_i, V U^T&gt;) and E = sum e_i S_i (e_i = &lt;S_i V, V&gt;):
 * <pre>
 *   grad L = (2/m) Rm U,   H V = (1/m) (4 C U + 2 Rm V),   D^3 L[V, V, .] = (1/m) (8 C V + 4 E U).
 * </pre>
 * Batched HVPs put up to {@value #KMAX} directions in one pass (more are done in chunks of {@value #KMAX}).
 *
 * <p>With the model's Gram matrix G (P &le; m), C = unpack(G pack(V U^T)) needs no pass over the measurements: the
 * products at a fixed point ({@link #hessianAt}), the curvature gradient and the batched HVP (after one pass for the
 * residuals) read the blocked upper triangle of G once (at most a quarter of the measurements' size) for all their
 * directions. The fused gradient + HVP keeps its second column in the pass it makes anyway.
 *
 * <p>Threads ({@link MatrixSensing#withThreads}): a pass splits the measurements into S = min(8, blocks) fixed segments
 * of whole blocks (S depends on m and d only). Segment s accumulates its own partial sums (segment 0 straight into the
 * result), and the partials are added in the order s = 1, 2, ..., S - 1; residuals are per measurement and the sum
 * of their squares is taken afterwards in index order. The segments run on a {@link WorkerTeam} of T threads (one
 * thread for small passes, below {@value #MIN_PARALLEL_DOUBLES} packed doubles), and
 * since neither the segments nor the order of the sums depend on T, every result is bit-identical for any T
 * (T = 1 runs the same segments one after another). Products through the Gram matrix stay on the calling thread.
 *
 * <p>Kernel shapes (the fastest measured on the kernels at hand): one column is a gemv and a gemvT per block; several
 * columns are a gemmNT (block x columns) and a gemmTN whose row count is padded to a multiple of 4 with zero columns
 * of c (the kernels' register tile is 4 rows; below it the kernel falls back to one axpy per row).
 */
final class MatrixSensingEvaluator implements LeastSquaresEvaluator {

    /** Directions per pass in batched HVPs. */
    static final int KMAX = 16;
    /** Target size of one block of measurements, in doubles (~96 KB, well inside L2). */
    private static final int BLOCK_DOUBLES = 12_288;
    /** The most segments a pass over the measurements is split into (the most threads a pass can use). */
    static final int SEGMENTS = 8;
    /**
     * Passes over fewer packed doubles (m ld) than this stay on the calling thread whatever the thread count: waking
     * the workers costs more than they save below about 50 us of work (measured: m = 1300, d = 12 took 31 us on one
     * thread and 51 us on four).
     */
    static final long MIN_PARALLEL_DOUBLES = 1L << 18;

    private final MatrixSensing s;
    private final Kernels kk;
    /** Rows of the padded accumulator block: KMAX + 1 rounded up to a multiple of 4. */
    private static final int ROWS = (KMAX + 1 + 3) & ~3;

    private final int d, k, m, ld, block, dim;
    private final double[] a, y, gram;
    /** Packed columns z_j and their accumulators, ROWS x ld each; c values, block x ROWS. */
    private final double[] zb, acc, cb;
    private final double[] r, rmat, cmat, tmp;
    private final double[] hr, hrmat;
    private double[] hu;
    private final SymmetricOperator view;
    /** Segments of a pass: first block of segment s at segStart[s] (segStart[segs] = the number of blocks). */
    private final int segs;
    private final int[] segStart;
    /** Partial accumulators (ROWS x ld) and c values (block x ROWS) of segments 1..segs-1 (segment 0 uses acc, cb). */
    private final double[][] segAcc, segCb;
    /** One column of c values per segment (block), for passes of one or two columns done as gemvs. */
    private final double[][] segCol;
    private final WorkerTeam team;
    private final WorkerTeam.Task passTask = this::passSegment;
    private final WorkerTeam.Task passOneTask = this::passOneSegment;
    private final WorkerTeam.Task forwardTask = this::forwardSegment;
    /** Arguments of the pass in progress. */
    private int pNc, pNcr;
    private boolean pResid;
    private double[] pR;

    MatrixSensingEvaluator(MatrixSensing s, Kernels kk) {
        this.s = s;
        this.kk = kk;
        this.d = s.d;
        this.k = s.k;
        this.m = s.m;
        this.ld = s.ld;
        this.dim = d * k;
        this.a = s.a;
        this.y = s.y;
        this.gram = s.gram;
        this.block = Math.max(4, Math.min(m, (BLOCK_DOUBLES / ld) & ~3));
        zb = new double[ROWS * ld];
        acc = new double[ROWS * ld];
        cb = new double[block * ROWS];
        r = new double[m];
        hr = new double[m];
        rmat = new double[d * d];
        hrmat = new double[d * d];
        cmat = new double[d * d];
        tmp = new double[d * d];
        view = new View();
        int blocks = (m + block - 1) / block;
        segs = Math.min(SEGMENTS, blocks);
        segStart = new int[segs + 1];
        for (int i = 0; i <= segs; i++) {
            segStart[i] = (int) ((long) i * blocks / segs);
        }
        segAcc = new double[segs][];
        segCb = new double[segs][];
        segCol = new double[segs][];
        segAcc[0] = acc;
        segCb[0] = cb;
        for (int i = 1; i < segs; i++) {
            segAcc[i] = new double[ROWS * ld];
            segCb[i] = new double[block * ROWS];
        }
        for (int i = 0; i < segs; i++) {
            segCol[i] = new double[block];
        }
        boolean big = (long) m * ld >= MIN_PARALLEL_DOUBLES;
        team = new WorkerTeam(big ? Math.max(1, Math.min(s.threads, segs)) : 1);
    }

    @Override
    public Model model() {
        return s;
    }

    @Override
    public int outputDim() {
        return m;
    }

    @Override
    public double scale() {
        return 1.0 / m;
    }

    /** The segments a pass over the measurements is split into (tests). */
    int segments() {
        return segs;
    }

    /** The team that runs the segments (tests). */
    WorkerTeam team() {
        return team;
    }

    // ---------------------------------------------------------------- packing

    /** zb row j := pack(P Q^T) with P, Q of shape d x k (at offsets po, qo): &lt;S, P Q^T&gt; = s . zb_j. */
    private void packProduct(double[] p, int po, double[] q, int qo, int j) {
        kk.gemmNT(d, d, k, 1, p, po, k, q, qo, k, 0, tmp, 0, d);
        int z = j * ld;
        for (int row = 0; row < d; row++) {
            int t = MatrixSensing.pos(d, row, row);
            zb[z + t] = tmp[row * d + row];
            for (int col = row + 1; col < d; col++) {
                zb[z + t + col - row] = tmp[row * d + col] + tmp[col * d + row];
            }
        }
    }

    /** out (d x d) := the symmetric matrix whose packed upper triangle is acc row j. */
    private void unpack(int j, double[] out) {
        int base = j * ld;
        for (int row = 0; row < d; row++) {
            int t = MatrixSensing.pos(d, row, row);
            for (int col = row; col < d; col++) {
                double v = acc[base + t + col - row];
                out[row * d + col] = v;
                out[col * d + row] = v;
            }
        }
    }

    /**
     * One blocked pass over the measurements for columns 0..nc-1 of zb, accumulating into acc rows 0..nc-1. With
     * {@code resid}, column 0 becomes the residual r_i = c_i0 - y_i (stored into rOut) and the sum of r_i^2 is
     * returned.
     */
    private double pass(int nc, boolean resid, double[] rOut) {
        pNc = nc;
        pNcr = nc == 1 ? 1 : (nc + 3) & ~3;
        pResid = resid;
        pR = rOut;
        team.run(segs, nc == 1 ? passOneTask : passTask);
        pR = null;
        for (int i = 1; i < segs; i++) {
            kk.axpy(pNcr * ld, 1, segAcc[i], 0, acc, 0);
        }
        return resid ? sumOfSquares(rOut) : 0;
    }

    /** sum r_i^2 in index order. */
    private double sumOfSquares(double[] rOut) {
        double ss = 0;
        for (int i = 0; i < m; i++) {
            ss += rOut[i] * rOut[i];
        }
        return ss;
    }

    /** Segment sg of a pass of several columns: per block a gemmNT (block x columns) and a gemmTN. */
    private void passSegment(int sg) {
        int nc = pNc, ncr = pNcr;
        double[] out = segAcc[sg], c = segCb[sg];
        java.util.Arrays.fill(out, 0, ncr * ld, 0.0);
        for (int bi = segStart[sg]; bi < segStart[sg + 1]; bi++) {
            int i0 = bi * block;
            int b = Math.min(block, m - i0);
            if (nc <= 2) {
                // two columns (fused gradient + HVP or curvature gradient without a Gram matrix): one gemv per
                // column while the block of A stays in cache; a gemmNT with 2 columns of B ran 7x slower, since the
                // NT kernel pads narrow panels of B to full vector tiles (a kernel weak spot, README "Kernels")
                double[] col = segCol[sg];
                for (int j = 0; j < nc; j++) {
                    kk.gemv(b, ld, 1, a, i0 * ld, ld, zb, j * ld, 0, col, 0);
                    for (int t = 0; t < b; t++) {
                        c[t * ncr + j] = col[t];
                    }
                }
            } else {
                kk.gemmNT(b, nc, ld, 1, a, i0 * ld, ld, zb, 0, ld, 0, c, 0, ncr);
            }
            for (int t = 0; t < b; t++) {
                if (pResid) {
                    double ri = c[t * ncr] - y[i0 + t];
                    c[t * ncr] = ri;
                    pR[i0 + t] = ri;
                }
                for (int j = nc; j < ncr; j++) {
                    c[t * ncr + j] = 0;
                }
            }
            kk.gemmTN(ncr, ld, b, 1, c, 0, ncr, a, i0 * ld, ld, 1, out, 0, ld);
        }
    }

    /** Segment sg of the one-column pass: a gemv and a gemvT per block. */
    private void passOneSegment(int sg) {
        double[] out = segAcc[sg], c = segCb[sg];
        java.util.Arrays.fill(out, 0, ld, 0.0);
        for (int bi = segStart[sg]; bi < segStart[sg + 1]; bi++) {
            int i0 = bi * block;
            int b = Math.min(block, m - i0);
            kk.gemv(b, ld, 1, a, i0 * ld, ld, zb, 0, 0, c, 0);
            if (pResid) {
                for (int t = 0; t < b; t++) {
                    double ri = c[t] - y[i0 + t];
                    c[t] = ri;
                    pR[i0 + t] = ri;
                }
            }
            kk.gemvT(b, ld, 1, a, i0 * ld, ld, c, 0, 1, out, 0);
        }
    }

    /**
     * acc rows first..first+nc-1 := G zb rows first..first+nc-1 (Gram mode), reading the blocked upper triangle of G
     * once for all nc columns. A block of rows I = [i0, i1) with rectangle R = G[I, i0:P] contributes
     * Y_I += Z[:, i0:P] R^T and, by symmetry, Y[:, i1:P] += Z_I R[:, i1-i0:] (a gemv and a gemvT for one column).
     */
    private void gramApply(int first, int nc) {
        int p = s.packed;
        int[] go = s.gramOffset;
        int zo = first * ld;
        for (int j = first; j < first + nc; j++) {
            java.util.Arrays.fill(acc, j * ld, j * ld + p, 0.0);
        }
        for (int bi = 0; bi + 1 < go.length; bi++) {
            int i0 = bi * MatrixSensing.GRAM_BLOCK;
            int b = Math.min(MatrixSensing.GRAM_BLOCK, p - i0);
            int w = p - i0;
            int ro = go[bi];
            if (nc == 1) {
                kk.gemv(b, w, 1, gram, ro, w, zb, zo + i0, 1, acc, zo + i0);
                if (w > b) {
                    kk.gemvT(b, w - b, 1, gram, ro + b, w, zb, zo + i0, 1, acc, zo + i0 + b);
                }
            } else {
                kk.gemmNT(nc, b, w, 1, zb, zo + i0, ld, gram, ro, w, 1, acc, zo + i0, ld);
                if (w > b) {
                    kk.gemm(nc, w - b, b, 1, zb, zo + i0, ld, gram, ro + b, w, 1, acc, zo + i0 + b, ld);
                }
            }
        }
    }

    /** r := F(U) - y by one forward sweep per segment (no accumulation); returns sum r_i^2. */
    private double forward(double[] u, double[] rOut) {
        packProduct(u, 0, u, 0, 0);
        pR = rOut;
        team.run(segs, forwardTask);
        pR = null;
        return sumOfSquares(rOut);
    }

    private void forwardSegment(int sg) {
        int i0 = segStart[sg] * block;
        int i1 = Math.min(m, segStart[sg + 1] * block);
        kk.gemv(i1 - i0, ld, 1, a, i0 * ld, ld, zb, 0, 0, pR, i0);
        for (int i = i0; i < i1; i++) {
            pR[i] -= y[i];
        }
    }

    // ---------------------------------------------------------------- Evaluator

    @Override
    public double loss(double[] u) {
        return forward(u, r) / (2.0 * m);
    }

    @Override
    public double lossAndGradient(double[] u, double[] grad) {
        packProduct(u, 0, u, 0, 0);
        double ss = pass(1, true, r);
        unpack(0, rmat);
        kk.gemm(d, k, d, 2.0 / m, rmat, 0, d, u, 0, k, 0, grad, 0, k);
        return ss / (2.0 * m);
    }

    @Override
    public void hvp(double[] u, double[] v, double[] hv) {
        fused(u, v, null, hv);
    }

    @Override
    public double gradientAndHvp(double[] u, double[] v, double[] grad, double[] hv) {
        return fused(u, v, grad, hv);
    }

    /**
     * Rm and C = sum <S_i, V U^T> S_i for the gradient and the HVP: one pass over the measurements for the residuals
     * (Rm), and C through the Gram matrix when the model keeps one (P &lt;= m), else as a second column of that pass.
     * Measured at d = k = 40, m = 2000 (CPU time per call): pass + Gram 1.2x the gradient alone; a two-column pass
     * 1.9x (its second product of each block of measurements costs as much as the first).
     */
    private double fused(double[] u, double[] v, double[] grad, double[] hv) {
        packProduct(u, 0, u, 0, 0);
        packProduct(v, 0, u, 0, 1);
        double ss;
        if (gram != null) {
            ss = pass(1, true, r);
            gramApply(1, 1);
        } else {
            ss = pass(2, true, r);
        }
        unpack(0, rmat);
        unpack(1, cmat);
        if (grad != null) {
            kk.gemm(d, k, d, 2.0 / m, rmat, 0, d, u, 0, k, 0, grad, 0, k);
        }
        kk.gemm(d, k, d, 4.0 / m, cmat, 0, d, u, 0, k, 0, hv, 0, k);
        kk.gemm(d, k, d, 2.0 / m, rmat, 0, d, v, 0, k, 1, hv, 0, k);
        return ss / (2.0 * m);
    }

    @Override
    public void hvpBatch(double[] u, double[] v, int nv, double[] hv) {
        // the first chunk also carries the residual column (Rm); later chunks reuse Rm
        int done = 0;
        boolean first = true;
        while (done < nv || first) {
            int c0 = first ? 1 : 0;
            int nc = Math.min(KMAX, nv - done);
            if (first) {
                packProduct(u, 0, u, 0, 0);
            }
            for (int j = 0; j < nc; j++) {
                packProduct(v, (done + j) * dim, u, 0, c0 + j);
            }
            if (gram != null) {
                if (first) {
                    pass(1, true, r);
                }
                gramApply(c0, nc);
            } else {
                pass(c0 + nc, first, r);
            }
            if (first) {
                unpack(0, rmat);
            }
            applyChunk(u, rmat, v, done, nc, c0, hv);
            done += nc;
            first = false;
        }
    }

    /** HV_j = (1/m)(4 C_j U + 2 Rm V_j) for the nc directions whose C_j are in acc rows c0.. . */
    private void applyChunk(double[] u, double[] rm, double[] v, int first, int nc, int c0, double[] hv) {
        for (int j = 0; j < nc; j++) {
            int o = (first + j) * dim;
            unpack(c0 + j, cmat);
            kk.gemm(d, k, d, 4.0 / m, cmat, 0, d, u, 0, k, 0, hv, o, k);
            kk.gemm(d, k, d, 2.0 / m, rm, 0, d, v, o, k, 1, hv, o, k);
        }
    }

    @Override
    public void curvatureGradient(double[] u, double[] v, double[] out) {
        // columns [V U^T, V V^T]: C = sum <S_i U, V> S_i and E = sum <S_i V, V> S_i
        packProduct(v, 0, u, 0, 0);
        packProduct(v, 0, v, 0, 1);
        if (gram != null) {
            gramApply(0, 2);
        } else {
            pass(2, false, null);
        }
        unpack(0, cmat);
        unpack(1, tmp);
        kk.gemm(d, k, d, 8.0 / m, cmat, 0, d, v, 0, k, 0, out, 0, k);
        kk.gemm(d, k, d, 4.0 / m, tmp, 0, d, u, 0, k, 1, out, 0, k);
    }

    @Override
    public SymmetricOperator hessianAt(double[] u) {
        hu = u;
        packProduct(u, 0, u, 0, 0);
        pass(1, true, hr);
        unpack(0, hrmat);
        return view;
    }

    // ---------------------------------------------------------------- LeastSquaresEvaluator

    @Override
    public void residual(double[] u, double[] out) {
        forward(u, out);
    }

    /** (J V)_i = 2 &lt;S_i, V U^T&gt;. */
    @Override
    public void jvp(double[] u, double[] v, double[] out) {
        packProduct(v, 0, u, 0, 0);
        kk.gemv(m, ld, 2, a, 0, ld, zb, 0, 0, out, 0);
    }

    /** J^T w = 2 (sum w_i S_i) U. */
    @Override
    public void vjp(double[] u, double[] w, double[] out) {
        kk.gemvT(m, ld, 1, a, 0, ld, w, 0, 0, acc, 0);
        unpack(0, cmat);
        kk.gemm(d, k, d, 2, cmat, 0, d, u, 0, k, 0, out, 0, k);
    }

    /** H at the point of the last hessianAt, from its cached residual sum Rm. */
    private final class View implements SymmetricOperator {
        @Override
        public int dim() {
            return dim;
        }

        @Override
        public void apply(double[] v, double[] out) {
            packProduct(v, 0, hu, 0, 0);
            if (gram != null) {
                gramApply(0, 1);
            } else {
                pass(1, false, null);
            }
            applyChunk(hu, hrmat, v, 0, 1, 0, out);
        }

        @Override
        public void applyBatch(double[] v, int nv, double[] out) {
            for (int done = 0; done < nv; done += KMAX) {
                int nc = Math.min(KMAX, nv - done);
                for (int j = 0; j < nc; j++) {
                    packProduct(v, (done + j) * dim, hu, 0, j);
                }
                if (gram != null) {
                    gramApply(0, nc);
                } else {
                    pass(nc, false, null);
                }
                applyChunk(hu, hrmat, v, done, nc, 0, out);
            }
        }
    }
}
