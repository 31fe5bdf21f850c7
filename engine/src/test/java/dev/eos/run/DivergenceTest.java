package dev.eos.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.io.CsvReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Divergence: plain GD on toy2d from (1, 0.05) with eta = 1.5 is unstable (lambda_1 = 2(1 + x^2) = 4 &gt; 2/eta), so
 * |y| grows geometrically until the loss overflows to Inf and then NaN.
 */
class DivergenceTest {

    @TempDir
    Path tmp;

    static RunSpec.Builder unstable() {
        return RunSpec.builder().model(ModelConfig.of("toy2d")).algorithm("gd").eta(1.5).steps(100_000)
                .metricsEvery(0).checkpointEvery(20);
    }

    @Test
    void nonFiniteLossStopsTheRunAndKeepsTheLastGoodCheckpoint() throws Exception {
        Path dir = tmp.resolve("nan");
        RunResult r = TestKit.engine().start(unstable().build(), dir, RunListener.NONE, new StopToken());
        assertEquals(RunStatus.DIVERGED, r.status());
        assertEquals(3, r.status().exitCode());
        assertTrue(r.message().startsWith("diverged at step "), r.message());
        assertTrue(r.message().contains("loss is Infinity") || r.message().contains("loss is NaN"), r.message());
        assertTrue(r.step() < 1000, "detected at the first non-finite loss, step " + r.step());
        Checkpoint c = CheckpointFile.read(dir);
        assertTrue(c.step() < r.step() && c.step() % 20 == 0, "checkpoint at " + c.step());
        for (double v : c.x()) {
            assertTrue(Double.isFinite(v), "the kept checkpoint is finite");
        }
        assertFalse(Files.exists(dir.resolve("final.npy")));
        assertEquals(RunStatus.DIVERGED, RunDirectory.status(dir));
        assertEquals(r.message(), RunDirectory.runJson(dir).get("message").asText());
        InvalidRunException e = assertThrows(InvalidRunException.class,
                () -> TestKit.engine().resume(dir, RunListener.NONE, new StopToken()));
        assertTrue(e.getMessage().contains("diverged"), e.getMessage());
    }

    @Test
    void lossAboveTheBoundIsDivergence() throws Exception {
        Path dir = tmp.resolve("bound");
        RunResult r = TestKit.engine().start(unstable().divergenceBound(1e6).metricsEvery(1).build(), dir,
                RunListener.NONE, new StopToken());
        assertEquals(RunStatus.DIVERGED, r.status());
        assertTrue(r.message().contains("exceeds the divergence bound 1000000.0"), r.message());
        // the reported step is the first whose loss exceeds the bound: every earlier row is within it
        CsvReader.Table t = CsvReader.read(dir.resolve("metrics.csv"));
        double[] loss = t.column("loss");
        double[] step = t.column("step");
        long bad = r.step() - 1;
        for (int i = 0; i < t.rows(); i++) {
            if (step[i] < bad) {
                assertTrue(loss[i] <= 1e6, "row " + step[i]);
            } else if (step[i] == bad) {
                assertTrue(loss[i] > 1e6 && Double.isFinite(loss[i]));
            }
        }
        assertEquals(bad, (long) step[t.rows() - 1], "the offending row is the last one");
        assertTrue(CheckpointFile.read(dir).step() <= bad);
    }

    /**
     * GD at eta = 5 on the 3x3 deep linear net blows up within a few steps: the Hessian of the cheap sharpness row
     * overflows while the loss is still finite, which must end the run as diverged (exit 3), not as an internal error.
     */
    @Test
    void overflowingHessianWithFiniteLossIsDivergence() throws Exception {
        Path dir = tmp.resolve("overflow");
        RunSpec spec = RunSpec.builder()
                .model(ModelConfig.of("deep-linear").with("depth", 3).with("width", 3))
                .algorithm("gd").eta(5).steps(1000).metricsEvery(1).build();
        RunResult r = RunEngine.standard().start(spec, dir, RunListener.NONE, new StopToken());
        assertEquals(RunStatus.DIVERGED, r.status(), r.message());
        assertTrue(r.message().startsWith("diverged at step "), r.message());
        assertTrue(r.step() < 100, "detected early, at step " + r.step());
    }
}
