package dev.eos.optim;

import dev.eos.models.Model;

/**
 * Gradient flow dx/dt = -grad L(x) as a stepper (name "gf"): each {@link #step} advances the flow by time eta with
 * the adaptive {@link GradientFlowIntegrator} (Dormand-Prince 5(4), substeps bounded by alpha / lambda_1 as in Cohen
 * et al., THEORY 7), so that step t of gf sits at time t eta, beside GD's iterate t. Not perturbed.
 *
 * <p>Readings: loss and gradient norm at the point before the step (the integrator's first gradient evaluation);
 * eta_eff = eta (the time advanced). Allocation-free. Checkpoint state: {@code [steps, then the integrator's
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
        lastLoss = integrator.startLoss();
        lastGradNorm = integrator.startGradNorm();
        lastEtaEff = eta;
        lastFailed = !ok;
        steps++;
    }

    /**
     * True when the last step could not reach time eta (substep budget exhausted, or the flow left the finite
     * numbers); x then holds the last accepted point. The run engine does not read this flag: a flow that left the
     * finite numbers shows as a non-finite loss at the next step (divergence), while a step that ran out of substeps
     * is recorded as if it had advanced time eta.
     */
    public boolean lastFailed() {
        return lastFailed;
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
