package dev.eos.run;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A request to stop a run, set from any thread (the CLI's signal handlers). The engine polls it every few
 * milliseconds of work, writes a checkpoint at the current step and returns {@link RunStatus#STOPPED}; it never
 * handles signals or exits itself.
 */
public final class StopToken {

    private final AtomicReference<String> reason = new AtomicReference<>();

    /** Asks the run to stop; the first reason given is kept (e.g. "SIGINT"). */
    public void requestStop(String why) {
        reason.compareAndSet(null, why == null ? "stop requested" : why);
    }

    /** Whether a stop was requested. */
    public boolean isStopRequested() {
        return reason.get() != null;
    }

    /** The reason given, or null. */
    public String reason() {
        return reason.get();
    }
}
