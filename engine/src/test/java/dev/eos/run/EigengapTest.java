package dev.eos.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eos.geometry.LimitingFlow;
import dev.eos.io.CsvReader;
import dev.eos.io.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The eigengap_at_phi column and its run.json record (THEORY 1, assumption [R]: lambda_1 simple on Gamma): on a
 * square deep linear net whose target has three equal singular values, the balanced (flattest) minimisers have a
 * ninefold top eigenvalue (THEORY 6.1: every pair (i, j) gives N sigma^{2 - 2/N}), so the gap at Phi closes as NGD
 * drifts towards them and the run records where; with well separated singular values (2, 0.6, 0.3) it stays open.
 */
class EigengapTest {

    @TempDir
    Path tmp;

    static RunSpec spec(List<Double> spectrum) {
        return RunSpec.builder().model(ModelConfig.of("deep-linear").with("depth", 3).with("width", 3)
                .with("spectrum", spectrum)).algorithm("ngd").eta(0.02).steps(6000).seed(1).metricsEvery(500)
                .phiEvery(250).lastSteps(2).flow(true).build();
    }

    @Test
    void aClosingGapIsRecorded() throws Exception {
        Path dir = tmp.resolve("equal");
        RunResult r = RunEngine.standard().start(spec(List.of(1.0, 1.0, 1.0)), dir, RunListener.NONE,
                new StopToken());
        assertEquals(RunStatus.COMPLETED, r.status(), r.message());
        CsvReader.Table t = CsvReader.read(dir.resolve("metrics.csv"));
        assertEquals("eigengap_at_phi", t.header().get(t.header().size() - 1), "the new column comes last");
        double[] gap = t.column("eigengap_at_phi");
        boolean[] has = t.presence("eigengap_at_phi");
        double[] step = t.column("step");
        long first = -1;
        for (int i = 0; i < gap.length; i++) {
            if (has[i]) {
                assertTrue(gap[i] >= 0 && gap[i] <= 1, "a relative gap of sorted eigenvalues: " + gap[i]);
                if (first < 0 && gap[i] < LimitingFlow.GAP_THRESHOLD) {
                    first = (long) step[i];
                }
            }
            assertEquals(t.presence("sharpness_at_phi")[i], has[i], "the gap is measured with sharpness_at_phi");
        }
        assertTrue(first >= 0, "the gap closes on this model");
        JsonNode g = Json.read(dir.resolve("run.json")).get("eigengap");
        assertEquals(LimitingFlow.GAP_THRESHOLD, g.get("threshold").asDouble());
        assertEquals(first, g.get("first_step_below").asLong(), "run.json names the first row below");
        assertTrue(g.get("min_gap").asDouble() < LimitingFlow.GAP_THRESHOLD);
    }

    @Test
    void aSeparatedSpectrumKeepsItOpen() throws Exception {
        Path dir = tmp.resolve("separated");
        RunResult r = RunEngine.standard().start(spec(List.of(2.0, 0.6, 0.3)), dir, RunListener.NONE,
                new StopToken());
        assertEquals(RunStatus.COMPLETED, r.status(), r.message());
        JsonNode g = Json.read(dir.resolve("run.json")).get("eigengap");
        assertTrue(g.get("first_step_below").isNull(), g.toString());
        // THEORY 6.1: lambda_1 = 3 * 2^{4/3} at the flattest point, the next pair (1, 2) much lower: the gap is large
        assertTrue(g.get("min_gap").asDouble() > 0.05, g.toString());
        assertTrue(g.get("flow_stopped_tau") == null, "the flow runs to the end: " + g);
        CsvReader.Table t = CsvReader.read(dir.resolve("metrics.csv"));
        assertTrue(t.presence("flow_dist")[t.rows() - 1], "flow columns on the last row");
    }
}
