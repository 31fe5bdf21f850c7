package dev.eos.models;

import dev.eos.kernels.Kernels;

/**
 * The buffers of a {@link DeepLinearEvaluator} and the two kinds of step its calls are made of (THEORY 6.1; the
 * notation is the evaluator's):
 * <ul>
 *   <li>a <b>column step</b> computes the columns [c0, c1) of every F_k, dF_k, ddF_k (forward), of their transposes'
 *       rows, and of every Q_k, dQ_k, ddQ_k (backward), together with the columns [c0, c1) of the first layer's
 *       outputs G_1 = Q_1, (HV)_1 = dQ_1 and D^3L[V,V,.]_1 = ddQ_1: every one of these products acts column by column
 *       on the d_0 columns, so column blocks are independent;</li>
 *   <li>a <b>weight step</b> computes the columns [j0, j1) of one layer's weight outputs G_k = Q_k F_{k-1}^T,
 *       (HV)_k = dQ_k F_{k-1}^T + Q_k dF_{k-1}^T, D^3L[V,V,.]_k = ddQ_k F_{k-1}^T + 2 dQ_k dF_{k-1}^T + Q_k ddF_{k-1}^T,
 *       k &ge; 2: each a sum over all d_0 columns, done by whole gemms over d_0 once every column step is done.</li>
 * </ul>
 * Every matrix is stored whole (d_k x d_0 row-major, ld = d_0; transposes d_0 x d_k), and a step reads and writes
 * its block in place through the kernels' leading dimensions, so the blocks of different steps never overlap.
 *
 * <p>Bits: an entry of a gemm is one sum over the inner index in a fixed order whatever the shape of the call
 * (VectorGemm's class comment, the same in ScalarKernels), and transposes and the residual are entrywise, so a block
 * computed alone has the bits of the same block of the whole product: how the work is cut into steps, and which
 * thread runs a step, changes no result.
 *
 * <p>A call is its arguments (the ops it asks for, the point, the direction, the outputs): passed directly to
 * {@link #columns} and {@link #weights} on one segment, or stored by {@link #request} for the team's steps.
 */
final class DeepLinearSweeps {

    private final DeepLinear m;
    private final Kernels k;
    private final int n;
    private final int[] w;
    private final int[] off;
    private final int d0;
    final int outDim;
    /**
     * Offsets of F_k (and dF_k, ddF_k) for k = 2..N, of Q_k (dQ_k, ddQ_k) for k = 2..N-1, and of the transposes
     * FT_k = F_k^T (dFT_k, ddFT_k; d_0 x d_k) for k = 1..N-1.
     */
    final int[] fo;
    private final int[] qo;
    private final int[] to;
    final double[] f, df, ddf, q, dq, ddq, res, ft, dft, ddft;
    /** The point data of {@link DeepLinearEvaluator#hessianAt}: F, FT, Q, R there. */
    final double[] hf, hft, hq, hres;

    // ---------------------------------------------------------------- what a call asks for

    /** Compute F_k and R (into rOut). */
    static final int FORWARD = 1;
    /** With FORWARD, also FT_k = F_k^T. */
    static final int TRANSPOSE_F = 2;
    /** Compute dF_k, dFT_k along v. */
    static final int TANGENT = 4;
    /** Compute ddF_k, ddFT_k along v (the curvature gradient). */
    static final int SECOND = 8;
    /** Compute Q_{k-1} = W_k^T Q_k (Q_1 only into grad). */
    static final int Q = 16;
    /** Use (and with FORWARD and Q, write) the Hessian view's point data hf, hft, hq instead of f, ft, q. */
    static final int VIEW = 32;

    /**
     * The request the team's steps run ({@link #request}; a call on one segment passes its arguments directly):
     * the ops above, the point x, the direction v at offset vb, R's destination rOut, Q_N (the residual, or the
     * vector of a vjp), and the outputs grad, hv (at offset hb), curv (null: not wanted).
     */
    private int rOps;
    private double[] rX, rV, rROut, rQN, rGrad, rHv, rCurv;
    private int rVb, rHb;

    DeepLinearSweeps(DeepLinear m, Kernels k) {
        this.m = m;
        this.k = k;
        this.n = m.depth;
        this.w = m.widths;
        this.off = m.offsets;
        this.d0 = w[0];
        this.outDim = w[n] * d0;
        this.fo = new int[n + 1];
        this.qo = new int[n + 1];
        this.to = new int[n + 1];
        int ts = 0;
        for (int i = 1; i < n; i++) {
            to[i] = ts;
            ts += w[i] * d0;
        }
        int fs = 0;
        for (int i = 2; i <= n; i++) {
            fo[i] = fs;
            fs += w[i] * d0;
        }
        int qs = 0;
        for (int i = 2; i < n; i++) {
            qo[i] = qs;
            qs += w[i] * d0;
        }
        f = new double[fs];
        df = new double[fs];
        ddf = new double[fs];
        q = new double[qs];
        dq = new double[qs];
        ddq = new double[qs];
        res = new double[outDim];
        ft = new double[ts];
        dft = new double[ts];
        ddft = new double[ts];
        hft = new double[ts];
        hf = new double[fs];
        hq = new double[qs];
        hres = new double[outDim];
    }

    /** Sets the request the team's steps run (arguments as in {@link #columns}). */
    void request(int ops, double[] x, double[] v, int vb, double[] rOut, double[] qN, double[] grad, double[] hv, int hb,
                 double[] curv) {
        rOps = ops;
        rX = x;
        rV = v;
        rVb = vb;
        rROut = rOut;
        rQN = qN;
        rGrad = grad;
        rHv = hv;
        rHb = hb;
        rCurv = curv;
    }

    /** The column step [c0, c1) of the request. */
    void requestColumns(int c0, int c1) {
        columns(c0, c1, rOps, rX, rV, rVb, rROut, rQN, rGrad, rHv, rHb, rCurv);
    }

    /** The weight step (layer i, columns [j0, j1)) of the request. */
    void requestWeights(int i, int j0, int j1) {
        weights(i, j0, j1, rOps, rQN, rGrad, rHv, rHb, rCurv);
    }

    /** Whether a call with these outputs has weight steps (a weight output of a layer k &ge; 2). */
    boolean hasWeights(double[] grad, double[] hv, double[] curv) {
        return n > 1 && (grad != null || hv != null || curv != null);
    }

    // ---------------------------------------------------------------- column steps

    /**
     * The column step on columns [c0, c1) of the d_0: forward, tangents, backward, as {@code ops} asks.
     *
     * @param x    the point
     * @param v    the direction (at offset vb) for TANGENT, SECOND and the HVP, else unused
     * @param rOut R's destination (d_N x d_0) with FORWARD
     * @param qN   Q_N (d_N x d_0): the residual, or the vector of a vjp
     * @param grad the gradient (its W_1 block from Q_1 here, the rest in weight steps), or null
     * @param hv   the HVP at offset hb (its W_1 block dQ_1 here), or null
     * @param curv the curvature gradient (its W_1 block ddQ_1 here), or null
     */
    void columns(int c0, int c1, int ops, double[] x, double[] v, int vb, double[] rOut, double[] qN, double[] grad,
                 double[] hv, int hb, double[] curv) {
        boolean view = (ops & VIEW) != 0;
        double[] fb = view ? hf : f;
        if ((ops & FORWARD) != 0) {
            forwardColumns(c0, c1, x, fb, (ops & TRANSPOSE_F) != 0 ? (view ? hft : ft) : null, rOut);
        }
        if ((ops & TANGENT) != 0) {
            tangentColumns(c0, c1, x, fb, v, vb);
        }
        if ((ops & SECOND) != 0) {
            secondTangentColumns(c0, c1, x, v, vb);
        }
        backwardColumns(c0, c1, x, view ? hq : q, (ops & Q) != 0, qN, v, vb, grad, hv, hb, curv);
    }

    /** F_k = W_k F_{k-1} for k = 2..N into fb; R := F_N - M into r; with tb != null also FT_k = F_k^T, k &lt; N. */
    private void forwardColumns(int c0, int c1, double[] x, double[] fb, double[] tb, double[] r) {
        int cw = c1 - c0;
        for (int i = 2; i <= n; i++) {
            k.gemm(w[i], cw, w[i - 1], 1, x, off[i], w[i - 1], i == 2 ? x : fb, (i == 2 ? off[1] : fo[i - 1]) + c0,
                    d0, 0, fb, fo[i] + c0, d0);
        }
        double[] p = n == 1 ? x : fb;
        int po = n == 1 ? off[1] : fo[n];
        double[] t = m.target;
        // whole rows at once when the step has every column (one loop: a row at a time costs 8% of a d = 8 gradient)
        int rows = c1 - c0 == d0 ? 1 : w[n];
        int len = c1 - c0 == d0 ? outDim : c1 - c0;
        for (int row = 0; row < rows; row++) {
            for (int i = row * d0 + c0, e = i + len; i < e; i++) {
                r[i] = p[po + i] - t[i];
            }
        }
        if (tb != null) {
            for (int i = 1; i < n; i++) {
                transpose(w[i], cw, i == 1 ? x : fb, (i == 1 ? off[1] : fo[i]) + c0, d0, tb, to[i] + c0 * w[i]);
            }
        }
    }

    /**
     * dst (cols x rows, dense) := src^T for src rows x cols with leading dimension lds; blocked for cache reuse.
     */
    static void transpose(int rows, int cols, double[] src, int so, int lds, double[] dst, int dOff) {
        final int b = 16;
        for (int i0 = 0; i0 < rows; i0 += b) {
            int i1 = Math.min(rows, i0 + b);
            for (int j0 = 0; j0 < cols; j0 += b) {
                int j1 = Math.min(cols, j0 + b);
                for (int i = i0; i < i1; i++) {
                    int s = so + i * lds;
                    for (int j = j0; j < j1; j++) {
                        dst[dOff + j * rows + i] = src[s + j];
                    }
                }
            }
        }
    }

    /** dF_k = V_k F_{k-1} + W_k dF_{k-1} for k = 2..N (dF_1 = V_1, read in place); dFT_k = dF_k^T, k &lt; N. */
    private void tangentColumns(int c0, int c1, double[] x, double[] fb, double[] v, int vb) {
        int cw = c1 - c0;
        for (int i = 2; i <= n; i++) {
            int rows = w[i], inner = w[i - 1];
            k.gemm(rows, cw, inner, 1, v, vb + off[i], inner, i == 2 ? x : fb, (i == 2 ? off[1] : fo[i - 1]) + c0,
                    d0, 0, df, fo[i] + c0, d0);
            k.gemm(rows, cw, inner, 1, x, off[i], inner, i == 2 ? v : df, (i == 2 ? vb + off[1] : fo[i - 1]) + c0,
                    d0, 1, df, fo[i] + c0, d0);
        }
        for (int i = 1; i < n; i++) {
            transpose(w[i], cw, i == 1 ? v : df, (i == 1 ? vb + off[1] : fo[i]) + c0, d0, dft, to[i] + c0 * w[i]);
        }
    }

    /** ddF_2 = 2 V_2 V_1, ddF_k = 2 V_k dF_{k-1} + W_k ddF_{k-1}; ddFT_k = ddF_k^T for 2 &le; k &lt; N. */
    private void secondTangentColumns(int c0, int c1, double[] x, double[] v, int vb) {
        int cw = c1 - c0;
        for (int i = 2; i <= n; i++) {
            int rows = w[i], inner = w[i - 1];
            k.gemm(rows, cw, inner, 2, v, vb + off[i], inner, i == 2 ? v : df, (i == 2 ? vb + off[1] : fo[i - 1]) + c0,
                    d0, 0, ddf, fo[i] + c0, d0);
            if (i > 2) {
                k.gemm(rows, cw, inner, 1, x, off[i], inner, ddf, fo[i - 1] + c0, d0, 1, ddf, fo[i] + c0, d0);
            }
            if (i < n) {
                transpose(rows, cw, ddf, fo[i] + c0, d0, ddft, to[i] + c0 * rows);
            }
        }
    }

    /**
     * The backward sweep k = N..2 on columns [c0, c1), Q_N = qN, dQ_N = dF_N, ddQ_N = ddF_N:
     * Q_{k-1} = W_k^T Q_k (computeQ, into qb; Q_1 only into grad), dQ_{k-1} = V_k^T Q_k + W_k^T dQ_k (for hv, dQ_1
     * into hv; for curv, k &gt; 2) and ddQ_{k-1} = 2 V_k^T dQ_k + W_k^T ddQ_k (curv; ddQ_1 into curv).
     */
    private void backwardColumns(int c0, int c1, double[] x, double[] qb, boolean computeQ, double[] qN, double[] v,
                                 int vb, double[] grad, double[] hv, int hb, double[] curv) {
        if (n == 1) {
            // never split (the evaluator keeps one segment): G = R, H = I
            if (grad != null) {
                System.arraycopy(qN, 0, grad, off[1], outDim);
            }
            if (hv != null) {
                System.arraycopy(v, vb + off[1], hv, hb + off[1], outDim);
            }
            return;
        }
        int cw = c1 - c0;
        for (int i = n; i >= 2; i--) {
            int rows = w[i], cols = w[i - 1];
            double[] qa = i == n ? qN : qb;
            int qOff = (i == n ? 0 : qo[i]) + c0;
            double[] dqa = i == n ? df : dq;
            int dqOff = (i == n ? fo[n] : qo[i]) + c0;
            if (curv != null) {
                double[] ddqa = i == n ? ddf : ddq;
                double[] dst = i == 2 ? curv : ddq;
                int dstOff = (i == 2 ? off[1] : qo[i - 1]) + c0;
                k.gemmTN(cols, cw, rows, 2, v, vb + off[i], cols, dqa, dqOff, d0, 0, dst, dstOff, d0);
                k.gemmTN(cols, cw, rows, 1, x, off[i], cols, ddqa, dqOff, d0, 1, dst, dstOff, d0);
            }
            if (hv != null || (curv != null && i > 2)) {
                double[] dst = i == 2 ? hv : dq;
                int dstOff = (i == 2 ? hb + off[1] : qo[i - 1]) + c0;
                k.gemmTN(cols, cw, rows, 1, v, vb + off[i], cols, qa, qOff, d0, 0, dst, dstOff, d0);
                k.gemmTN(cols, cw, rows, 1, x, off[i], cols, dqa, dqOff, d0, 1, dst, dstOff, d0);
            }
            if (computeQ) {
                if (i > 2) {
                    k.gemmTN(cols, cw, rows, 1, x, off[i], cols, qa, qOff, d0, 0, qb, qo[i - 1] + c0, d0);
                } else if (grad != null) {
                    k.gemmTN(cols, cw, rows, 1, x, off[i], cols, qa, qOff, d0, 0, grad, off[1] + c0, d0);
                }
            }
        }
    }

    // ---------------------------------------------------------------- weight steps

    /** Every weight step of a one-segment call: layers N..2, all columns (arguments as in {@link #weights}). */
    void allWeights(int ops, double[] qN, double[] grad, double[] hv, int hb, double[] curv) {
        for (int i = n; i >= 2; i--) {
            weights(i, 0, w[i - 1], ops, qN, grad, hv, hb, curv);
        }
    }

    /**
     * The weight step of layer i (2..N) on columns [j0, j1) of W_i: the weight outputs asked for (null: not wanted),
     * from the point data ops selects (VIEW or not) and Q_N = qN.
     */
    void weights(int i, int j0, int j1, int ops, double[] qN, double[] grad, double[] hv, int hb, double[] curv) {
        boolean view = (ops & VIEW) != 0;
        double[] qb = view ? hq : q;
        double[] tb = view ? hft : ft;
        int rows = w[i], cols = w[i - 1], jw = j1 - j0;
        double[] qa = i == n ? qN : qb;
        int qOff = i == n ? 0 : qo[i];
        int tOff = to[i - 1] + j0;
        int o = off[i] + j0;
        if (grad != null) {
            k.gemm(rows, jw, d0, 1, qa, qOff, d0, tb, tOff, cols, 0, grad, o, cols);
        }
        double[] dqa = i == n ? df : dq;
        int dqOff = i == n ? fo[n] : qo[i];
        if (hv != null) {
            k.gemm(rows, jw, d0, 1, dqa, dqOff, d0, tb, tOff, cols, 0, hv, hb + o, cols);
            k.gemm(rows, jw, d0, 1, qa, qOff, d0, dft, tOff, cols, 1, hv, hb + o, cols);
        }
        if (curv != null) {
            // G''_k = ddQ_k F_{k-1}^T + 2 dQ_k dF_{k-1}^T + Q_k ddF_{k-1}^T (ddF_1 = 0)
            double[] ddqa = i == n ? ddf : ddq;
            k.gemm(rows, jw, d0, 1, ddqa, dqOff, d0, tb, tOff, cols, 0, curv, o, cols);
            k.gemm(rows, jw, d0, 2, dqa, dqOff, d0, dft, tOff, cols, 1, curv, o, cols);
            if (i > 2) {
                k.gemm(rows, jw, d0, 1, qa, qOff, d0, ddft, tOff, cols, 1, curv, o, cols);
            }
        }
    }
}
