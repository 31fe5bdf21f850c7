package dev.eos.run;

/**
 * Callbacks from the engine's thread during a run (progress bars, logs). Keep them quick: they run inside the loop's
 * measured metric time. Every method has an empty default.
 */
public interface RunListener {

    /** A listener that ignores everything. */
    RunListener NONE = new RunListener() {
    };

    /** The session starts at {@code step} (0, or a resumed checkpoint's step); the directory is written. */
    default void onStart(RunSpec spec, java.nio.file.Path dir, long step) {
    }

    /** Periodic progress. */
    default void onProgress(Progress p) {
    }

    /** Phase 2 started at step t_0 (with a horizon, the end is now known). */
    default void onPhase2(long step, long end) {
    }

    /** A checkpoint at {@code step} was written. */
    default void onCheckpoint(long step) {
    }

    /** The session ended (also written to run.json). */
    default void onFinish(RunResult result) {
    }
}
