package dev.eos.validation;

import dev.eos.rates.Verdict;
import java.util.List;

/**
 * What one check produced.
 *
 * @param name       the check's name
 * @param title      one line saying what it tests (with the THEORY section)
 * @param entries    its report lines
 * @param plots      its figures
 * @param runs       the run directories it used, relative to the output directory
 * @param cpuSeconds CPU time of its work, summed over threads
 * @param error      the error that stopped it, or null
 */
public record CheckOutcome(String name, String title, List<Entry> entries, List<PlotSpec> plots, List<String> runs,
                           double cpuSeconds, String error) {

    public CheckOutcome {
        entries = List.copyOf(entries);
        plots = List.copyOf(plots);
        runs = List.copyOf(runs);
    }

    /** FAIL when any entry failed or the check stopped on an error, else PASS (FINDING when all are findings). */
    public Verdict verdict() {
        if (error != null) {
            return Verdict.FAIL;
        }
        boolean anyPass = false;
        for (Entry e : entries) {
            if (e.verdict() == Verdict.FAIL) {
                return Verdict.FAIL;
            }
            anyPass |= e.verdict() == Verdict.PASS;
        }
        return anyPass || entries.isEmpty() ? Verdict.PASS : Verdict.FINDING;
    }
}
