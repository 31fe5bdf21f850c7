package dev.eos.rates;

import java.util.Locale;

/** The outcome of a check: it passed, it failed, or it is a measured finding that is reported, not asserted. */
public enum Verdict {
    PASS,
    FAIL,
    FINDING;

    /** "pass", "fail" or "finding" (the JSON and report spelling). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The worse of two verdicts for pass/fail (FAIL over PASS); a FINDING stays a finding. */
    public Verdict and(Verdict other) {
        if (this == FINDING || other == FINDING) {
            return FINDING;
        }
        return this == FAIL || other == FAIL ? FAIL : PASS;
    }
}
