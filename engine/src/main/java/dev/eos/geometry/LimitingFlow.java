package dev.eos.geometry;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import dev.eos.models.Evaluator;
import dev.eos.models.Model;
import java.util.Locale;

/**
 * The limiting flows of THEORY 4.2 and 4.3 on Gamma, in the flow time tau = eta^2 t:
 * <ul>
 *   <li>NGD: dX/dtau = -1/4 P_T grad log lambda_1(X) = -P_T grad lambda_1 / (4 lambda_1);</li>
 *   <li>GD on sqrt(L): dX/dtau = -1/8 P_T grad lambda_1(X).</li>
 * </ul>
 * grad lambda_1 = D^3 L(X)[v_1, v_1, .] ({@link Evaluator#curvatureGradient}) with v_1 the unit top eigenvector of
 * H(X) (Lanczos, warm-started from the previous v_1); P_T by {@link TangentProjector}. Integrated by classical RK4
 * on the ambient equation with a fixed step h (the last step before a requested tau is shortened to land on it),
 * re-projecting X onto Gamma after every step (THEORY 4.6): closed-form Phi when the model has it, else Newton
 * projection for least-squares models (the step leaves Gamma by O(h^5), where Newton and Phi agree to O(h^10)), else
 * {@link Phi} by gradient flow. Its velocity field is tangent to Gamma on Gamma, so the ambient flow keeps Gamma
 * invariant and RK4 stays fourth order.
 *
 * <p>After each step the velocity at the new X is evaluated (it is the next step's first stage), which gives
 * lambda_1(X(tau)) and ||P_T grad lambda_1|| at no extra cost. A workspace; refuses degenerate manifolds.
 *
 * <p>With {@link Options#tol()} &gt; 0 the steps are adaptive instead ({@link FlowStepper}: Dormand-Prince 5(4),
 * local error at most tol max(1, ||X||) per step, re-projection after each step), so a flow that slows down near
 * its minimiser takes long steps. With {@link Options#gapThreshold()} &gt; 0 every new X also gets its second
 * eigenvalue (a top-2 solve recycled from the last one) and the flow stops for good where the relative eigengap
 * (lambda_1 - lambda_2) / lambda_1 falls below the threshold: lambda_1 is then no longer simple (THEORY 1,
 * assumption [R]), grad lambda_1 and the flow are not defined, and the computed v_1 would jump between the
 * eigenvectors of the top cluster ({@link #stopped()}, {@link #stoppedAt()}).
 */
public final class LimitingFlow {

    /** Which flow. */
    public enum Kind {
        /** Normalized GD: constant 1/4 on grad log lambda_1. */
        NGD(0.25, true),
        /** GD on sqrt(L): constant 1/8 on grad lambda_1. */
        SQRT(0.125, false);

        final double constant;
        final boolean logarithmic;

        Kind(double constant, boolean logarithmic) {
            this.constant = constant;
            this.logarithmic = logarithmic;
        }

        /** The constant of THEORY 4.2 (1/4) or 4.3 (1/8). */
        public double constant() {
            return constant;
        }

        /** "ngd" or "sqrt". */
        public static Kind of(String algorithm) {
            return switch (algorithm.toLowerCase(Locale.ROOT)) {
                case "ngd" -> NGD;
                case "sqrt" -> SQRT;
                default -> throw new IllegalArgumentException("no limiting flow for algorithm '" + algorithm
                        + "': the theory gives one for ngd and sqrt only");
            };
        }
    }

    /**
     * Options.
     *
     * @param h            the RK4 step in tau (with tol &gt; 0: the first trial step)
     * @param lanczosTol   relative residual tolerance of v_1 (grad lambda_1 inherits its error linearly)
     * @param phi          options of Phi where the flow needs gradient-flow re-projection
     * @param tol          0 for fixed RK4 steps h; &gt; 0 for adaptive steps with local error at most
     *                     tol max(1, ||X||)
     * @param gapThreshold 0, or the relative eigengap (lambda_1 - lambda_2) / lambda_1 at X below which the flow
     *                     stops (lambda_1 no longer simple)
     */
    public record Options(double h, double lanczosTol, Phi.Options phi, double tol, double gapThreshold) {

        /** h = 0.01 fixed, Lanczos tolerance 1e-12, default Phi, no gap check. */
        public static Options defaults() {
            return new Options(0.01, 1e-12, Phi.Options.defaults(), 0, 0);
        }

        /**
         * For the flow integrated alongside a run ({@code flow_dist}, {@code flow_sharpness}): adaptive steps with
         * local error 1e-10 max(1, ||X||) (the columns compare against ||Phi(x_t) - X|| = O(eta)), v_1 to a
         * residual 1e-8 lambda_1 (v_1 and grad lambda_1 then err by ~1e-8 / gap, below 1e-5 while the gap exceeds
         * the threshold), and the flow stops where the relative eigengap at X falls below
         * {@link #GAP_THRESHOLD}.
         */
        public static Options forRuns() {
            return new Options(0.01, 1e-8, Phi.Options.defaults(), 1e-10, GAP_THRESHOLD);
        }

        public Options withH(double step) {
            return new Options(step, lanczosTol, phi, tol, gapThreshold);
        }

        public Options withPhi(Phi.Options p) {
            return new Options(h, lanczosTol, p, tol, gapThreshold);
        }

        public Options withTol(double t) {
            return new Options(h, lanczosTol, phi, t, gapThreshold);
        }

        public Options withGapThreshold(double g) {
            return new Options(h, lanczosTol, phi, tol, g);
        }
    }

    /**
     * The relative eigengap (lambda_1 - lambda_2) / lambda_1 below which lambda_1 counts as not simple (a run's
     * eigengap_at_phi warning, the run flow's stop): 1e-3. Where the gap is g, v_1 turns by ~||dH|| / (g lambda_1)
     * per unit move, so below it the flow's field changes on scales 1000 times shorter than its own and v_1 is
     * ill-conditioned; THEORY 4.3 reports lambda_2 within 0.005 of lambda_1 as already breaking the assumption.
     */
    public static final double GAP_THRESHOLD = 1e-3;

    private final Model model;
    private final Kind kind;
    private final double constant;
    private final Options options;
    private final FlowField field;
    private final FlowStepper stepper;
    private final Reprojection reprojection;
    private final java.util.function.Consumer<double[]> projection;
    private final Kernels k = KernelProvider.get();
    private final int n;

    private final FlowState st;
    private final double[] x, k1, k2, k3, k4, stage; // x and k1 are st's

    /** The flow of the given kind with its theoretical constant and default options. */
    public static LimitingFlow of(Model model, String algorithm) {
        return new LimitingFlow(model, Kind.of(algorithm), Kind.of(algorithm).constant, Options.defaults());
    }

    /** The flow of the given kind with its theoretical constant. */
    public static LimitingFlow of(Model model, Kind kind, Options options) {
        return new LimitingFlow(model, kind, kind.constant, options);
    }

    /**
     * The flow with an arbitrary constant c in dX/dtau = -c P_T grad (log) lambda_1 instead of the theory's 1/4 or
     * 1/8: for controls that prove a wrong constant is detected (THEORY 6.4; {@code ./eos validate}, drift).
     */
    public static LimitingFlow withConstant(Model model, Kind kind, double constant, Options options) {
        if (!(constant > 0) || Double.isInfinite(constant)) {
            throw new IllegalArgumentException("a limiting-flow constant must be finite and > 0, got " + constant);
        }
        return new LimitingFlow(model, kind, constant, options);
    }

    /** The flow with an arbitrary constant c (see {@link #withConstant}). */
    LimitingFlow(Model model, Kind kind, double constant, Options options) {
        DegenerateManifoldException.check(model);
        this.model = model;
        this.kind = kind;
        this.constant = constant;
        this.options = options;
        this.n = model.dim();
        this.field = new FlowField(model, constant, kind.logarithmic, options.lanczosTol(),
                options.gapThreshold() > 0);
        this.reprojection = new Reprojection(model, options.phi());
        this.projection = reprojection::apply;
        st = new FlowState(n);
        x = st.x;
        k1 = st.k1;
        k2 = new double[n];
        k3 = new double[n];
        k4 = new double[n];
        stage = new double[n];
        stepper = options.tol() > 0 ? new FlowStepper(n) : null;
    }

    public Kind kind() {
        return kind;
    }

    /** The constant c in use (the kind's constant unless built {@link #withConstant}). */
    public double constant() {
        return constant;
    }

    public Model model() {
        return model;
    }

    /**
     * Starts the flow at X(tau0) = Phi(x0), x0 anywhere in the basin ({@link Phi}: closed form or gradient flow,
     * never the Newton projection, which from a far start lands elsewhere on Gamma). Returns whether Phi converged
     * ({@link #phi()} has the diagnostics); the flow starts from where it stopped either way.
     */
    public boolean start(double[] x0, double tau0) {
        boolean ok = reprojection.phi().apply(x0, x);
        begin(tau0);
        return ok;
    }

    /** Starts the flow at X(tau0) = x0, a point already on Gamma (no projection). */
    public void startOnGamma(double[] x0, double tau0) {
        System.arraycopy(x0, 0, x, 0, n);
        begin(tau0);
    }

    private void begin(double tau0) {
        st.tau = tau0;
        st.steps = 0;
        st.lastStepNorm = 0;
        st.started = true;
        field.resetGapStart();
        if (stepper != null) {
            stepper.hNext = options.h();
            stepper.rejectedLast = false;
            stepper.rejected = 0;
        }
        st.stoppedAt = Double.NaN;
        readAt();
        st.checkGap(options.gapThreshold());
    }

    /** Integrates to flow time target &ge; tau() with steps of at most h, landing exactly on target. */
    public void advanceTo(double target) {
        requireStarted();
        if (target < st.tau) {
            throw new IllegalArgumentException("the flow runs forward: at tau = " + st.tau + ", asked for " + target);
        }
        if (stepper != null) {
            while (st.tau < target && !stopped()) {
                adaptiveStep(target);
            }
            return;
        }
        double h = options.h();
        while (st.tau < target) {
            boolean last = st.tau + h >= target;
            step(last ? target - st.tau : h);
            if (last) {
                st.tau = target; // exact, whatever the rounding of the sum of steps
            }
        }
    }

    /** One accepted adaptive step towards target (landing on it exactly when it is within reach). */
    private void adaptiveStep(double target) {
        double h = stepper.advance(field, projection, x, k1, st.tau, target, options.tol());
        boolean landing = h >= target - st.tau;
        accept(stepper.candidate, stepper.kNew, h);
        if (landing) {
            st.tau = target; // exact, whatever the rounding of the sum of steps
        }
    }

    private void accept(double[] y, double[] kNew, double dt) {
        st.moveTo(y);
        System.arraycopy(kNew, 0, k1, 0, n);
        st.tau += dt;
        st.steps++;
        st.lambda1 = field.pointLambda(); // the readings at the accepted candidate, its field was evaluated last
        st.tangentGradNorm = field.tangentNorm();
        st.gap = field.gap();
        st.checkGap(options.gapThreshold());
    }

    /**
     * Integrates with steps h until ||P_T grad log lambda_1(X)|| &le; tol (the flow's speed is then below
     * tol/4 or tol lambda_1/8) or tau reaches maxTau. Returns whether the tolerance was met.
     */
    public boolean runUntilStationary(double tol, double maxTau) {
        requireStarted();
        while (st.tangentGradNorm > tol * st.lambda1) {
            if (st.tau >= maxTau || stopped()) {
                return false;
            }
            if (stepper != null) {
                adaptiveStep(maxTau);
            } else {
                step(Math.min(options.h(), maxTau - st.tau));
            }
        }
        return true;
    }

    /** One RK4 step of size dt followed by re-projection onto Gamma; k1 holds the velocity at X. */
    public void step(double dt) {
        requireStarted();
        double half = 0.5 * dt;
        for (int i = 0; i < n; i++) {
            stage[i] = x[i] + half * k1[i];
        }
        field.at(stage, k2);
        for (int i = 0; i < n; i++) {
            stage[i] = x[i] + half * k2[i];
        }
        field.at(stage, k3);
        for (int i = 0; i < n; i++) {
            stage[i] = x[i] + dt * k3[i];
        }
        field.at(stage, k4);
        for (int i = 0; i < n; i++) {
            stage[i] = x[i] + dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
        reprojection.apply(stage);
        st.moveTo(stage);
        st.tau += dt;
        st.steps++;
        readAt(); // the next step's first stage, and the readings at the new X
        st.checkGap(options.gapThreshold());
    }

    /** k1 := the field at X, with the readings lambda_1, ||P_T grad lambda_1|| and the gap there. */
    private void readAt() {
        st.lambda1 = field.atPoint(x, k1);
        st.tangentGradNorm = field.tangentNorm();
        st.gap = field.gap();
    }

    /**
     * out := the flow velocity -c P_T(y) grad lambda_1(y) / lambda_1(y) (NGD) or -c P_T(y) grad lambda_1(y) (sqrt)
     * at y (a point of Gamma); returns lambda_1(y). Leaves the flow's readings alone, but moves the Lanczos warm
     * start: calling it between steps may change later steps in their last bits.
     */
    public double velocity(double[] y, double[] out) {
        return field.at(y, out);
    }

    /** The Phi used by {@link #start} (and for re-projection of models without closed form or least squares). */
    public Phi phi() {
        return reprojection.phi();
    }

    private void requireStarted() {
        if (!st.started) {
            throw new IllegalStateException("start the limiting flow first");
        }
    }

    // ---------------------------------------------------------------- readings

    /** The current flow time tau. */
    public double tau() {
        return st.tau;
    }

    /** X(tau), owned by the flow: read, do not keep or modify. */
    public double[] point() {
        return x;
    }

    /** Copies X(tau) into out. */
    public void copyPoint(double[] out) {
        System.arraycopy(x, 0, out, 0, n);
    }

    /** lambda_1(X(tau)). */
    public double sharpness() {
        return st.lambda1;
    }

    /** ||P_T grad lambda_1(X(tau))||. */
    public double tangentGradientNorm() {
        return st.tangentGradNorm;
    }

    /** ||dX/dtau|| at X(tau). */
    public double speed() {
        return k.nrm2(n, k1, 0);
    }

    /** ||X_{k+1} - X_k|| of the last RK4 step (after re-projection). */
    public double lastStepNorm() {
        return st.lastStepNorm;
    }

    /** Accepted steps since the start (RK4, or adaptive). */
    public long steps() {
        return st.steps;
    }

    /** Rejected adaptive steps since the start (0 for fixed RK4 steps). */
    public long rejectedSteps() {
        return stepper != null ? stepper.rejected : 0;
    }

    /** The relative eigengap (lambda_1 - lambda_2) / lambda_1 at X (NaN unless the gap check is on). */
    public double eigengap() {
        return st.gap;
    }

    /** Whether the flow has stopped where lambda_1 stopped being simple (gap check on only). */
    public boolean stopped() {
        return st.stopped();
    }

    /** The tau where the flow stopped (NaN while it runs). */
    public double stoppedAt() {
        return st.stoppedAt;
    }

    /** The projector used (its method says how P_T is computed). */
    public TangentProjector projector() {
        return field.projector();
    }

    /** How X is re-projected onto Gamma: "closed-form", "newton" or "gradient-flow". */
    public String reprojection() {
        return reprojection.name();
    }

    // ---------------------------------------------------------------- checkpoint

    /**
     * [tau, lambda_1, ||P_T grad lambda_1||, last step norm, X, v_1 warm start, velocity at X] as raw doubles, for
     * checkpoints, then for adaptive or gap-checked flows [next h, rejected-last flag, stopped-at tau, gap, and with
     * the gap check the top-2 warm start]; {@link #restore} continues bit for bit.
     */
    public double[] snapshot() {
        requireStarted();
        return st.snapshot(field, stepper);
    }

    /**
     * Restores a {@link #snapshot()} of a flow with the same options (or the fixed-step layout of earlier versions,
     * which then continues with a fresh step proposal and top-2 start).
     */
    public void restore(double[] s) {
        st.restore(s, field, stepper, options.h());
    }
}
