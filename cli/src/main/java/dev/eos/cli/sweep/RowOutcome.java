package dev.eos.cli.sweep;

import dev.eos.cli.common.ExitCodes;

/**
 * How running one sweep row ended.
 *
 * @param status         what happened this time
 * @param step           the step reached (the checkpoint's when stopped)
 * @param seconds        wall time of the step loop (all sessions)
 * @param stepsPerSecond steps per second of the step loop
 * @param message        one line: why it diverged, or the status recorded in DONE
 */
record RowOutcome(Status status, long step, double seconds, double stepsPerSecond, String message) {

    /** The ways a row ends. */
    enum Status {
        /** It completed now. */
        COMPLETED(ExitCodes.OK),
        /** It diverged now (a finished outcome: DONE is written). */
        DIVERGED(ExitCodes.DIVERGED),
        /** A signal stopped it after a checkpoint: run it again to continue. */
        STOPPED(ExitCodes.STOPPED),
        /** It had finished before (DONE): nothing was done. */
        ALREADY_DONE(ExitCodes.OK),
        /** A stop was requested before it started (only with --all). */
        NOT_STARTED(ExitCodes.STOPPED),
        /** Another eos session holds its run directory (the row runs elsewhere): nothing was done. */
        BUSY(ExitCodes.BAD_INPUT);

        private final int exitCode;

        Status(int exitCode) {
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }
}
