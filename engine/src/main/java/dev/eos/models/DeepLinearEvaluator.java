package dev.eos.models;

import dev.eos.kernels.Kernels;

/**
 * The evaluator of a {@link DeepLinear} network: products computed once per call, gemm forms on the flat parameter
 * array with offsets, no allocation (THEORY 6.1). The buffers and the steps live in {@link DeepLinearSweeps}.
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
 *
 * <p>Threads ({@link DeepLinear#withThreads}): every forward and backward product acts column by column on the d_0
 * columns, and only the weight outputs k &ge; 2 sum over them. A call therefore runs as S column steps (the d_0
 * columns cut into S fixed segments) followed, when it has weight outputs, by weight steps (the columns of each
 * W_k, k &ge; 2, cut into at most S fixed blocks, each a gemm over all d_0 columns); the loss 0.5 ||R||^2 is one dot
 * product over the whole residual afterwards. No step sums across another's output, and a block of a gemm has the
 * bits of the same block of the whole product (the kernels' fixed per-entry order, {@link DeepLinearSweeps}), so every
 * result is bit-identical for any number of segments S, and so for any thread count. S therefore follows the threads:
 * S = min(threads, S_max) with S_max = {@link #segmentsFor} of the widths, each segment on its own member of a
 * {@link WorkerTeam}. S_max = 1 (one column step, one weight step per layer, on the calling thread) below
 * {@value #MIN_PARALLEL_WORK} multiply-adds per forward sweep, where waking workers costs more than they save; and one
 * thread runs the unsplit code at its unsplit speed (more segments than threads would only repeat the packing of the
 * kernels' operands: a gradient at d = 128 costs 6% more in 4 segments than in one, on one thread).
 */
final class DeepLinearEvaluator implements LeastSquaresEvaluator {

    /** The most segments (and so threads) a call is split into. */
    static final int SEGMENTS = 8;
    /**
     * The narrowest segment (a multiple of the kernels' 16-column micro-tile). Narrower segments repeat more packing of
     * the TN products' left factor W_k^T: measured at d = 128 (N = 4, one thread, busy machine), 8 segments of 16
     * columns made a gradient 18% slower than one segment, 4 of 32 columns 6%.
     */
    static final int SEGMENT_WIDTH = 32;
    /**
     * Networks whose forward sweep costs fewer multiply-adds d_0 sum_{k &ge; 2} d_k d_{k-1} than this stay on one
     * segment and the calling thread. Measured (N = 4, square, thread CPU time, busy machine): a gradient at d = 32
     * (98,304) costs 8-10 us and at d = 48 (331,776) about 33 us, so waking a worker (microseconds, more on a loaded
     * machine) would eat the gain; at d = 64 (786,432) it costs 55-80 us on one thread and 49 us on the busier of two.
     */
    static final long MIN_PARALLEL_WORK = 1L << 19;

    private final DeepLinear m;
    private final Kernels k;
    private final int n;
    private final DeepLinearSweeps sw;
    /** Columns [segStart[s], segStart[s + 1]) of the d_0 are segment s. */
    private final int[] segStart;
    private final int segs;
    /** Weight step t: layer stepLayer[t], columns [stepFrom[t], stepTo[t]) of W_k. */
    private final int[] stepLayer, stepFrom, stepTo;
    private final WorkerTeam team;
    private final WorkerTeam.Task columnTask;
    private final WorkerTeam.Task weightTask;
    private double[] hx;
    private final SymmetricOperator view;

    DeepLinearEvaluator(DeepLinear m, Kernels k) {
        this(m, k, Math.min(m.threads, segmentsFor(m.widths)));
    }

    /** An evaluator with a given number of segments (tests: results do not depend on it). */
    DeepLinearEvaluator(DeepLinear m, Kernels k, int segments) {
        this.m = m;
        this.k = k;
        this.n = m.depth;
        this.sw = new DeepLinearSweeps(m, k);
        int[] w = m.widths;
        this.segs = n == 1 ? 1 : Math.max(1, Math.min(segments, w[0]));
        this.segStart = cuts(w[0], segs);
        int steps = 0;
        for (int i = 2; i <= n; i++) {
            steps += blocks(w[i - 1], segs);
        }
        stepLayer = new int[steps];
        stepFrom = new int[steps];
        stepTo = new int[steps];
        int t = 0;
        for (int i = n; i >= 2; i--) {
            int[] c = cuts(w[i - 1], blocks(w[i - 1], segs));
            for (int b = 0; b + 1 < c.length; b++, t++) {
                stepLayer[t] = i;
                stepFrom[t] = c[b];
                stepTo[t] = c[b + 1];
            }
        }
        this.team = new WorkerTeam(Math.max(1, Math.min(m.threads, segs)));
        this.columnTask = s -> sw.requestColumns(segStart[s], segStart[s + 1]);
        this.weightTask = s -> sw.requestWeights(stepLayer[s], stepFrom[s], stepTo[s]);
        this.view = new View();
    }

    /**
     * The most segments a network with widths d_0..d_N is split into (S_max): min(8, d_0 / 32) when its forward sweep
     * costs at least {@value #MIN_PARALLEL_WORK} multiply-adds, else 1 (and always 1 for depth 1).
     */
    static int segmentsFor(int[] widths) {
        int n = widths.length - 1;
        long work = 0;
        for (int i = 2; i <= n; i++) {
            work += (long) widths[i] * widths[i - 1];
        }
        work *= widths[0];
        if (n == 1 || work < MIN_PARALLEL_WORK) {
            return 1;
        }
        return Math.max(1, Math.min(SEGMENTS, widths[0] / SEGMENT_WIDTH));
    }

    /** How many blocks of at least SEGMENT_WIDTH columns (at most s) a width is cut into. */
    private static int blocks(int width, int s) {
        return Math.max(1, Math.min(s, width / SEGMENT_WIDTH));
    }

    /** s + 1 cut points of [0, width): whole multiples of SEGMENT_WIDTH where possible, the remainder in the last. */
    private static int[] cuts(int width, int s) {
        int[] c = new int[s + 1];
        int units = width / SEGMENT_WIDTH;
        for (int i = 1; i < s; i++) {
            c[i] = units >= s ? (int) ((long) i * units / s) * SEGMENT_WIDTH : (int) ((long) i * width / s);
        }
        c[s] = width;
        return c;
    }

    /** The column segments of a call (tests). */
    int segments() {
        return segs;
    }

    /** The team that runs the steps (tests). */
    WorkerTeam team() {
        return team;
    }

    /**
     * Runs a call (arguments as in {@link DeepLinearSweeps#columns}): its column steps, then its weight steps if it
     * has weight outputs. One segment runs every step on this thread, in order, from its arguments.
     */
    private void run(int ops, double[] x, double[] v, int vb, double[] rOut, double[] qN, double[] grad, double[] hv,
                     int hb, double[] curv) {
        boolean weights = sw.hasWeights(grad, hv, curv);
        if (segs == 1) {
            sw.columns(0, segStart[1], ops, x, v, vb, rOut, qN, grad, hv, hb, curv);
            if (weights) {
                sw.allWeights(ops, qN, grad, hv, hb, curv);
            }
            return;
        }
        sw.request(ops, x, v, vb, rOut, qN, grad, hv, hb, curv);
        team.run(segs, columnTask);
        if (weights) {
            team.run(stepLayer.length, weightTask);
        }
        sw.request(0, null, null, 0, null, null, null, null, 0, null); // keep no reference to the caller's arrays
    }

    private double lossValue() {
        return 0.5 * k.dot(sw.outDim, sw.res, 0, sw.res, 0) + m.dataLoss();
    }

    @Override
    public Model model() {
        return m;
    }

    @Override
    public int outputDim() {
        return sw.outDim;
    }

    @Override
    public double scale() {
        return 1;
    }

    // ---------------------------------------------------------------- Evaluator

    private static final int FORWARD = DeepLinearSweeps.FORWARD;
    private static final int GRADIENT = FORWARD | DeepLinearSweeps.TRANSPOSE_F | DeepLinearSweeps.Q;
    private static final int TANGENT = DeepLinearSweeps.TANGENT;
    private static final int VIEW = DeepLinearSweeps.VIEW;

    @Override
    public double loss(double[] x) {
        run(FORWARD, x, null, 0, sw.res, sw.res, null, null, 0, null);
        return lossValue();
    }

    @Override
    public double lossAndGradient(double[] x, double[] grad) {
        run(GRADIENT, x, null, 0, sw.res, sw.res, grad, null, 0, null);
        return lossValue();
    }

    @Override
    public void hvp(double[] x, double[] v, double[] hv) {
        gradientAndHvp(x, v, null, hv);
    }

    @Override
    public double gradientAndHvp(double[] x, double[] v, double[] grad, double[] hv) {
        run(GRADIENT | TANGENT, x, v, 0, sw.res, sw.res, grad, hv, 0, null);
        return lossValue();
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
        run(GRADIENT, x, null, 0, sw.res, sw.res, null, null, 0, null);
        int d = m.dim;
        for (int j = 0; j < nv; j++) {
            run(TANGENT, x, v, j * d, null, sw.res, null, hv, j * d, null);
        }
    }

    @Override
    public void curvatureGradient(double[] x, double[] v, double[] out) {
        if (n == 1) {
            java.util.Arrays.fill(out, 0, m.dim, 0.0); // L is quadratic
            return;
        }
        run(GRADIENT | TANGENT | DeepLinearSweeps.SECOND, x, v, 0, sw.res, sw.res, null, null, 0, out);
    }

    @Override
    public SymmetricOperator hessianAt(double[] x) {
        hx = x;
        run(GRADIENT | VIEW, x, null, 0, sw.hres, sw.hres, null, null, 0, null);
        return view;
    }

    // ---------------------------------------------------------------- LeastSquaresEvaluator

    @Override
    public void residual(double[] x, double[] r) {
        run(FORWARD, x, null, 0, r, sw.res, null, null, 0, null);
    }

    @Override
    public void jvp(double[] x, double[] v, double[] out) {
        if (n == 1) {
            System.arraycopy(v, m.offsets[1], out, 0, sw.outDim);
            return;
        }
        run(FORWARD | TANGENT, x, v, 0, sw.res, sw.res, null, null, 0, null);
        System.arraycopy(sw.df, sw.fo[n], out, 0, sw.outDim);
    }

    @Override
    public void vjp(double[] x, double[] wOut, double[] out) {
        run(GRADIENT, x, null, 0, sw.res, wOut, out, null, 0, null);
    }

    /** H at the point of the last hessianAt, from its cached F, Q, R. */
    private final class View implements SymmetricOperator {
        @Override
        public int dim() {
            return m.dim;
        }

        @Override
        public void apply(double[] v, double[] out) {
            run(TANGENT | VIEW, hx, v, 0, null, sw.hres, null, out, 0, null);
        }

        @Override
        public void applyBatch(double[] v, int nv, double[] out) {
            int d = m.dim;
            for (int j = 0; j < nv; j++) {
                run(TANGENT | VIEW, hx, v, j * d, null, sw.hres, null, out, j * d, null);
            }
        }
    }
}
