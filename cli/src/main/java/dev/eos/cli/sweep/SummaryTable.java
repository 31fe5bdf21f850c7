package dev.eos.cli.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eos.io.Json;
import dev.eos.run.RunDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * summary.csv of a sweep: one row per manifest row with its manifest columns (index, id, grid values), then
 * {@code status} (completed, diverged, stopped, running, failed or pending), {@code steps_done}, {@code phase2_start},
 * the last non-empty value of every metrics.csv column (copied as written, so bits are kept), and last the timing
 * columns {@link #TIMING}. Everything before the timing columns depends only on the manifest: the same sweep run
 * on any machine, in any order, interrupted or not, gives the same text.
 */
final class SummaryTable {

    /** The columns that measure time: the only ones that differ between two executions of one manifest. */
    static final List<String> TIMING = List.of("steps_per_second", "loop_seconds", "metric_seconds",
            "total_seconds");

    /** Row counts by status. */
    final Map<String, Integer> counts = new LinkedHashMap<>();

    private final List<String> header = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    private SummaryTable() {
    }

    /** Reads every row's run directory. */
    static SummaryTable of(SweepDir s, Manifest m) throws IOException {
        SummaryTable t = new SummaryTable();
        List<Map<String, String>> lastValues = new ArrayList<>();
        Set<String> metricColumns = new LinkedHashSet<>();
        List<JsonNode> runJsons = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        for (ManifestRow row : m.rows()) {
            Path dir = s.run(row.id());
            Path done = s.done(row.id());
            String status;
            JsonNode json = null;
            if (Files.isRegularFile(done)) {
                status = RowRunner.readDone(done).path("status").asText("completed");
            } else if (RunDirectory.isRun(dir)) {
                status = runStatus(dir);
            } else {
                status = "pending";
            }
            if (Files.isRegularFile(dir.resolve(RunDirectory.RUN_JSON))) {
                json = Json.read(dir.resolve(RunDirectory.RUN_JSON));
            }
            Map<String, String> last = Map.of();
            if (status.equals("completed") || status.equals("diverged")) {
                last = lastValues(dir.resolve(RunDirectory.METRICS));
                metricColumns.addAll(last.keySet());
            }
            lastValues.add(last);
            runJsons.add(json);
            statuses.add(status);
            t.counts.merge(status, 1, Integer::sum);
        }
        t.header.addAll(m.header());
        t.header.addAll(List.of("status", "steps_done", "phase2_start"));
        t.header.addAll(metricColumns);
        t.header.addAll(TIMING);
        for (int i = 0; i < m.rows().size(); i++) {
            ManifestRow row = m.rows().get(i);
            List<String> cells = new ArrayList<>(List.of(Integer.toString(row.index()), row.id()));
            for (String k : m.keys()) {
                cells.add(row.values().get(k));
            }
            String status = statuses.get(i);
            JsonNode json = runJsons.get(i);
            boolean finished = status.equals("completed") || status.equals("diverged");
            cells.add(status);
            cells.add(json == null ? "" : integer(json.get("step")));
            cells.add(json == null || !finished ? "" : integer(json.get("phase2_start")));
            for (String c : metricColumns) {
                cells.add(lastValues.get(i).getOrDefault(c, ""));
            }
            JsonNode timing = json == null ? null : json.get("timing");
            for (String c : TIMING) {
                cells.add(timing == null ? "" : real(timing.get(c)));
            }
            t.rows.add(cells);
        }
        return t;
    }

    private static String runStatus(Path dir) {
        try {
            return RunDirectory.status(dir).jsonName();
        } catch (IOException | IllegalArgumentException e) {
            return "running"; // a checkpoint without a readable run.json: resumable
        }
    }

    /** The last non-empty cell of every column of a metrics.csv, as written (a torn last line is ignored). */
    static Map<String, String> lastValues(Path csv) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(csv)) {
            return out;
        }
        String text = Files.readString(csv, StandardCharsets.US_ASCII);
        String[] lines = text.split("\n", -1);
        if (lines.length < 2) {
            return out;
        }
        String[] header = lines[0].split(",", -1);
        for (String h : header) {
            out.put(h, "");
        }
        int found = 0;
        for (int i = lines.length - 2; i >= 1 && found < header.length; i--) { // the last element is the tail
            String[] cells = lines[i].split(",", -1);
            if (cells.length != header.length) {
                continue;
            }
            for (int j = 0; j < header.length; j++) {
                if (out.get(header[j]).isEmpty() && !cells[j].isEmpty()) {
                    out.put(header[j], cells[j]);
                    found++;
                }
            }
        }
        return out;
    }

    private static String integer(JsonNode n) {
        return n == null || n.isNull() || !n.isNumber() ? "" : Long.toString(n.asLong());
    }

    private static String real(JsonNode n) {
        return n == null || n.isNull() || !n.isNumber() ? "" : Double.toString(n.asDouble());
    }

    /** The header cells. */
    List<String> header() {
        return header;
    }

    /** The CSV text. */
    String text() {
        StringBuilder s = new StringBuilder(CsvText.line(header));
        for (List<String> r : rows) {
            s.append(CsvText.line(r));
        }
        return s.toString();
    }
}
