package dev.eos.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eos.io.CsvReader;
import dev.eos.io.Npy;
import dev.eos.kernels.KernelProvider;
import dev.eos.models.SeparableToy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A complete run on toy2d: files, columns, run.json, final iterate, and the rows the schedule promises. */
class RunEngineTest {

    @TempDir
    Path tmp;

    static RunSpec.Builder toy(String algo, double eta, long steps) {
        return RunSpec.builder().model(ModelConfig.of("toy2d")).algorithm(algo).eta(eta).steps(steps);
    }

    @Test
    void completedRunWritesEveryFileWithTheDocumentedContent() throws Exception {
        RunSpec spec = toy("ngd", 0.01, 500).metricsEvery(10).phiEvery(100).logPoints(5).lastSteps(3)
                .snapshotEvery(250).checkpointEvery(200).build();
        Path dir = tmp.resolve("run");
        RunResult r = TestKit.engine().start(spec, dir, RunListener.NONE, new StopToken());
        assertEquals(RunStatus.COMPLETED, r.status(), r.message());
        assertEquals(500, r.step());

        // final iterate = an independent loop of the same optimizer
        SeparableToy m = SeparableToy.toy2d();
        double[] x = m.defaultStart();
        SimpleOptimizer o = new SimpleOptimizer("ngd", m, 0.01, 0, 0, 0);
        for (int i = 0; i < 500; i++) {
            o.step(x);
        }
        assertArrayEquals(x, Npy.read(dir.resolve("final.npy")).data());
        assertTrue(Files.exists(RunDirectory.snapshot(dir, 0)));
        assertTrue(Files.exists(RunDirectory.snapshot(dir, 250)));
        assertFalse(Files.exists(RunDirectory.snapshot(dir, 500)), "no row or snapshot at the end step");

        CsvReader.Table t = CsvReader.read(dir.resolve("metrics.csv"));
        assertEquals(List.of("step", "tau", "phase", "loss", "grad_norm", "eta_eff", "sharpness", "stableness",
                "stableness_sqrt", "dist_to_phi", "sharpness_at_phi", "theta", "inv_stableness_pair",
                "sqrt_loss_pair_ratio", "flow_dist", "flow_sharpness", "eigengap_at_phi"), t.header());
        MetricSchedule s = new MetricSchedule(spec, 500);
        double[] steps = t.column("step");
        int i = 0;
        for (long k = 0; k < 500; k++) {
            if (s.row(k)) {
                assertEquals(k, (long) steps[i], "rows in step order, none missing");
                assertEquals(s.expensive(k), t.presence("stableness")[i]);
                assertEquals(s.pairStart(k), t.presence("inv_stableness_pair")[i], "pair metric at " + k);
                assertEquals(0.01 * 0.01 * k, t.column("tau")[i], 0);
                i++;
            }
        }
        assertEquals(i, t.rows());
        assertFalse(t.tornTail());
        // stableness_sqrt and theta have no meter here: empty everywhere
        for (boolean p : t.presence("theta")) {
            assertFalse(p);
        }

        JsonNode j = RunDirectory.runJson(dir);
        assertEquals("completed", j.get("status").asText());
        assertEquals(spec.id(), j.get("id").asText());
        assertEquals(spec, RunSpec.fromJson(j.get("spec")));
        assertEquals(KernelProvider.get().name(), j.get("kernels").get("provider").asText());
        assertEquals(KernelProvider.get().vectorBits(), j.get("kernels").get("vector_bits").asInt());
        assertEquals(KernelProvider.get().lanes(), j.get("kernels").get("lanes").asInt());
        assertEquals("fused", j.get("kernels").get("fma").asText());
        assertEquals(System.getProperty("java.version"), j.get("jdk").get("version").asText());
        assertTrue(j.get("eos").has("version") && j.get("eos").has("commit"));
        assertEquals(500, j.get("step").asLong());
        assertEquals(500, j.get("timing").get("steps").asLong());
        assertTrue(j.get("timing").get("steps_per_second").asDouble() > 0);
        assertFalse(j.get("ended").isNull());
        assertEquals(1, j.get("sessions").size());
        assertEquals(500, RunDirectory.checkpointStep(dir), "a final checkpoint makes the run extendable");
    }

    @Test
    void savesTheCallersConfigAndEstimatesSpeed() throws Exception {
        RunSpec spec = toy("ngd", 0.01, 20).build();
        Path dir = tmp.resolve("cfg");
        java.util.Map<String, Object> config = new java.util.TreeMap<>();
        config.put("out", dir.toString());
        config.put("no-plots", true);
        config.put("widths", List.of(4, 4));
        TestKit.engine().start(spec, dir, RunListener.NONE, new StopToken(), config);
        JsonNode c = RunDirectory.runJson(dir).get("config");
        assertEquals(dir.toString(), c.get("out").asText());
        assertTrue(c.get("no-plots").asBoolean());
        assertEquals(4, c.get("widths").get(1).asInt());
        double rate = TestKit.engine().estimateStepsPerSecond(spec, 0.05);
        assertTrue(rate > 1e4, "a toy step takes well under 100 us: " + rate);
    }

    @Test
    void badInputLeavesNoDirectoryBehind() {
        Path dir = tmp.resolve("never");
        RunSpec spec = RunSpec.builder().model(ModelConfig.of("nope")).eta(0.1).steps(10).build();
        assertThrows(IllegalArgumentException.class,
                () -> TestKit.engine().start(spec, dir, RunListener.NONE, new StopToken()));
        RunSpec badAlgo = toy("adam", 0.1, 10).build();
        assertThrows(IllegalArgumentException.class,
                () -> TestKit.engine().start(badAlgo, dir, RunListener.NONE, new StopToken()));
        RunSpec flowGd = toy("gd", 0.1, 10).flow(true).build();
        assertThrows(InvalidRunException.class,
                () -> TestKit.engine().start(flowGd, dir, RunListener.NONE, new StopToken()));
        assertFalse(Files.exists(dir));
    }

    @Test
    void refusesANonEmptyDirectory() throws Exception {
        Path dir = tmp.resolve("full");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("notes.txt"), "mine");
        RunSpec spec = toy("ngd", 0.1, 10).build();
        InvalidRunException e = assertThrows(InvalidRunException.class,
                () -> TestKit.engine().start(spec, dir, RunListener.NONE, new StopToken()));
        assertTrue(e.getMessage().contains("not an empty directory"), e.getMessage());
        assertEquals(List.of(dir.resolve("notes.txt")), Files.list(dir).toList());
    }
}
