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

    /**
     * Gradient flow from a small start sharpens (lambda_1 grows from 0.1 to 4 on this 3x3 net), so a step of time
     * eta = 2 needs 6 to 48 substeps; with a budget of 30 a later step cannot reach time eta. That step must not be
     * recorded as if it had advanced: the run ends as diverged with the reason, rows stop before it, and the last
     * checkpoint is kept.
     */
    @Test
    void gradientFlowOutOfSubstepsEndsTheRunWithoutRecordingTheStep() throws Exception {
        Path dir = tmp.resolve("gf");
        RunSpec spec = RunSpec.builder()
                .model(ModelConfig.of("deep-linear").with("depth", 4).with("width", 3).with("init-scale", 0.2))
                .algorithm("gf").eta(2).steps(40).metricsEvery(1).checkpointEvery(2).build();
        OptimizerFactory tight = (s, m) -> dev.eos.optim.Optimizers.create("gf", m, s.eta(),
                dev.eos.optim.Optimizers.Settings.defaults().withGf(
                        dev.eos.ode.GradientFlowIntegrator.Options.defaults().withMaxSubsteps(30)));
        RunResult r = new RunEngine(new ModelProblems(), tight, (s, m) -> Meters.none())
                .start(spec, dir, RunListener.NONE, new StopToken());
        assertEquals(RunStatus.DIVERGED, r.status(), r.message());
        assertEquals(3, r.status().exitCode());
        long failed = r.step() - 1;
        assertTrue(failed >= 3 && failed < 40, "the budget runs out once the flow has sharpened, step " + failed);
        assertTrue(r.message().startsWith("stopped at step " + failed + ": gradient flow could not advance time eta"
                + " = 2.0 within its budget of 30 substeps"), r.message());
        CsvReader.Table t = CsvReader.read(dir.resolve("metrics.csv"));
        assertEquals(failed, t.rows(), "one row per completed step, none for the failed one");
        for (int i = 0; i < t.rows(); i++) {
            assertEquals(i, t.column("step")[i]);
            assertEquals(2.0, t.column("eta_eff")[i], "every recorded step advanced time eta");
            assertTrue(Double.isFinite(t.column("loss")[i]));
        }
        Checkpoint c = CheckpointFile.read(dir);
        assertTrue(c.step() <= failed && c.step() % 2 == 0, "checkpoint at " + c.step());
        assertFalse(Files.exists(dir.resolve("final.npy")));
        assertEquals(RunStatus.DIVERGED, RunDirectory.status(dir));
    }
}
