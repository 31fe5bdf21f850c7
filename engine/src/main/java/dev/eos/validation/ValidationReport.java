package dev.eos.validation;

import dev.eos.rates.Verdict;
import java.util.List;

/**
 * The result of {@link Validation#run}: every check's outcome, in the order run, with the timing.
 *
 * @param options     what was run
 * @param outcomes    one per check
 * @param wallSeconds wall time of the whole validation
 * @param cpuSeconds  CPU time of the whole validation (every thread of the process)
 * @param started     when it started (ISO-8601, local time)
 */
public record ValidationReport(ValidationOptions options, List<CheckOutcome> outcomes, double wallSeconds,
                               double cpuSeconds, String started) {

    public ValidationReport {
        outcomes = List.copyOf(outcomes);
    }

    /** Every entry of every check, in order. */
    public List<Entry> entries() {
        return outcomes.stream().flatMap(o -> o.entries().stream()).toList();
    }

    /** FAIL when any check failed, else PASS (findings do not fail a validation). */
    public Verdict verdict() {
        for (CheckOutcome o : outcomes) {
            if (o.verdict() == Verdict.FAIL) {
                return Verdict.FAIL;
            }
        }
        return Verdict.PASS;
    }

    /** How many entries have the given verdict. */
    public long count(Verdict v) {
        return entries().stream().filter(e -> e.verdict() == v).count();
    }
}
