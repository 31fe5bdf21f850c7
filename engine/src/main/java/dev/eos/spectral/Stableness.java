package dev.eos.spectral;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import dev.eos.models.Evaluator;
import dev.eos.models.Model;

/**
 * Stableness (THEORY 1, Def. 1.1): S_f(x, eta) = eta * sup over s in [0, eta] of lambda_1(grad^2 f(x - s grad f(x))),
 * eta times the largest top Hessian eigenvalue on the segment from x to the GD step on f, for f = L
 * ({@link #ofLoss}) and f = sqrt(L - L_min) ({@link #ofSqrtLoss}).
 *
 * <p>Where the sup sits differs (THEORY 1, implementation note), so the searches differ:
 * <ul>
 *   <li>f = L: lambda_1 is lowest near the crossing of Gamma and largest towards an end. Evaluate both ends and
 *       K interior points (K &ge; 16, uniform), then refine around the two best local maxima of the samples by
 *       golden-section search; an end that is a local maximum is accepted without refinement when the one-sided
 *       derivative d lambda_1 / ds = -&lt;grad lambda_1, grad L&gt; (grad lambda_1 = D^3 L[v_1, v_1, .],
 *       Hellmann-Feynman) points out of the segment.</li>
 *   <li>f = sqrt(L - L_min): grad^2 f = (2H - g g^T / (L - L_min)) / (4 sqrt(L - L_min)) spikes where the segment
 *       passes closest to Gamma (width ~ eta theta) and uniform samples miss it. First minimise L along the
 *       segment (a 1-D problem: samples, then bisection on the derivative -&lt;grad L(y), g&gt;), evaluate there, and
 *       refine by golden-section search over the spike, whose width w (L - L_min doubles at u* +- w) comes from
 *       L - L_min ~ Delta* + (g^T H g / 2)(u - u*)^2; the uniform samples and ends are evaluated too. When the
 *       segment reaches L = L_min (e.g. a one-dimensional normal space, theta = 0) the result is +infinity.</li>
 * </ul>
 * Every lambda_1 is a Lanczos solve started from a recycled subspace ({@link Lanczos#solveRecycled}): the Ritz
 * vectors of the last {@value #HISTORY} points evaluated along the segment, newest first, and for the first point
 * the vectors of the previous call's samples at both ends of its segment (exposed for checkpoints). Where lambda_1 sits
 * in a cluster of close eigenvalues (a deep linear net near its flattest region: four within 2e-4 relative), the top
 * vector turns inside the cluster from one sample to the next and a single-vector start needs ~80 products to
 * separate the cluster again, while the span of the last few vectors contains the cluster and Rayleigh-Ritz on it
 * resolves it at once. A workspace: one per thread.
 */
public final class Stableness {

    /** Interior samples of the segment by default (the brief asks for K &ge; 16). */
    public static final int DEFAULT_SAMPLES = 16;
    /** Golden-section iterations per refined bracket: shrinks it by 0.618^20 ~ 7e-5. */
    public static final int DEFAULT_REFINE = 20;

    private static final double INV_PHI = (Math.sqrt(5) - 1) / 2;
    /** Ritz vectors recycled by each solve. */
    static final int HISTORY = 4;

    private final Evaluator ev;
    private final int n;
    private final double minLoss;
    private final Lanczos lanczos;
    private final SqrtLossHessian sqrtHessian;
    private final Kernels k = KernelProvider.get();
    private final int samples;
    private final int refine;
    private final double[] g;
    private final double[] y;
    private final double[] scratch;
    private final double[] g2;
    private final double[] hist;
    private int depth;
    private final double[] vecs;
    private final double[] grid;
    private final double[] lam;
    private final double[] warmLoss;
    private final double[] warmSqrt;
    private int warmLossCount;
    private int warmSqrtCount;

    // the call in progress / the last call
    private double[] x;
    private boolean sqrt;
    private double sScale;
    private double sup;
    private double argmax;
    private int solves;
    private long hvps;

    /** Default Lanczos options, {@value #DEFAULT_SAMPLES} samples, L_min from the model. */
    public Stableness(Model model) {
        this(model, Lanczos.Options.defaults(), DEFAULT_SAMPLES, DEFAULT_REFINE);
    }

    /**
     * @param options Lanczos options for each lambda_1 (k = 1; the end of the spectrum is forced to algebraic)
     * @param samples interior samples K &ge; 1 of the segment
     * @param refine  golden-section iterations per refined bracket
     */
    public Stableness(Model model, Lanczos.Options options, int samples, int refine) {
        if (samples < 1 || refine < 0) {
            throw new IllegalArgumentException("stableness: need samples >= 1 and refine >= 0, got " + samples + ", "
                    + refine);
        }
        this.ev = model.evaluator();
        this.n = model.dim();
        this.minLoss = model.minLoss();
        this.lanczos = new Lanczos(n, options.withWhich(Which.LARGEST_ALGEBRAIC));
        this.sqrtHessian = Double.isNaN(minLoss) ? null : new SqrtLossHessian(ev, minLoss);
        this.samples = samples;
        this.refine = refine;
        g = new double[n];
        y = new double[n];
        scratch = new double[n];
        g2 = new double[n];
        hist = new double[HISTORY * n];
        vecs = new double[(samples + 2) * n];
        grid = new double[samples + 2];
        lam = new double[samples + 2];
        warmLoss = new double[HISTORY * n];
        warmSqrt = new double[HISTORY * n];
    }

    /** The effective LR of normalized GD seen as GD on L: eta_t = eta / ||grad L|| (THEORY 2). */
    public static double ngdStep(double eta, double gradNorm) {
        return eta / gradNorm;
    }

    /** The effective LR of GD on sqrt(L - L_min) seen as GD on L: eta_t = eta / (2 sqrt(L - L_min)) (THEORY 2). */
    public static double sqrtStep(double eta, double loss, double minLoss) {
        return eta / (2 * Math.sqrt(loss - minLoss));
    }

    /**
     * S_L(x, eta) = eta * sup_{s in [0, eta]} lambda_1(grad^2 L(x - s grad L(x))) for the L objective; pass the
     * effective step (e.g. {@link #ngdStep}, {@link #sqrtStep}) to measure normalized GD or GD on sqrt(L).
     */
    public double ofLoss(double[] x, double eta) {
        begin(x, false);
        ev.lossAndGradient(x, g);
        sScale = 1;
        sampleLambda(eta, warmLoss, warmLossCount);
        warmLossCount = keepSamples(warmLoss);
        refineBestMaxima(eta, -1);
        return eta * sup;
    }

    /**
     * S of f = sqrt(L - L_min) at step eta: eta * sup_{s in [0, eta]} lambda_1(grad^2 f(x - s grad f(x))) (THEORY
     * 4.4, Thm 4.8: Omega(1 / theta)). +infinity when x or a point of the segment has L = L_min.
     */
    public double ofSqrtLoss(double[] x, double eta) {
        if (sqrtHessian == null) {
            throw new IllegalStateException("stableness of sqrt(L - L_min) needs the model's L_min");
        }
        begin(x, true);
        double excess = ev.lossAndGradient(x, g) - minLoss;
        if (!(excess > 0)) {
            return infinite(0);
        }
        double uMax = eta / (2 * Math.sqrt(excess));
        sScale = 2 * Math.sqrt(excess);
        double uStar = minimiseLossOnSegment(uMax);
        pointAt(uStar);
        double dStar = ev.lossAndGradient(y, scratch) - minLoss;
        if (!(dStar > 0)) {
            return infinite(uStar);
        }
        // the spike's half-width: L - L_min = dStar + a (u - u*)^2 with a = g^T H(y*) g / 2
        ev.hvp(y, g, scratch);
        double a = 0.5 * k.dot(g, scratch);
        double w = a > 0 ? Math.sqrt(dStar / a) : uMax;
        sampleLambda(uMax, warmSqrt, warmSqrtCount);
        warmSqrtCount = keepSamples(warmSqrt);
        int nearest = (int) Math.round(uStar / uMax * (samples + 1));
        push(vecs, nearest * n);
        evaluate(uStar);
        golden(Math.max(0, uStar - 3 * w), Math.min(uMax, uStar + 3 * w));
        double spike = sup;
        // a sample away from the spike may still be higher (far from Gamma): refine there too
        refineBestMaxima(uMax, spike);
        return eta * sup;
    }

    /** s in [0, eta] where the last sup was attained (in the step units of the objective). */
    public double lastArgmax() {
        return argmax;
    }

    /** The last sup of lambda_1 over the segment (S / eta). */
    public double lastSup() {
        return sup;
    }

    /** Lanczos solves spent by the last call. */
    public int lastSolves() {
        return solves;
    }

    /** Hessian-vector products spent by the last call's Lanczos solves. */
    public long lastHvps() {
        return hvps;
    }

    /**
     * The warm-start vectors, for checkpoints: [count for L, count for sqrt(L), then {@value #HISTORY} x D for each]
     * (the Ritz vectors at the ends of the segments of the last L and sqrt(L) calls, far end first).
     */
    public double[] warmStart() {
        double[] s = new double[2 + 2 * HISTORY * n];
        s[0] = warmLossCount;
        s[1] = warmSqrtCount;
        System.arraycopy(warmLoss, 0, s, 2, HISTORY * n);
        System.arraycopy(warmSqrt, 0, s, 2 + HISTORY * n, HISTORY * n);
        return s;
    }

    /**
     * Restores {@link #warmStart()}; also reads the 2 x D layout of earlier versions (one vector per objective, all
     * zero for none).
     */
    public void restoreWarmStart(double[] state) {
        if (state.length == 2 * n) {
            System.arraycopy(state, 0, warmLoss, 0, n);
            System.arraycopy(state, n, warmSqrt, 0, n);
            warmLossCount = k.nrm2(n, warmLoss, 0) > 0 ? 1 : 0;
            warmSqrtCount = k.nrm2(n, warmSqrt, 0) > 0 ? 1 : 0;
            return;
        }
        if (state.length != 2 + 2 * HISTORY * n || !(state[0] >= 0 && state[0] <= HISTORY)
                || !(state[1] >= 0 && state[1] <= HISTORY)) {
            throw new IllegalArgumentException("stableness warm-start state has length " + state.length + " != "
                    + (2 + 2 * HISTORY * n));
        }
        warmLossCount = (int) state[0];
        warmSqrtCount = (int) state[1];
        System.arraycopy(state, 2, warmLoss, 0, HISTORY * n);
        System.arraycopy(state, 2 + HISTORY * n, warmSqrt, 0, HISTORY * n);
    }

    /**
     * Copies the Ritz vectors of both ends of the segment into warm, the far end first (ends, then their neighbours);
     * returns how many. The far end x - eta grad L is the next iterate of GD on the objective, where a pair row
     * (THEORY 4.4) starts its own segment: that solve then starts from its converged vector.
     */
    private int keepSamples(double[] warm) {
        int last = samples + 1;
        int[] order = {last, 0, last - 1, 1};
        int c = Math.min(HISTORY, samples + 2);
        for (int j = 0; j < c; j++) {
            System.arraycopy(vecs, order[j] * n, warm, j * n, n);
        }
        return c;
    }

    /** Puts row off/n of src at the front of the recycled history. */
    private void push(double[] src, int off) {
        System.arraycopy(hist, 0, hist, n, (HISTORY - 1) * n);
        System.arraycopy(src, off, hist, 0, n);
        depth = Math.min(depth + 1, HISTORY);
    }

    // ---------------------------------------------------------------- search

    private void begin(double[] point, boolean onSqrt) {
        x = point;
        sqrt = onSqrt;
        sup = Double.NEGATIVE_INFINITY;
        argmax = Double.NaN;
        solves = 0;
        hvps = 0;
    }

    private double infinite(double u) {
        sup = Double.POSITIVE_INFINITY;
        argmax = u * sScale;
        return Double.POSITIVE_INFINITY;
    }

    /** y := x - u g. */
    private void pointAt(double u) {
        System.arraycopy(x, 0, y, 0, n);
        k.axpy(n, -u, g, 0, y, 0);
    }

    /** lambda_1 at the ends and K interior points of [0, uMax], warm-started along the segment; vectors kept. */
    private void sampleLambda(double uMax, double[] warm, int warmCount) {
        System.arraycopy(warm, 0, hist, 0, warmCount * n);
        depth = warmCount;
        for (int i = 0; i < samples + 2; i++) {
            grid[i] = uMax * i / (samples + 1);
            lam[i] = evaluate(grid[i]);
            System.arraycopy(hist, 0, vecs, i * n, n);
        }
    }

    /**
     * Golden-section refinement around the two best local maxima of the samples that are above {@code floor}; an
     * end maximum of the L objective whose derivative points outwards is already exact.
     */
    private void refineBestMaxima(double uMax, double floor) {
        int last = samples + 1;
        int first = -1;
        int second = -1;
        for (int i = 0; i <= last; i++) {
            boolean peak = (i == 0 || lam[i] >= lam[i - 1]) && (i == last || lam[i] >= lam[i + 1]);
            if (!peak || !(lam[i] > floor)) {
                continue;
            }
            if (first < 0 || lam[i] > lam[first]) {
                second = first;
                first = i;
            } else if (second < 0 || lam[i] > lam[second]) {
                second = i;
            }
        }
        for (int c : new int[] {first, second}) {
            if (c < 0 || (!sqrt && endIsLocalMax(c, last))) {
                continue;
            }
            push(vecs, c * n);
            golden(grid[Math.max(c - 1, 0)], grid[Math.min(c + 1, last)]);
        }
    }

    /** For the L objective: true when sample c is an end and lambda_1 decreases into the segment there. */
    private boolean endIsLocalMax(int c, int last) {
        if (c != 0 && c != last) {
            return false;
        }
        pointAt(grid[c]);
        System.arraycopy(vecs, c * n, scratch, 0, n);
        ev.curvatureGradient(y, scratch, g2);
        double slope = -k.dot(g2, g); // d lambda_1 / ds along y = x - s g
        return c == 0 ? slope <= 0 : slope >= 0;
    }

    /** Maximises lambda_1 over [lo, hi] by golden-section search (every evaluation updates the sup). */
    private void golden(double lo, double hi) {
        if (refine == 0 || !(hi > lo)) {
            return;
        }
        double a = lo;
        double b = hi;
        double x1 = b - INV_PHI * (b - a);
        double x2 = a + INV_PHI * (b - a);
        double f1 = evaluate(x1);
        double f2 = evaluate(x2);
        for (int it = 0; it < refine; it++) {
            if (f1 > f2) {
                b = x2;
                x2 = x1;
                f2 = f1;
                x1 = b - INV_PHI * (b - a);
                f1 = evaluate(x1);
            } else {
                a = x1;
                x1 = x2;
                f1 = f2;
                x2 = a + INV_PHI * (b - a);
                f2 = evaluate(x2);
            }
        }
    }

    /** lambda_1 of the objective's Hessian at x - u g, started from the recycled history (which receives its vector). */
    private double evaluate(double u) {
        pointAt(u);
        EigenResult r;
        if (sqrt) {
            if (!(sqrtHessian.at(y) > 0)) {
                return record(u, Double.POSITIVE_INFINITY);
            }
            r = lanczos.solveRecycled(sqrtHessian, 1, hist, depth);
        } else {
            r = lanczos.solveRecycled(ev.hessianAt(y), 1, hist, depth);
        }
        push(r.vectors(), 0);
        solves++;
        hvps += r.hvps();
        return record(u, r.values()[0]);
    }

    private double record(double u, double value) {
        if (value > sup) {
            sup = value;
            argmax = u * sScale;
        }
        return value;
    }

    /** argmin over u in [0, uMax] of L(x - u g): samples, then bisection (Illinois) on -&lt;grad L(y), g&gt;. */
    private double minimiseLossOnSegment(double uMax) {
        int last = samples + 1;
        int best = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= last; i++) {
            pointAt(uMax * i / last);
            double l = ev.loss(y);
            if (l < bestLoss) {
                bestLoss = l;
                best = i;
            }
        }
        double lo = uMax * Math.max(best - 1, 0) / last;
        double hi = uMax * Math.min(best + 1, last) / last;
        double dLo = slope(lo);
        double dHi = slope(hi);
        if (dLo >= 0) {
            return lo;
        }
        if (dHi <= 0) {
            return hi;
        }
        int side = 0;
        for (int it = 0; it < 200 && hi - lo > 4 * Math.ulp(hi); it++) {
            double u = (lo * dHi - hi * dLo) / (dHi - dLo);
            if (!(u > lo && u < hi)) {
                u = 0.5 * (lo + hi);
            }
            double d = slope(u);
            if (d == 0) {
                return u;
            }
            if (d < 0) {
                lo = u;
                dLo = d;
                if (side == -1) {
                    dHi *= 0.5; // Illinois: halve the stale end
                }
                side = -1;
            } else {
                hi = u;
                dHi = d;
                if (side == 1) {
                    dLo *= 0.5;
                }
                side = 1;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** d/du L(x - u g) = -&lt;grad L(x - u g), g&gt;. */
    private double slope(double u) {
        pointAt(u);
        ev.lossAndGradient(y, scratch);
        return -k.dot(scratch, g);
    }
}
