package dev.eos.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eos.io.Json;
import dev.eos.rates.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** REPORT.md and validation.json carry every entry with the fields the issue names; the verdict rolls up. */
class ReportWriterTest {

    @TempDir
    Path tmp;

    static ValidationReport report() {
        Entry pass = new Entry("phase2-ngd", "toy2d; ngd", "||Phi(x_T) - X(T2)||", "O(eta^1)", "2.00", 2.0, 1.98,
                2.02, Verdict.PASS, "slope >= 0.80 passes", "phase2-ngd-toy2d", Map.of("r2", 0.999));
        Entry finding = new Entry("sqrt-deep-linear", "deep-linear; sqrt", "||Phi(x_T) - X(T2)||", "O(eta^1)",
                "0.02", 0.02, -0.1, 0.2, Verdict.FINDING, "reported", null, Map.of());
        Entry limit = new Entry("quadratic", "quadratic; ngd", "pair error", "-> 0", "2.2e-16", 2.2e-16, Double.NaN,
                Double.NaN, Verdict.PASS, "<= 1e-9", "quadratic-ngd", Map.of("flips", true));
        List<CheckOutcome> o = List.of(
                new CheckOutcome("phase2-ngd", "Theorem 4.4", List.of(pass), List.of(), List.of("runs/a"), 1.5, null),
                new CheckOutcome("sqrt-deep-linear", "THEORY 4.3", List.of(finding), List.of(), List.of(), 2, null),
                new CheckOutcome("quadratic", "Theorem 3.1", List.of(limit), List.of(), List.of(), 0.1, null));
        return new ValidationReport(ValidationOptions.of(Mode.QUICK, 2, Path.of("out")), o, 12.5, 20.0,
                "2026-01-01T00:00:00");
    }

    @Test
    void writesBothFilesWithTheIssuesFields() throws Exception {
        ValidationReport r = report();
        assertEquals(Verdict.PASS, r.verdict(), "a finding does not fail the validation");
        ReportWriter.write(r, tmp);
        JsonNode j = Json.read(tmp.resolve(ReportWriter.JSON));
        assertTrue(j.isArray());
        assertEquals(3, j.size());
        for (JsonNode e : j) {
            for (String f : List.of("name", "quantity", "predicted", "measured", "interval", "verdict")) {
                assertTrue(e.has(f), f + " in " + e);
            }
        }
        assertEquals("phase2-ngd", j.get(0).get("name").asText());
        assertEquals(2.0, j.get(0).get("measured").asDouble());
        assertEquals(1.98, j.get(0).get("interval").get(0).asDouble());
        assertEquals("plots/phase2-ngd-toy2d.png", j.get(0).get("plot").asText());
        assertEquals("finding", j.get(1).get("verdict").asText());
        assertTrue(j.get(2).get("interval").isNull());

        String md = Files.readString(tmp.resolve(ReportWriter.REPORT));
        assertTrue(md.contains("| phase2-ngd | toy2d; ngd | \\|\\|Phi(x_T) - X(T2)\\|\\| | O(eta^1) | 2.00 | [1.98, 2.02]"
                + " | 0.999 | **pass** | [png](plots/phase2-ngd-toy2d.png) |"), md);
        assertTrue(md.contains("**Verdict: PASS**"));
        assertTrue(md.contains("## Pass rules"));
    }

    @Test
    void aFailedEntryOrAnErrorFailsTheValidation() {
        Entry bad = new Entry("drift", "toy2d", "q", "O(eta^3)", "2.00", 2, 1.9, 2.1, Verdict.FAIL, "r", null,
                Map.of());
        assertEquals(Verdict.FAIL, new CheckOutcome("drift", "t", List.of(bad), List.of(), List.of(), 0, null)
                .verdict());
        assertEquals(Verdict.FAIL, new CheckOutcome("drift", "t", List.of(), List.of(), List.of(), 0, "boom")
                .verdict());
        assertEquals("41.2 s", ReportWriter.duration(41.2));
        assertEquals("2 min 05 s", ReportWriter.duration(125));
    }
}
