package dev.eos.run;

/**
 * The limiting flow X(s) of THEORY 4.2-4.3 integrated alongside the run from X(0) = Phi(x_{t_0}), t_0 the phase-2
 * start, for the flow_dist and flow_sharpness columns; the standard one is {@link LimitingFlowMeter}.
 * Implementations should implement {@link Checkpointed} (X and the integrator's step size).
 */
public interface FlowMeter {

    /** Starts the flow at X(0) = Phi(x) (x is not modified). */
    void start(double[] x);

    /**
     * Integrates to flow time s (non-decreasing between calls) and sets flow_sharpness = lambda_1(X(s)) and, when
     * {@code phi} is not null, flow_dist = ||phi - X(s)||.
     */
    void advance(double s, double[] phi, MetricRow row);
}
