package dev.eos.geometry;

/**
 * The mutable state of a {@link LimitingFlow} (X, the velocity at X, tau and the readings there, the gap watch) and
 * its checkpoint layout: [tau, lambda_1, ||P_T grad lambda_1||, last step norm, X, v_1 warm start, velocity at X],
 * then for adaptive or gap-checked flows [next h, rejected-last flag, stopped-at tau, gap, top-2 warm start].
 */
final class FlowState {

    private static final int HEAD = 4;
    private static final int ADAPTIVE = 4; // next h, rejected-last flag, stopped-at tau, gap

    final int n;
    /** X(tau) and k1 = the velocity at X (the next RK4 step's first stage). */
    final double[] x, k1;
    double tau;
    double lambda1 = Double.NaN;
    double tangentGradNorm = Double.NaN;
    double gap = Double.NaN;
    double lastStepNorm = Double.NaN;
    long steps;
    boolean started;
    double stoppedAt = Double.NaN; // where the gap check stopped the flow, NaN while it runs

    FlowState(int n) {
        this.n = n;
        x = new double[n];
        k1 = new double[n];
    }

    /** The gap watch: stops the flow at tau when the check is on (threshold &gt; 0) and the gap is below it. */
    void checkGap(double threshold) {
        if (threshold > 0 && !(gap >= threshold)) {
            stoppedAt = tau;
        }
    }

    /** Whether the gap watch has stopped the flow. */
    boolean stopped() {
        return !Double.isNaN(stoppedAt);
    }

    /** lastStepNorm := ||y - X||, then X := y (y is the accepted, re-projected point). */
    void moveTo(double[] y) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = y[i] - x[i];
            s += d * d;
        }
        lastStepNorm = Math.sqrt(s);
        System.arraycopy(y, 0, x, 0, n);
    }

    /** The state as raw doubles (layout in the class comment); stepper may be null (fixed RK4 steps). */
    double[] snapshot(FlowField field, FlowStepper stepper) {
        double[] s = new double[length(field, stepper)];
        s[0] = tau;
        s[1] = lambda1;
        s[2] = tangentGradNorm;
        s[3] = lastStepNorm;
        System.arraycopy(x, 0, s, HEAD, n);
        field.writeWarm(s, HEAD + n);
        System.arraycopy(k1, 0, s, HEAD + 2 * n, n);
        if (hasAdaptiveState(field, stepper)) {
            int o = HEAD + 3 * n;
            s[o] = stepper != null ? stepper.hNext : Double.NaN;
            s[o + 1] = stepper != null && stepper.rejectedLast ? 1 : 0;
            s[o + 2] = stoppedAt;
            s[o + 3] = gap;
            field.writeGapStart(s, o + ADAPTIVE);
        }
        return s;
    }

    /**
     * Restores a {@link #snapshot} of a flow with the same options, or the fixed-step layout of earlier versions
     * (which then continues with the first step proposal h0 and a fresh top-2 start).
     */
    void restore(double[] s, FlowField field, FlowStepper stepper, double h0) {
        boolean full = s.length == length(field, stepper);
        if (!full && s.length != HEAD + 3 * n) {
            throw new IllegalArgumentException("a limiting-flow snapshot has " + length(field, stepper)
                    + " numbers, got " + s.length);
        }
        tau = s[0];
        lambda1 = s[1];
        tangentGradNorm = s[2];
        lastStepNorm = s[3];
        System.arraycopy(s, HEAD, x, 0, n);
        field.readWarm(s, HEAD + n);
        System.arraycopy(s, HEAD + 2 * n, k1, 0, n);
        stoppedAt = Double.NaN;
        gap = Double.NaN;
        field.resetGapStart();
        if (stepper != null) {
            stepper.hNext = h0;
            stepper.rejectedLast = false;
        }
        if (full && hasAdaptiveState(field, stepper)) {
            int o = HEAD + 3 * n;
            if (stepper != null) {
                stepper.hNext = s[o];
                stepper.rejectedLast = s[o + 1] != 0;
            }
            stoppedAt = s[o + 2];
            gap = s[o + 3];
            field.readGapStart(s, o + ADAPTIVE);
        }
        started = true;
    }

    private static boolean hasAdaptiveState(FlowField field, FlowStepper stepper) {
        return stepper != null || field.checksGap();
    }

    private int length(FlowField field, FlowStepper stepper) {
        return HEAD + 3 * n + (hasAdaptiveState(field, stepper) ? ADAPTIVE + field.gapStateLength() : 0);
    }
}
