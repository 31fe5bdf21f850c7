package dev.eos.validation;

/**
 * One named experiment of {@code ./eos validate} (issue 7): it runs its models over its eta grid through
 * {@link CheckContext}, and reports entries, figures and the run directories it used.
 */
public interface Check {

    /** The name, an {@code --only} value, e.g. "phase2-ngd". */
    String name();

    /** One line: the prediction tested and its THEORY section. */
    String title();

    /** Runs the check (entries and figures go to the context). */
    void run(CheckContext ctx) throws Exception;
}
