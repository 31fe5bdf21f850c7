package dev.eos.cli.common;

/** The exit codes of every eos command (documented in each command's --help footer). */
public final class ExitCodes {

    /** Success. */
    public static final int OK = 0;
    /** An internal error: a bug in eos (the message says to report it). */
    public static final int INTERNAL = 1;
    /** Bad input: a usage error, a bad value, a bad file; the one-line message names it. */
    public static final int BAD_INPUT = 2;
    /**
     * The run diverged (NaN, Inf, or loss above --divergence-bound), or a gradient-flow step (--algo gf) could not be
     * integrated (out of substeps); the last good checkpoint is kept.
     */
    public static final int DIVERGED = 3;
    /** Stopped by a signal (SIGINT, SIGTERM, SIGUSR1) after writing a checkpoint: continue with eos resume DIR. */
    public static final int STOPPED = 4;
    /** {@code eos validate}: a check failed (REPORT.md says which and why). */
    public static final int CHECK_FAILED = 5;

    /** The exit-code lines shared by every --help footer. */
    static final String[] FOOTER = {
        "  0  ok",
        "  1  internal error (a bug in eos: please report it with the command line)",
        "  2  bad input (the one-line message names the problem)",
        "  3  the run diverged (NaN, Inf, or loss above --divergence-bound; with --algo gf also a flow step that",
        "     could not be integrated)",
        "  4  stopped by a signal after writing a checkpoint (continue with: eos resume DIR)"};

    private ExitCodes() {
    }
}
