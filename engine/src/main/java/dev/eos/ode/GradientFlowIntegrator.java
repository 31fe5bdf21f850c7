package dev.eos.ode;

import static dev.eos.ode.DormandPrince.*;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import dev.eos.models.Evaluator;
import dev.eos.models.Model;

/**
 * Adaptive Dormand-Prince 5(4) integration of gradient flow dx/dt = -grad L(x) (THEORY 1), in place, with the step
 * bounded by alpha / lambda_1 as in Cohen et al. (THEORY 7) and by the local error estimate of the embedded pair.
 * A workspace: owns its evaluator and stage buffers; allocation-free after construction.
 *
 * <p>Step control: error norm e = sqrt(mean_i (err_i / (atol + rtol max(|x_i|, |x_new_i|)))^2); a step is accepted
 * when e &le; 1, and the next h is h min(5, max(0.2, 0.9 e^{-1/5})) (no growth after a rejection), always capped
 * by alpha / lambdaHat and hMax. lambdaHat is a warm-started power estimate of max |lambda(H)| ({@link
 * SharpnessBound}), refreshed every {@code refreshEvery} substeps. Uses FSAL: the gradient at an accepted point is
 * the first stage of the next substep.
 */
public final class GradientFlowIntegrator {

    /**
     * Integrator options.
     *
     * @param rtol         relative local error tolerance
     * @param atol         absolute local error tolerance
     * @param alpha        the sharpness bound h &le; alpha / lambda_1 (Cohen et al. use 1)
     * @param hMax         largest substep
     * @param refreshEvery substeps between sharpness refreshes
     * @param powerIters   power iterations per refresh (warm-started)
     * @param maxSubsteps  a budget of substeps per call; a call that exhausts it stops and reports so
     */
    public record Options(double rtol, double atol, double alpha, double hMax, int refreshEvery, int powerIters,
                          long maxSubsteps) {

        /** For the gf optimizer: rtol 1e-9, atol 1e-12, alpha 1, hMax inf, refresh every 10, 3 power steps. */
        public static Options defaults() {
            return new Options(1e-9, 1e-12, 1.0, Double.POSITIVE_INFINITY, 10, 3, 10_000_000L);
        }

        /** For Phi, where tangential errors accumulate into the limit point: rtol 1e-12, atol 1e-15. */
        public static Options precise() {
            return new Options(1e-12, 1e-15, 1.0, Double.POSITIVE_INFINITY, 10, 3, 10_000_000L);
        }

        public Options withTolerances(double r, double a) {
            return new Options(r, a, alpha, hMax, refreshEvery, powerIters, maxSubsteps);
        }

        public Options withMaxSubsteps(long m) {
            return new Options(rtol, atol, alpha, hMax, refreshEvery, powerIters, m);
        }
    }

    private static final long SEED = 0x5EED_6F1DL;

    private final Evaluator ev;
    private final int n;
    private final Options opt;
    private final SharpnessBound bound;
    private final Kernels k = KernelProvider.get();
    // stage gradients g_i = grad L at stage i (the ODE right-hand side is -g_i)
    private double[] g1;
    private final double[] g2, g3, g4, g5, g6;
    private double[] g7;
    private final double[] xs, xn;

    private double h = Double.NaN; // the proposed next substep; NaN before the first
    private double lambdaHat = Double.NaN;
    private int sinceRefresh;
    private boolean justRejected;
    private double lossAtX = Double.NaN;
    // diagnostics of the last call
    private double startLoss = Double.NaN, startGradNorm = Double.NaN, gradNorm = Double.NaN;
    private long accepted, rejected, gradEvals;
    private double timeDone;

    /** A workspace for the model. */
    public GradientFlowIntegrator(Model model, Options options) {
        this.ev = model.evaluator();
        this.n = model.dim();
        this.opt = options;
        this.bound = new SharpnessBound(ev, SEED);
        g1 = new double[n];
        g2 = new double[n];
        g3 = new double[n];
        g4 = new double[n];
        g5 = new double[n];
        g6 = new double[n];
        g7 = new double[n];
        xs = new double[n];
        xn = new double[n];
    }

    public Options options() {
        return opt;
    }

    /**
     * Forgets the controller state (step proposal, sharpness estimate, power vector), so that the next call depends
     * on its x only: a pure function of x at the price of a cold start (about 30 Hessian-vector products).
     */
    public void reset() {
        h = Double.NaN;
        lambdaHat = Double.NaN;
        sinceRefresh = 0;
        justRejected = false;
        bound.reseed();
    }

    /**
     * Integrates gradient flow from x over time T &ge; 0, in place (the last substep is shortened to land on T).
     * Returns false if the substep budget ran out or the state stopped being finite (x then holds the last
     * accepted point).
     */
    public boolean advance(double[] x, double time) {
        begin(x);
        double left = time;
        long budget = opt.maxSubsteps();
        while (left > 0) {
            if (budget-- <= 0 || !Double.isFinite(gradNorm)) {
                return false;
            }
            double p = proposal(x);
            boolean last = p >= left;
            double hTry = last ? left : p;
            if (substep(x, hTry, last)) {
                left = last ? 0 : left - hTry;
                timeDone += hTry;
            }
        }
        return Double.isFinite(gradNorm);
    }

    /**
     * Integrates gradient flow from x, in place, until ||grad L(x)|| &le; gtolRel lambdaHat max(1, ||x||) (lambdaHat
     * the sharpness estimate: the gradient scale of a point at relative distance gtolRel from Gamma), or until time
     * maxTime or the substep budget. Returns whether the tolerance was met.
     */
    public boolean converge(double[] x, double gtolRel, double maxTime) {
        begin(x);
        long budget = opt.maxSubsteps();
        while (true) {
            double lam = lambdaHat > 0 ? lambdaHat : 0;
            if (gradNorm <= gtolRel * lam * Math.max(1, k.nrm2(n, x, 0))) {
                return true;
            }
            if (budget-- <= 0 || timeDone >= maxTime || !Double.isFinite(gradNorm)) {
                return false;
            }
            double p = proposal(x);
            boolean last = p >= maxTime - timeDone;
            double hTry = last ? maxTime - timeDone : p;
            if (substep(x, hTry, last)) {
                timeDone += hTry;
            }
        }
    }

    private void begin(double[] x) {
        accepted = 0;
        rejected = 0;
        gradEvals = 0;
        timeDone = 0;
        // a fresh gradient at the caller's x (it may have changed since the last call)
        lossAtX = ev.lossAndGradient(x, g1);
        gradEvals++;
        startLoss = lossAtX;
        startGradNorm = k.nrm2(n, g1, 0);
        gradNorm = startGradNorm;
        if (Double.isNaN(lambdaHat) || sinceRefresh >= opt.refreshEvery()) {
            refresh(x);
        }
    }

    private void refresh(double[] x) {
        lambdaHat = bound.estimate(x, opt.powerIters());
        sinceRefresh = 0;
    }

    /** The next substep: the controller's proposal capped by alpha / lambdaHat and hMax. */
    private double proposal(double[] x) {
        if (sinceRefresh >= opt.refreshEvery()) {
            refresh(x);
        }
        double cap = Math.min(opt.hMax(), lambdaHat > 0 ? opt.alpha() / lambdaHat : Double.POSITIVE_INFINITY);
        if (Double.isNaN(h)) {
            // first substep: a small fraction of the stability scale (or of |x|/|g| when H is 0)
            double scale = cap < Double.POSITIVE_INFINITY ? cap
                    : Math.max(1e-6, k.nrm2(n, x, 0)) / Math.max(gradNorm, 1e-300);
            h = 0.1 * Math.min(scale, opt.hMax());
        }
        return Math.min(h, cap);
    }

    /**
     * One Dormand-Prince attempt of size hs from x (g1 = grad L(x)); on acceptance x moves. {@code landing}: hs was
     * shortened to land on a target time.
     */
    private boolean substep(double[] x, double hs, boolean landing) {
        sinceRefresh++;
        final double[] a = g1, b = g2, c = g3, d = g4, e = g5, f = g6;
        for (int i = 0; i < n; i++) {
            xs[i] = x[i] - hs * A21 * a[i];
        }
        ev.lossAndGradient(xs, b);
        for (int i = 0; i < n; i++) {
            xs[i] = x[i] - hs * (A31 * a[i] + A32 * b[i]);
        }
        ev.lossAndGradient(xs, c);
        for (int i = 0; i < n; i++) {
            xs[i] = x[i] - hs * (A41 * a[i] + A42 * b[i] + A43 * c[i]);
        }
        ev.lossAndGradient(xs, d);
        for (int i = 0; i < n; i++) {
            xs[i] = x[i] - hs * (A51 * a[i] + A52 * b[i] + A53 * c[i] + A54 * d[i]);
        }
        ev.lossAndGradient(xs, e);
        for (int i = 0; i < n; i++) {
            xs[i] = x[i] - hs * (A61 * a[i] + A62 * b[i] + A63 * c[i] + A64 * d[i] + A65 * e[i]);
        }
        ev.lossAndGradient(xs, f);
        for (int i = 0; i < n; i++) {
            xn[i] = x[i] - hs * (B1 * a[i] + B3 * c[i] + B4 * d[i] + B5 * e[i] + B6 * f[i]);
        }
        double lossNew = ev.lossAndGradient(xn, g7);
        gradEvals += 6;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double err = hs * (E1 * a[i] + E3 * c[i] + E4 * d[i] + E5 * e[i] + E6 * f[i] + E7 * g7[i]);
            double sc = opt.atol() + opt.rtol() * Math.max(Math.abs(x[i]), Math.abs(xn[i]));
            double q = err / sc;
            sum += q * q;
        }
        double errNorm = Math.sqrt(sum / n);
        if (errNorm <= 1) {
            System.arraycopy(xn, 0, x, 0, n);
            double[] t = g1;
            g1 = g7; // FSAL
            g7 = t;
            lossAtX = lossNew;
            gradNorm = k.nrm2(n, g1, 0);
            accepted++;
            double grow = errNorm == 0 ? 5 : Math.min(5, Math.max(0.2, 0.9 * Math.pow(errNorm, -0.2)));
            if (justRejected) {
                grow = Math.min(grow, 1);
            }
            justRejected = false;
            // a substep shortened to land on a target time does not shrink the proposal
            h = landing ? Math.max(h, hs * grow) : hs * grow;
            return true;
        }
        rejected++;
        justRejected = true;
        if (!Double.isFinite(errNorm)) {
            h = hs * 0.2;
        } else {
            h = hs * Math.max(0.2, 0.9 * Math.pow(errNorm, -0.2));
        }
        return false;
    }

    // ---------------------------------------------------------------- readings of the last call

    /** L at the point where the last call started. */
    public double startLoss() {
        return startLoss;
    }

    /** ||grad L|| at the point where the last call started. */
    public double startGradNorm() {
        return startGradNorm;
    }

    /** L at the current point (after the last call). */
    public double loss() {
        return lossAtX;
    }

    /** ||grad L|| at the current point (after the last call). */
    public double gradNorm() {
        return gradNorm;
    }

    /** The current sharpness estimate lambdaHat. */
    public double sharpnessEstimate() {
        return lambdaHat;
    }

    /** Accepted substeps of the last call. */
    public long accepted() {
        return accepted;
    }

    /** Rejected substeps of the last call. */
    public long rejected() {
        return rejected;
    }

    /** Gradient evaluations of the last call. */
    public long gradientEvaluations() {
        return gradEvals;
    }

    /** Gradient-flow time integrated by the last call. */
    public double time() {
        return timeDone;
    }

    // ---------------------------------------------------------------- checkpoint state

    /** Number of longs {@link #writeState} writes: h, lambdaHat, sinceRefresh, warm flag, then the power vector. */
    public int stateLength() {
        return 4 + n;
    }

    /** Writes the controller state (next h, sharpness estimate, refresh counter, power vector) as raw bits. */
    public void writeState(long[] out, int off) {
        out[off] = Double.doubleToRawLongBits(h);
        out[off + 1] = Double.doubleToRawLongBits(lambdaHat);
        out[off + 2] = sinceRefresh;
        out[off + 3] = bound.warm() ? 1 : 0;
        double[] v = bound.vector();
        for (int i = 0; i < n; i++) {
            out[off + 4 + i] = Double.doubleToRawLongBits(v[i]);
        }
    }

    /** Reads what {@link #writeState} wrote. */
    public void readState(long[] in, int off) {
        h = Double.longBitsToDouble(in[off]);
        lambdaHat = Double.longBitsToDouble(in[off + 1]);
        sinceRefresh = (int) in[off + 2];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Double.longBitsToDouble(in[off + 4 + i]);
        }
        bound.restore(v, in[off + 3] != 0);
        justRejected = false;
    }
}
