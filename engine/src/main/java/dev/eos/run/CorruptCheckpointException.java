package dev.eos.run;

/** A checkpoint whose checksum, structure or companion files do not verify (exit code 2 in the CLI). */
public final class CorruptCheckpointException extends InvalidRunException {

    public CorruptCheckpointException(String message) {
        super(message);
    }

    public CorruptCheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
