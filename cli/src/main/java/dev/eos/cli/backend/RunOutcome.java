package dev.eos.cli.backend;

import java.nio.file.Path;

/**
 * How a run ended.
 *
 * @param status        completed, diverged, or stopped by a signal after a checkpoint
 * @param dir           the run directory
 * @param step          the last step done (for stopped runs, the checkpoint's step)
 * @param seconds       wall time of the step loop
 * @param stepsPerSecond steps per second of the step loop
 * @param message       one line for diverged runs (what diverged, where), else empty
 */
public record RunOutcome(Status status, Path dir, long step, double seconds, double stepsPerSecond,
                         String message) {

    /** The three ways a run ends. */
    public enum Status {
        COMPLETED, DIVERGED, STOPPED
    }
}
