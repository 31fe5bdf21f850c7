package dev.eos.validation;

/** Progress lines from a validation (the engine never prints; the CLI shows them). Called from several threads. */
@FunctionalInterface
public interface ValidationListener {

    /** Ignores everything. */
    ValidationListener NONE = line -> { };

    /** One line of progress, e.g. "phase2-ngd: deep-linear ngd eta 0.01 seed 1 aligned done (0.8 s cpu)". */
    void log(String line);
}
