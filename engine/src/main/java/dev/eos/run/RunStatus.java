package dev.eos.run;

/** How a run (or one session of it) ended. */
public enum RunStatus {
    /** Still running, or killed without a chance to say otherwise (only ever seen in run.json). */
    RUNNING(1),
    /** All planned steps were taken; final.npy and a final checkpoint are written (extend with more steps). */
    COMPLETED(0),
    /**
     * NaN, Inf, a loss above the divergence bound, or a step the optimizer could not take (gradient flow out of
     * substeps); the last good checkpoint is kept, no final.npy.
     */
    DIVERGED(3),
    /** The stop token was set: a checkpoint at the current step was written; resume continues bit for bit. */
    STOPPED(4),
    /** An internal error (an exception other than bad input); the last checkpoint is kept. */
    FAILED(1);

    private final int exitCode;

    RunStatus(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The CLI exit code of issue 6 for a session that ended so (0 ok, 1 internal, 3 diverged, 4 stopped). */
    public int exitCode() {
        return exitCode;
    }

    /** The lower-case name used in run.json. */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
