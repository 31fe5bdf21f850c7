package dev.eos.run;

/**
 * A run directory or spec that the engine cannot use: not a run, a run that cannot be resumed, a bad extension, or an
 * invalid spec. The message is one line naming the problem; the CLI maps this to exit code 2.
 */
public class InvalidRunException extends IllegalArgumentException {

    public InvalidRunException(String message) {
        super(message);
    }

    public InvalidRunException(String message, Throwable cause) {
        super(message, cause);
    }
}
