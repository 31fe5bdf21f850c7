package dev.eos.geometry;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import dev.eos.models.ClosedFormGeometry;
import dev.eos.models.Evaluator;
import dev.eos.models.LeastSquaresEvaluator;
import dev.eos.models.Model;
import dev.eos.spectral.EigenResult;
import dev.eos.spectral.Lanczos;
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
     * @param h          the RK4 step in tau
     * @param lanczosTol relative residual tolerance of v_1 (grad lambda_1 inherits its error linearly)
     * @param phi        options of Phi where the flow needs gradient-flow re-projection
     */
    public record Options(double h, double lanczosTol, Phi.Options phi) {

        /** h = 0.01, Lanczos tolerance 1e-12, default Phi. */
        public static Options defaults() {
            return new Options(0.01, 1e-12, Phi.Options.defaults());
        }

        public Options withH(double step) {
            return new Options(step, lanczosTol, phi);
        }
    }

    private final Model model;
    private final Kind kind;
    private final double constant;
    private final Options options;
    private final Evaluator ev;
    private final Lanczos lanczos;
    private final TangentProjector projector;
    private final ClosedFormGeometry closedForm;
    private final NewtonProjection newton;
    private final Phi phi;
    private final Kernels k = KernelProvider.get();
    private final int n;

    private final double[] x, k1, k2, k3, k4, stage, v1, grad, tmp;
    private double[] warm;
    private double tau;
    private double lambda1 = Double.NaN;
    private double tangentGradNorm = Double.NaN;
    private double lastStepNorm = Double.NaN;
    private double fieldTangentNorm = Double.NaN;
    private long steps;
    private boolean started;

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
        this.ev = model.evaluator();
        this.n = model.dim();
        this.lanczos = new Lanczos(n, Lanczos.Options.defaults().withTol(options.lanczosTol()));
        this.projector = TangentProjector.of(model);
        this.closedForm = model.closedFormGeometry().orElse(null);
        var e2 = closedForm == null ? model.evaluator() : null;
        this.newton = e2 instanceof LeastSquaresEvaluator ls ? new NewtonProjection(ls) : null;
        this.phi = new Phi(model, options.phi());
        x = new double[n];
        k1 = new double[n];
        k2 = new double[n];
        k3 = new double[n];
        k4 = new double[n];
        stage = new double[n];
        v1 = new double[n];
        grad = new double[n];
        tmp = new double[n];
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
        boolean ok = phi.apply(x0, x);
        begin(tau0);
        return ok;
    }

    /** Starts the flow at X(tau0) = x0, a point already on Gamma (no projection). */
    public void startOnGamma(double[] x0, double tau0) {
        System.arraycopy(x0, 0, x, 0, n);
        begin(tau0);
    }

    private void begin(double tau0) {
        tau = tau0;
        steps = 0;
        lastStepNorm = 0;
        started = true;
        lambda1 = field(x, k1);
        tangentGradNorm = fieldTangentNorm;
    }

    /** Integrates to flow time target &ge; tau() with steps of at most h, landing exactly on target. */
    public void advanceTo(double target) {
        requireStarted();
        if (target < tau) {
            throw new IllegalArgumentException("the flow runs forward: at tau = " + tau + ", asked for " + target);
        }
        double h = options.h();
        while (tau < target) {
            boolean last = tau + h >= target;
            step(last ? target - tau : h);
            if (last) {
                tau = target; // exact, whatever the rounding of the sum of steps
            }
        }
    }

    /**
     * Integrates with steps h until ||P_T grad log lambda_1(X)|| &le; tol (the flow's speed is then below
     * tol/4 or tol lambda_1/8) or tau reaches maxTau. Returns whether the tolerance was met.
     */
    public boolean runUntilStationary(double tol, double maxTau) {
        requireStarted();
        while (tangentGradNorm > tol * lambda1) {
            if (tau >= maxTau) {
                return false;
            }
            step(Math.min(options.h(), maxTau - tau));
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
        field(stage, k2);
        for (int i = 0; i < n; i++) {
            stage[i] = x[i] + half * k2[i];
        }
        field(stage, k3);
        for (int i = 0; i < n; i++) {
            stage[i] = x[i] + dt * k3[i];
        }
        field(stage, k4);
        for (int i = 0; i < n; i++) {
            stage[i] = x[i] + dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
        reproject(stage);
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = stage[i] - x[i];
            s += d * d;
        }
        lastStepNorm = Math.sqrt(s);
        System.arraycopy(stage, 0, x, 0, n);
        tau += dt;
        steps++;
        lambda1 = field(x, k1); // the next step's first stage, and the readings at the new X
        tangentGradNorm = fieldTangentNorm;
    }

    /**
     * out := the flow velocity -c P_T(y) grad lambda_1(y) / lambda_1(y) (NGD) or -c P_T(y) grad lambda_1(y) (sqrt)
     * at y (a point of Gamma); returns lambda_1(y). Leaves the flow's readings alone, but moves the Lanczos warm
     * start: calling it between steps may change later steps in their last bits.
     */
    public double velocity(double[] y, double[] out) {
        return field(y, out);
    }

    private double field(double[] y, double[] out) {
        EigenResult r = lanczos.solve(ev.hessianAt(y), 1, warm);
        double lam = r.values()[0];
        r.vector(0, v1);
        if (warm == null) {
            warm = new double[n];
        }
        System.arraycopy(v1, 0, warm, 0, n);
        ev.curvatureGradient(y, v1, grad); // grad lambda_1 (Hellmann-Feynman, THEORY 1)
        projector.at(y).project(grad, tmp);
        double norm = k.nrm2(n, tmp, 0);
        double scale = kind.logarithmic ? -constant / lam : -constant;
        for (int i = 0; i < n; i++) {
            out[i] = scale * tmp[i];
        }
        fieldTangentNorm = norm;
        return lam;
    }

    /** Back onto Gamma after an RK4 step (the point is O(h^5) off it). */
    private void reproject(double[] y) {
        if (closedForm != null) {
            closedForm.phi(y, tmp);
            System.arraycopy(tmp, 0, y, 0, n);
        } else if (newton != null) {
            newton.project(y, 1e-15, 5);
        } else {
            phi.apply(y, y);
        }
    }

    /** The Phi used by {@link #start} (and for re-projection of models without closed form or least squares). */
    public Phi phi() {
        return phi;
    }

    private void requireStarted() {
        if (!started) {
            throw new IllegalStateException("start the limiting flow first");
        }
    }

    // ---------------------------------------------------------------- readings

    /** The current flow time tau. */
    public double tau() {
        return tau;
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
        return lambda1;
    }

    /** ||P_T grad lambda_1(X(tau))||. */
    public double tangentGradientNorm() {
        return tangentGradNorm;
    }

    /** ||dX/dtau|| at X(tau). */
    public double speed() {
        return k.nrm2(n, k1, 0);
    }

    /** ||X_{k+1} - X_k|| of the last RK4 step (after re-projection). */
    public double lastStepNorm() {
        return lastStepNorm;
    }

    /** RK4 steps since the start. */
    public long steps() {
        return steps;
    }

    /** The projector used (its method says how P_T is computed). */
    public TangentProjector projector() {
        return projector;
    }

    /** How X is re-projected onto Gamma: "closed-form", "newton" or "gradient-flow". */
    public String reprojection() {
        return closedForm != null ? "closed-form" : newton != null ? "newton" : "gradient-flow";
    }

    // ---------------------------------------------------------------- checkpoint

    /**
     * [tau, lambda_1, ||P_T grad lambda_1||, last step norm, X, v_1 warm start, velocity at X] as raw doubles, for
     * checkpoints; {@link #restore} continues bit for bit.
     */
    public double[] snapshot() {
        requireStarted();
        double[] s = new double[4 + 3 * n];
        s[0] = tau;
        s[1] = lambda1;
        s[2] = tangentGradNorm;
        s[3] = lastStepNorm;
        System.arraycopy(x, 0, s, 4, n);
        System.arraycopy(warm, 0, s, 4 + n, n);
        System.arraycopy(k1, 0, s, 4 + 2 * n, n);
        return s;
    }

    /** Restores a {@link #snapshot()}. */
    public void restore(double[] s) {
        if (s.length != 4 + 3 * n) {
            throw new IllegalArgumentException("a limiting-flow snapshot has " + (4 + 3 * n) + " numbers, got "
                    + s.length);
        }
        tau = s[0];
        lambda1 = s[1];
        tangentGradNorm = s[2];
        lastStepNorm = s[3];
        System.arraycopy(s, 4, x, 0, n);
        if (warm == null) {
            warm = new double[n];
        }
        System.arraycopy(s, 4 + n, warm, 0, n);
        System.arraycopy(s, 4 + 2 * n, k1, 0, n);
        started = true;
    }
}
