package dev.eos.models;

import dev.eos.kernels.Kernels;

/**
 * The workspace of a {@link DeepLinear} network: products computed once per call, gemm forms on the flat parameter
 * array with offsets, no allocation (THEORY 6.1).
 *
 * <p>Notation: F_k = W_k ... W_1 (d_k x d_0; F_1 = W_1, P = F_N), R = P - M, Q_N = R, Q_{k-1} = W_k^T Q_k. Then
 * grad_{W_k} L = A_k^T R B_k^T = Q_k F_{k-1}^T (F_0 = I). The HVP and the curvature gradient are the first and second
 * derivatives of this computation along x + tV (forward tangents dF, ddF; backward dQ, ddQ):
 * <pre>
 *   dF_k  = V_k F_{k-1} + W_k dF_{k-1}                 ddF_k = 2 V_k dF_{k-1} + W_k ddF_{k-1}
 *   dQ_{k-1} = V_k^T Q_k + W_k^T dQ_k                  ddQ_{k-1} = 2 V_k^T dQ_k + W_k^T ddQ_k
 *   (H V)_k = dQ_k F_{k-1}^T + Q_k dF_{k-1}^T          D^3L[V,V,.]_k = ddQ_k F_{k-1}^T + 2 dQ_k dF_{k-1}^T + Q_k ddF_{k-1}^T
 * </pre>
 * with dQ_N = dF_N = DP[V] = E and ddQ_N = ddF_N = D^2P[V,V], which is THEORY 6.1's HVP and third-derivative formula.
 *
 * <p>Every product is a plain (NN) or transposed-left (TN) gemm: the right factors F_{k-1}^T, dF_{k-1}^T, ddF_{k-1}^T
 * are transposed explicitly (FT buffers, d_0 x d_{k-1}), which is cheaper than the NT kernel on small blocks.
 */
final class DeepLinearEvaluator implements LeastSquaresEvaluator {

    private final DeepLinear m;
    private final Kernels k;
    private final int n;
    private final int[] w;
    private final int[] off;
    private final int d0;
    private final int outDim;
    /**
     * Offsets of F_k (and dF_k, ddF_k) for k = 2..N, of Q_k (dQ_k, ddQ_k) for k = 2..N-1, and of the transposes
     * FT_k = F_k^T (dFT_k, ddFT_k; d_0 x d_k) for k = 1..N-1.
     */
    private final int[] fo;
    private final int[] qo;
    private final int[] to;
    private final double[] f, df, ddf, q, dq, ddq, res, ft, dft, ddft;
    /** The point data of {@link #hessianAt}: F, FT, Q, R at hx. */
    private final double[] hf, hft, hq, hres;
    private double[] hx;
    private final SymmetricOperator view;

    DeepLinearEvaluator(DeepLinear m, Kernels k) {
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
        view = new View();
    }

    @Override
    public Model model() {
        return m;
    }

    @Override
    public int outputDim() {
        return outDim;
    }

    @Override
    public double scale() {
        return 1;
    }

    // ---------------------------------------------------------------- building blocks

    /** F_k = W_k F_{k-1} for k = 2..N into fb; then r := F_N - M; with tb != null also FT_k = F_k^T, k &lt; N. */
    private void forward(double[] x, double[] fb, double[] r, double[] tb) {
        for (int i = 2; i <= n; i++) {
            k.gemm(w[i], d0, w[i - 1], 1, x, off[i], w[i - 1], i == 2 ? x : fb, i == 2 ? off[1] : fo[i - 1], d0,
                    0, fb, fo[i], d0);
        }
        double[] p = n == 1 ? x : fb;
        int po = n == 1 ? off[1] : fo[n];
        double[] t = m.target;
        for (int i = 0; i < outDim; i++) {
            r[i] = p[po + i] - t[i];
        }
        if (tb != null) {
            for (int i = 1; i < n; i++) {
                transpose(w[i], d0, i == 1 ? x : fb, i == 1 ? off[1] : fo[i], tb, to[i]);
            }
        }
    }

    /** dst (cols x rows) := src^T for src rows x cols, both dense row-major; blocked for cache reuse. */
    static void transpose(int rows, int cols, double[] src, int so, double[] dst, int dOff) {
        final int b = 16;
        for (int i0 = 0; i0 < rows; i0 += b) {
            int i1 = Math.min(rows, i0 + b);
            for (int j0 = 0; j0 < cols; j0 += b) {
                int j1 = Math.min(cols, j0 + b);
                for (int i = i0; i < i1; i++) {
                    int s = so + i * cols;
                    for (int j = j0; j < j1; j++) {
                        dst[dOff + j * rows + i] = src[s + j];
                    }
                }
            }
        }
    }

    /** dF_k = V_k F_{k-1} + W_k dF_{k-1} for k = 2..N into dfb (dF_1 = V_1, read in place); dFT_k = dF_k^T, k &lt; N. */
    private void tangent(double[] x, double[] fb, double[] v, int vb, double[] dfb) {
        for (int i = 2; i <= n; i++) {
            int rows = w[i], inner = w[i - 1];
            k.gemm(rows, d0, inner, 1, v, vb + off[i], inner, i == 2 ? x : fb, i == 2 ? off[1] : fo[i - 1], d0,
                    0, dfb, fo[i], d0);
            k.gemm(rows, d0, inner, 1, x, off[i], inner, i == 2 ? v : dfb, i == 2 ? vb + off[1] : fo[i - 1], d0,
                    1, dfb, fo[i], d0);
        }
        for (int i = 1; i < n; i++) {
            transpose(w[i], d0, i == 1 ? v : dfb, i == 1 ? vb + off[1] : fo[i], dft, to[i]);
        }
    }

    /**
     * The backward sweep k = N..2, with tb holding FT_{k-1} = F_{k-1}^T (and dft dF_{k-1}^T for an HVP). With
     * {@code computeQ}, Q_{k-1} = W_k^T Q_k is formed into qb (Q_1 only into grad); with {@code grad},
     * G_k = Q_k F_{k-1}^T; with {@code hv}, (HV)_k = dQ_k F_{k-1}^T + Q_k dF_{k-1}^T and
     * dQ_{k-1} = V_k^T Q_k + W_k^T dQ_k (dQ_1 straight into hv). r plays Q_N.
     */
    private void backward(double[] x, double[] tb, double[] qb, double[] r, boolean computeQ, double[] grad,
                          double[] v, int vb, double[] dfb, double[] hv, int hb) {
        if (n == 1) {
            if (grad != null) {
                System.arraycopy(r, 0, grad, off[1], outDim);
            }
            if (hv != null) {
                System.arraycopy(v, vb + off[1], hv, hb + off[1], outDim); // H = I
            }
            return;
        }
        for (int i = n; i >= 2; i--) {
            int rows = w[i], cols = w[i - 1];
            double[] qa = i == n ? r : qb;
            int qOff = i == n ? 0 : qo[i];
            int tOff = to[i - 1];
            if (grad != null) {
                k.gemm(rows, cols, d0, 1, qa, qOff, d0, tb, tOff, cols, 0, grad, off[i], cols);
            }
            if (hv != null) {
                double[] dqa = i == n ? dfb : dq;
                int dqOff = i == n ? fo[n] : qo[i];
                k.gemm(rows, cols, d0, 1, dqa, dqOff, d0, tb, tOff, cols, 0, hv, hb + off[i], cols);
                k.gemm(rows, cols, d0, 1, qa, qOff, d0, dft, tOff, cols, 1, hv, hb + off[i], cols);
                double[] dst = i == 2 ? hv : dq;
                int dstOff = i == 2 ? hb + off[1] : qo[i - 1];
                k.gemmTN(cols, d0, rows, 1, v, vb + off[i], cols, qa, qOff, d0, 0, dst, dstOff, d0);
                k.gemmTN(cols, d0, rows, 1, x, off[i], cols, dqa, dqOff, d0, 1, dst, dstOff, d0);
            }
            if (computeQ) {
                if (i > 2) {
                    k.gemmTN(cols, d0, rows, 1, x, off[i], cols, qa, qOff, d0, 0, qb, qo[i - 1], d0);
                } else if (grad != null) {
                    k.gemmTN(cols, d0, rows, 1, x, off[i], cols, qa, qOff, d0, 0, grad, off[1], d0);
                }
            }
        }
    }

    // ---------------------------------------------------------------- Evaluator

    @Override
    public double loss(double[] x) {
        forward(x, f, res, null);
        return 0.5 * k.dot(outDim, res, 0, res, 0) + m.dataLoss();
    }

    @Override
    public double lossAndGradient(double[] x, double[] grad) {
        forward(x, f, res, ft);
        backward(x, ft, q, res, true, grad, null, 0, null, null, 0);
        return 0.5 * k.dot(outDim, res, 0, res, 0) + m.dataLoss();
    }

    @Override
    public void hvp(double[] x, double[] v, double[] hv) {
        forward(x, f, res, ft);
        tangent(x, f, v, 0, df);
        backward(x, ft, q, res, true, null, v, 0, df, hv, 0);
    }

    @Override
    public double gradientAndHvp(double[] x, double[] v, double[] grad, double[] hv) {
        forward(x, f, res, ft);
        tangent(x, f, v, 0, df);
        backward(x, ft, q, res, true, grad, v, 0, df, hv, 0);
        return 0.5 * k.dot(outDim, res, 0, res, 0) + m.dataLoss();
    }

    /**
     * The k directions share everything that depends on the point alone (F, FT, Q and the residual: a deep net's
     * "data", computed once), then run their own tangent and backward sweeps. Stacking the k directions into wider
     * gemms was measured and does not pay with the kernels at hand: only the products with W or Q on the left (half
     * of them) can share one gemm without repacking, and a wide gemm is 1.7x faster than k small ones at d = 8
     * (8 x 64 x 8: 102 ns against 8 x 21.6 ns, thread CPU time, 512-bit vector kernels) but 1.3x slower at d = 32
     * (6.8 us against 5.2 us), so it would save about 5% of a batched HVP at d = 8 and lose from d = 32.
     */
    @Override
    public void hvpBatch(double[] x, double[] v, int nv, double[] hv) {
        forward(x, f, res, ft);
        backward(x, ft, q, res, true, null, null, 0, null, null, 0);
        int d = m.dim;
        for (int j = 0; j < nv; j++) {
            tangent(x, f, v, j * d, df);
            backward(x, ft, q, res, false, null, v, j * d, df, hv, j * d);
        }
    }

    @Override
    public void curvatureGradient(double[] x, double[] v, double[] out) {
        if (n == 1) {
            java.util.Arrays.fill(out, 0, m.dim, 0.0); // L is quadratic
            return;
        }
        forward(x, f, res, ft);
        tangent(x, f, v, 0, df);
        // ddF_2 = 2 V_2 V_1, ddF_k = 2 V_k dF_{k-1} + W_k ddF_{k-1}; ddFT_k = ddF_k^T for 2 <= k < N
        for (int i = 2; i <= n; i++) {
            int rows = w[i], inner = w[i - 1];
            k.gemm(rows, d0, inner, 2, v, off[i], inner, i == 2 ? v : df, i == 2 ? off[1] : fo[i - 1], d0,
                    0, ddf, fo[i], d0);
            if (i > 2) {
                k.gemm(rows, d0, inner, 1, x, off[i], inner, ddf, fo[i - 1], d0, 1, ddf, fo[i], d0);
            }
            if (i < n) {
                transpose(rows, d0, ddf, fo[i], ddft, to[i]);
            }
        }
        for (int i = n; i >= 2; i--) {
            int rows = w[i], cols = w[i - 1];
            double[] qa = i == n ? res : q;
            double[] dqa = i == n ? df : dq;
            double[] ddqa = i == n ? ddf : ddq;
            int qOff = i == n ? 0 : qo[i];
            int dqOff = i == n ? fo[n] : qo[i];
            int tOff = to[i - 1];
            // G''_k = ddQ_k F_{k-1}^T + 2 dQ_k dF_{k-1}^T + Q_k ddF_{k-1}^T (ddF_1 = 0)
            k.gemm(rows, cols, d0, 1, ddqa, dqOff, d0, ft, tOff, cols, 0, out, off[i], cols);
            k.gemm(rows, cols, d0, 2, dqa, dqOff, d0, dft, tOff, cols, 1, out, off[i], cols);
            if (i > 2) {
                k.gemm(rows, cols, d0, 1, qa, qOff, d0, ddft, tOff, cols, 1, out, off[i], cols);
            }
            // ddQ_{k-1} = 2 V_k^T dQ_k + W_k^T ddQ_k (ddQ_1 = G''_1, straight into out)
            double[] dst = i == 2 ? out : ddq;
            int dstOff = i == 2 ? off[1] : qo[i - 1];
            k.gemmTN(cols, d0, rows, 2, v, off[i], cols, dqa, dqOff, d0, 0, dst, dstOff, d0);
            k.gemmTN(cols, d0, rows, 1, x, off[i], cols, ddqa, dqOff, d0, 1, dst, dstOff, d0);
            if (i > 2) {
                // Q_{k-1} and dQ_{k-1} for the next level (not needed for k = 2)
                k.gemmTN(cols, d0, rows, 1, v, off[i], cols, qa, qOff, d0, 0, dq, qo[i - 1], d0);
                k.gemmTN(cols, d0, rows, 1, x, off[i], cols, dqa, dqOff, d0, 1, dq, qo[i - 1], d0);
                k.gemmTN(cols, d0, rows, 1, x, off[i], cols, qa, qOff, d0, 0, q, qo[i - 1], d0);
            }
        }
    }

    @Override
    public SymmetricOperator hessianAt(double[] x) {
        hx = x;
        forward(x, hf, hres, hft);
        backward(x, hft, hq, hres, true, null, null, 0, null, null, 0);
        return view;
    }

    // ---------------------------------------------------------------- LeastSquaresEvaluator

    @Override
    public void residual(double[] x, double[] r) {
        forward(x, f, r, null);
    }

    @Override
    public void jvp(double[] x, double[] v, double[] out) {
        if (n == 1) {
            System.arraycopy(v, off[1], out, 0, outDim);
            return;
        }
        forward(x, f, res, null);
        tangent(x, f, v, 0, df);
        System.arraycopy(df, fo[n], out, 0, outDim);
    }

    @Override
    public void vjp(double[] x, double[] wOut, double[] out) {
        forward(x, f, res, ft);
        backward(x, ft, q, wOut, true, out, null, 0, null, null, 0);
    }

    /** H at the point of the last hessianAt, from its cached F, Q, R. */
    private final class View implements SymmetricOperator {
        @Override
        public int dim() {
            return m.dim;
        }

        @Override
        public void apply(double[] v, double[] out) {
            tangent(hx, hf, v, 0, df);
            backward(hx, hft, hq, hres, false, null, v, 0, df, out, 0);
        }

        @Override
        public void applyBatch(double[] v, int nv, double[] out) {
            int d = m.dim;
            for (int j = 0; j < nv; j++) {
                tangent(hx, hf, v, j * d, df);
                backward(hx, hft, hq, hres, false, null, v, j * d, df, out, j * d);
            }
        }
    }
}
