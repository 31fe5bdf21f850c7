package dev.eos.cli.common;

/**
 * A mistake in what the user gave (a flag value, a file, a config key, an output directory): eos prints the
 * message as one line on stderr and exits with {@link ExitCodes#BAD_INPUT}, without a stack trace.
 */
public final class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message one line that names the problem (the option, key or file) and, when possible, the fix */
    public BadInputException(String message) {
        super(message);
    }

    /** The same, keeping the cause for --verbose. */
    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
