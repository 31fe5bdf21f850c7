package dev.eos.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eos.geometry.LimitingFlow;

/**
 * Watches the eigengap_at_phi column for the first row where lambda_1(Phi(x_t)) stops being simple: the relative gap
 * (lambda_1 - lambda_2) / lambda_1 below {@link LimitingFlow#GAP_THRESHOLD} (THEORY 1, assumption [R]; beyond it
 * theta, flow_dist and the flow are not defined by the theory). Also notes where a run's limiting flow stopped for
 * the same reason at its own X. Checkpointed, and written to run.json under "eigengap".
 */
final class GapWatch implements Checkpointed {

    private static final String KEY = "run.eigengap";

    private long firstStep = -1;
    private double firstGap = Double.NaN;
    private double minGap = Double.NaN;
    private double flowStoppedTau = Double.NaN;

    /** Reads the row's eigengap cell, if any. */
    void observe(MetricRow row) {
        if (!row.has(Column.EIGENGAP_AT_PHI)) {
            return;
        }
        double g = row.get(Column.EIGENGAP_AT_PHI);
        if (!(g >= minGap)) {
            minGap = g;
        }
        if (firstStep < 0 && g < LimitingFlow.GAP_THRESHOLD) {
            firstStep = row.step();
            firstGap = g;
        }
    }

    /** Notes the tau where the run's flow stopped (NaN: it did not). */
    void flowStopped(double tau) {
        flowStoppedTau = tau;
    }

    /** The first step with a gap below the threshold, or -1. */
    long firstStep() {
        return firstStep;
    }

    /** The "eigengap" object of run.json. */
    void writeTo(ObjectNode n) {
        n.put("threshold", LimitingFlow.GAP_THRESHOLD);
        if (firstStep >= 0) {
            n.put("first_step_below", firstStep);
            n.put("gap_at_first_step", firstGap);
        } else {
            n.putNull("first_step_below");
        }
        if (Double.isFinite(minGap)) {
            n.put("min_gap", minGap);
        }
        if (Double.isFinite(flowStoppedTau)) {
            n.put("flow_stopped_tau", flowStoppedTau);
        }
    }

    @Override
    public void save(CheckpointState out) {
        out.putDoubles(KEY, new double[] {firstStep, firstGap, minGap});
    }

    @Override
    public void restore(CheckpointState in) {
        double[] s = in.doubles(KEY);
        if (s != null && s.length == 3) {
            firstStep = (long) s[0];
            firstGap = s[1];
            minGap = s[2];
        }
    }
}
