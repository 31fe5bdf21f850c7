package dev.eos.run;

import dev.eos.geometry.LimitingFlow;

/**
 * The standard {@link FlowMeter} over dev.eos.geometry's {@link LimitingFlow} (THEORY 4.2-4.3, integrated with
 * re-projection onto Gamma; {@link LimitingFlow.Options#forRuns()} in runs: adaptive steps, and a stop where
 * lambda_1(X) stops being simple): X(0) = Phi(x_{t_0}), flow_dist = ||Phi(x_t) - X(s)||, flow_sharpness =
 * lambda_1(X(s)). Once the flow has stopped, both cells stay empty (the flow is not defined beyond that point).
 * Its state (X, tau, the warm starts, the velocity and the step) is checkpointed through
 * {@link LimitingFlow#snapshot()}.
 */
public final class LimitingFlowMeter implements FlowMeter, Checkpointed {

    private static final String KEY = "flow.state";

    private final LimitingFlow flow;
    private boolean started;

    public LimitingFlowMeter(LimitingFlow flow) {
        this.flow = flow;
    }

    @Override
    public void start(double[] x) {
        flow.start(x, 0);
        started = true;
    }

    @Override
    public void advance(double s, double[] phi, MetricRow row) {
        flow.advanceTo(s);
        if (flow.stopped()) {
            return;
        }
        row.set(Column.FLOW_SHARPNESS, flow.sharpness());
        if (phi != null) {
            double[] xs = flow.point();
            double d = 0;
            for (int i = 0; i < xs.length; i++) {
                double e = phi[i] - xs[i];
                d += e * e;
            }
            row.set(Column.FLOW_DIST, Math.sqrt(d));
        }
    }

    /** The underlying flow (its stop, steps and readings). */
    public LimitingFlow flow() {
        return flow;
    }

    @Override
    public void save(CheckpointState out) {
        if (started) {
            out.putDoubles(KEY, flow.snapshot());
        }
    }

    @Override
    public void restore(CheckpointState in) {
        double[] s = in.doubles(KEY);
        if (s != null) {
            flow.restore(s);
            started = true;
        }
    }
}
