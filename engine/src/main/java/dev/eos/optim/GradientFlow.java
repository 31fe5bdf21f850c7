package dev.eos.optim;

import dev.eos.models.Model;
import dev.eos.ode.GradientFlowIntegrator;

/**
 * Gradient flow dx/dt = -grad L(x) as a stepper (name "gf"): each {@link #step} advances the flow by time eta with
 * the adaptive {@link GradientFlowIntegrator} (Dormand-Prince 5(4), substeps bounded by alpha / lambda_1 as in Cohen
 * et al., THEORY 7), so that step t of gf sits at time t eta, beside GD's iterate t. Not perturbed.
 *
 * <p>Readings: loss and gradient norm at the point before the step (the integrator's first gradient evaluation);
 * eta_eff = eta (the time advanced). Allocation-free.
 *
 * <p>A step that cannot reach time eta (the substep budget of {@link GradientFlowIntegrator.Options#maxSubsteps()}
 * ran out, e.g. because alpha / lambda_1 is far below eta, or the flow left the finite numbers) is a failure, never
 * recorded as if time eta had passed: it reports a NaN loss, eta_eff = the time it did advance, and
 * {@link #failure()} says why; the run engine ends the run there as diverged (exit code 3) and keeps the last good
 * checkpoint. Checkpoint state: {@code [steps, then the integrator's
 * controller state (next substep, sharpness estimate, refresh counter, power vector)]}, so a resumed run takes the
 * same substeps bit for bit.
 */
public final class GradientFlow implements Optimizer {

    private final Model model;
    private final double eta;
    private final GradientFlowIntegrator integrator;
    private long steps;
    private double lastLoss = Double.NaN, lastGradNorm = Double.NaN, lastEtaEff = Double.NaN;
    private boolean lastFailed;

    /** Gradient flow advancing time eta per step. */
    public GradientFlow(Model model, double eta, GradientFlowIntegrator.Options options) {
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("eta must be a positive finite number, got " + eta);
        }
        this.model = model;
        this.eta = eta;
        this.integrator = new GradientFlowIntegrator(model, options);
    }

    @Override
    public String name() {
        return "gf";
    }

    @Override
    public Model model() {
        return model;
    }

    @Override
    public double eta() {
        return eta;
    }

    /** The integrator (its diagnostics describe the last step). */
    public GradientFlowIntegrator integrator() {
        return integrator;
    }

    @Override
    public void step(double[] x) {
        boolean ok = integrator.advance(x, eta);
        lastLoss = ok ? integrator.startLoss() : Double.NaN;
        lastGradNorm = integrator.startGradNorm();
        lastEtaEff = ok ? eta : integrator.time();
        lastFailed = !ok;
        steps++;
    }

    /**
     * True when the last step could not reach time eta (substep budget exhausted, or the flow left the finite
     * numbers); x then holds the last accepted point, and {@link #failure()} says why.
     */
    public boolean lastFailed() {
        return lastFailed;
    }

    @Override
    public String failure() {
        if (!lastFailed) {
            return null;
        }
        if (!Double.isFinite(integrator.gradNorm())) {
            return "gradient flow left the finite numbers at time " + integrator.time() + " of a step of " + eta
                    + " (loss " + integrator.loss() + ")";
        }
        return "gradient flow could not advance time eta = " + eta + " within its budget of "
                + integrator.options().maxSubsteps() + " substeps (it reached time " + integrator.time()
                + "; substeps are bounded by alpha / lambda_1 with the sharpness estimate lambda_1 = "
                + integrator.sharpnessEstimate() + ")";
    }

    @Override
    public double lastLoss() {
        return lastLoss;
    }

    @Override
    public double lastGradNorm() {
        return lastGradNorm;
    }

    @Override
    public double lastEtaEff() {
        return lastEtaEff;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public long[] state() {
        long[] s = new long[1 + integrator.stateLength()];
        s[0] = steps;
        integrator.writeState(s, 1);
        return s;
    }

    @Override
    public void restore(long[] state) {
        if (state == null || state.length != 1 + integrator.stateLength() || state[0] < 0) {
            throw new IllegalArgumentException("gf: a checkpoint state has " + (1 + integrator.stateLength())
                    + " entries [steps, integrator state], got " + (state == null ? "null" : state.length));
        }
        steps = state[0];
        integrator.readState(state, 1);
    }
}
