package dev.eos.cli.sweep;

import dev.eos.cli.common.BadInputException;
import dev.eos.io.CsvReader;
import dev.eos.rates.Sample;
import dev.eos.run.RunDirectory;
import dev.eos.run.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The samples (eta, seed, y) of a sweep for one metric: one per completed run, y the run's metrics.csv column reduced
 * by a {@link MetricReduce}, eta and the seed read from the run's own spec (run.json). Runs that vary other options
 * than eta and the seed are grouped by those values, one rate per group.
 */
final class RateSamples {

    /**
     * The samples of one group.
     *
     * @param label   "all runs", or the group's values, e.g. "algo=sqrt, width=8"
     * @param values  the group's values (empty for "all runs")
     * @param samples its samples, in manifest order
     */
    record Group(String label, Map<String, String> values, List<Sample> samples) {
    }

    /** Groups in manifest order. */
    final List<Group> groups = new ArrayList<>();
    /** Completed runs read. */
    int completed;
    /** Diverged runs (no rate sample: their metrics end at the divergence). */
    int diverged;
    /** Runs not finished yet. */
    int unfinished;
    /** Completed runs whose reduction had no value (e.g. no Phase II row for max-after-phase1). */
    int noValue;

    private RateSamples() {
    }

    /** Reads every finished run of the sweep. */
    static RateSamples read(SweepDir s, Manifest m, String metric, MetricReduce reduce) throws IOException {
        if (!m.keys().contains("eta")) {
            throw new BadInputException(s.dir() + " does not vary --eta (its grid: " + (m.keys().isEmpty() ? "none"
                    : String.join(", ", m.keys())) + "); plan a sweep with e.g. --eta 1e-1:1e-3:log:9");
        }
        List<String> groupKeys = new ArrayList<>(m.keys());
        groupKeys.remove("eta");
        groupKeys.remove("seed");
        RateSamples r = new RateSamples();
        Map<Map<String, String>, List<Sample>> byGroup = new LinkedHashMap<>();
        for (ManifestRow row : m.rows()) {
            Path done = s.done(row.id());
            if (!Files.isRegularFile(done)) {
                r.unfinished++;
                continue;
            }
            if (!RowRunner.readDone(done).path("status").asText().equals("completed")) {
                r.diverged++;
                continue;
            }
            r.completed++;
            Path dir = s.run(row.id());
            RunSpec spec = RunDirectory.spec(dir);
            CsvReader.Table t = CsvReader.read(dir.resolve(RunDirectory.METRICS));
            if (!t.header().contains(metric)) {
                throw new BadInputException("--metric " + metric + ": metrics.csv has no such column (it has "
                        + String.join(", ", t.header()) + ")");
            }
            double y = reduce.apply(t, metric);
            if (Double.isNaN(y)) {
                r.noValue++;
            }
            Map<String, String> key = new LinkedHashMap<>();
            for (String k : groupKeys) {
                key.put(k, row.values().get(k));
            }
            byGroup.computeIfAbsent(key, k -> new ArrayList<>()).add(new Sample(spec.eta(), spec.seed(), y));
        }
        for (Map.Entry<Map<String, String>, List<Sample>> e : byGroup.entrySet()) {
            StringJoiner label = new StringJoiner(", ");
            e.getKey().forEach((k, v) -> label.add(k + "=" + v));
            r.groups.add(new Group(e.getKey().isEmpty() ? "all runs" : label.toString(), e.getKey(), e.getValue()));
        }
        return r;
    }
}
