package dev.eos.run;

/**
 * The metric components of one run; any may be null (its columns stay empty, or for {@code phase} the run stays in
 * phase 1).
 *
 * @param sharpness the sharpness column (cheap rows)
 * @param phase     the distance estimate for the phase rule
 * @param point     the expensive per-iterate metrics
 * @param flow      the limiting flow (only used with {@link RunSpec#flow()})
 */
public record Meters(SharpnessMeter sharpness, PhaseMeter phase, PointMeter point, FlowMeter flow) {

    /** No metrics beyond what the optimizer reports. */
    public static Meters none() {
        return new Meters(null, null, null, null);
    }
}
