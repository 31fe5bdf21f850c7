package dev.eos.cli.sweep;

import dev.eos.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eos sweep collect SWEEP}: every run of a sweep, one row each, into SWEEP/summary.csv. */
@Command(name = "collect", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Merge the runs of a sweep into SWEEP/summary.csv: one row per manifest row with its manifest columns, "
                    + "status (completed, diverged, stopped, running, failed, pending), steps_done, phase2_start, the "
                    + "last value of every metrics.csv column (finished runs), then the timing columns "
                    + "steps_per_second, loop_seconds, metric_seconds, total_seconds.",
            "All columns before the timing ones are deterministic: the same manifest run anywhere gives the same "
                    + "text. Safe to run while rows are still running."},
        footer = {"%nExample:", "  eos sweep collect SWEEP && python3 -c \"import pandas as pd; "
                + "print(pd.read_csv('SWEEP/summary.csv'))\"",
            "%nExit codes:", "  0 ok   1 internal error   2 bad input (not a sweep)"})
final class CollectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SWEEP", description = "The sweep directory.")
    Path dir;

    @Override
    public Integer call() throws IOException {
        SweepDir s = SweepDir.open(dir);
        Manifest m = s.readManifest();
        SummaryTable t = SummaryTable.of(s, m);
        Path file = dir.resolve(SweepDir.SUMMARY);
        AtomicFiles.write(file, t.text().getBytes(StandardCharsets.UTF_8));
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Integer> e : t.counts.entrySet()) {
            parts.add(e.getValue() + " " + e.getKey());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("collected " + m.rows().size() + " rows (" + String.join(", ", parts) + ") into " + file);
        out.flush();
        return 0;
    }
}
