package dev.eos.run;

/**
 * A progress report for listeners (the CLI's progress bar), sent every ~50-100 ms of run time.
 *
 * @param step           the current step t
 * @param startStep      the step this session started from (a resumed run's checkpoint)
 * @param end            the planned last step (for a horizon run in phase 1: the cap {@link RunSpec#maxSteps()})
 * @param endKnown       false while a horizon run waits for phase 2 (end is then only the cap)
 * @param phase          1 or 2
 * @param loss           the loss at the last step
 * @param sharpness      the last sharpness computed, NaN when none yet
 * @param stepsPerSecond the step-loop rate of this session so far
 * @param elapsedSeconds wall seconds since the session started
 */
public record Progress(long step, long startStep, long end, boolean endKnown, int phase, double loss,
                       double sharpness, double stepsPerSecond, double elapsedSeconds) {
}
