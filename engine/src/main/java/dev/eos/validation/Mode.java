package dev.eos.validation;

/** How much of each check to run: QUICK (minutes, CI) or FULL (eta down to 1e-3 everywhere, 1e-4 once). */
public enum Mode {
    QUICK,
    FULL;

    /** "quick" or "full". */
    public String label() {
        return this == QUICK ? "quick" : "full";
    }

    /** {@code quick} in quick mode, else {@code full}. */
    public <T> T pick(T quick, T full) {
        return this == QUICK ? quick : full;
    }

    /** {@code quick} in quick mode, else {@code full}. */
    public double pick(double quick, double full) {
        return this == QUICK ? quick : full;
    }

    /** {@code quick} in quick mode, else {@code full}. */
    public long pick(long quick, long full) {
        return this == QUICK ? quick : full;
    }

    /** {@code quick} in quick mode, else {@code full}. */
    public int pick(int quick, int full) {
        return this == QUICK ? quick : full;
    }
}
