package dev.eos.run;

/**
 * Wall-clock accounting of a run session: step-loop time (metric rows, checkpoints and snapshots excluded) and
 * metric/recording time, so that steps/s measures the optimizer and the metric overhead is visible separately.
 *
 * @param steps         steps taken in the session
 * @param loopSeconds   seconds spent stepping
 * @param metricSeconds seconds spent on metrics, rows, checkpoints, snapshots and progress
 * @param totalSeconds  wall seconds of the session (setup and final files included)
 */
public record Timing(long steps, double loopSeconds, double metricSeconds, double totalSeconds) {

    /** steps / loopSeconds: the speed of the step loop alone (NaN when no time was measured). */
    public double stepsPerSecond() {
        return loopSeconds > 0 ? steps / loopSeconds : Double.NaN;
    }

    /** metricSeconds / loopSeconds: the relative cost of measuring. */
    public double metricOverhead() {
        return loopSeconds > 0 ? metricSeconds / loopSeconds : Double.NaN;
    }
}
