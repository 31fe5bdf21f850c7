package dev.eos.run;

import java.nio.file.Path;

/**
 * The outcome of a run session ({@link RunEngine#start}, {@link RunEngine#resume}, {@link RunEngine#extend}).
 *
 * @param status      how it ended
 * @param message     one line for the user (why it stopped or diverged, where the files are)
 * @param dir         the run directory
 * @param step        the step reached (x_step is in the last checkpoint, or final.npy when completed)
 * @param phase2Start the phase-2 start t_0, or -1 when the run never reached phase 2
 * @param session     this session's timing
 * @param total       timing over all sessions of the run
 */
public record RunResult(RunStatus status, String message, Path dir, long step, long phase2Start, Timing session,
                        Timing total) {
}
