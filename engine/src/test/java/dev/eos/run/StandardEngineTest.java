package dev.eos.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.io.CsvReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine over the merged components (models, optimizers, Lanczos, Phi, manifold distance, limiting flow) on a
 * square deep linear net N = 3, d = 3 (a non-degenerate Gamma, THEORY 6.1): a complete run with every metric
 * family, and a stopped-and-resumed run that must be bit-identical to it.
 */
class StandardEngineTest {

    @TempDir
    Path tmp;

    static RunSpec spec() {
        return RunSpec.builder().model(ModelConfig.of("deep-linear").with("depth", 3).with("width", 3)
                .with("init-scale", 1.0)).algorithm("ngd").eta(0.02).steps(4000).seed(3).metricsEvery(50)
                .phiEvery(1000).lastSteps(2).checkpointEvery(1500).flow(true).build();
    }

    @Test
    void runsResumesAndMeasuresWithTheRealComponents() throws Exception {
        Path ref = tmp.resolve("ref");
        RunResult r = RunEngine.standard().start(spec(), ref, RunListener.NONE, new StopToken());
        assertEquals(RunStatus.COMPLETED, r.status(), r.message());
        assertTrue(r.phase2Start() > 0 && r.phase2Start() < 2000, "phase 2 at " + r.phase2Start());

        CsvReader.Table t = CsvReader.read(ref.resolve("metrics.csv"));
        double[] step = t.column("step");
        int flowRows = 0;
        for (int i = 0; i < t.rows(); i++) {
            assertTrue(t.presence("sharpness")[i], "sharpness on every row");
            if (t.presence("flow_dist")[i]) {
                flowRows++;
                assertTrue(step[i] >= r.phase2Start());
                // Phase II: Phi(x_t) tracks X(tau) to O(eta) (THEORY 4.2); 0.02 here, so 5 eta = 0.1 is loose
                assertTrue(t.column("flow_dist")[i] < 5 * 0.02, "flow_dist " + t.column("flow_dist")[i]);
                double sp = t.column("sharpness_at_phi")[i];
                assertEquals(sp, t.column("flow_sharpness")[i], 5 * 0.02 * sp, "lambda_1 on Gamma vs the flow's");
                // distance of the iterate from Gamma is Theta(eta) in Phase II (THEORY 4.6 #3)
                assertTrue(t.column("dist_to_phi")[i] < 2 * 0.02, "dist_to_phi " + t.column("dist_to_phi")[i]);
            }
        }
        assertTrue(flowRows >= 4, "flow rows: " + flowRows);

        Path dir = tmp.resolve("resumed");
        StopToken token = new StopToken();
        RunResult s = RunEngine.standard().start(spec(), dir, ResumeTest.stopAfter(token, 2200), token);
        assertEquals(RunStatus.STOPPED, s.status(), s.message());
        assertTrue(s.step() > r.phase2Start(), "stopped in phase 2, with the flow running");
        assertEquals(RunStatus.COMPLETED, RunEngine.standard().resume(dir, RunListener.NONE, new StopToken())
                .status());
        ResumeTest.assertSameRun(ref, dir);
    }

    @Test
    void refusesTheFlowOnADegenerateManifold() {
        RunSpec wide = spec().toBuilder().model(ModelConfig.of("deep-linear").with("depth", 3).with("width", 3)
                .with("target-rank", 1)).build();
        InvalidRunException e = assertThrows(InvalidRunException.class, () -> RunEngine.standard().start(wide,
                tmp.resolve("wide"), RunListener.NONE, new StopToken()));
        assertTrue(e.getMessage().startsWith("--flow: the limiting flow is not defined"), e.getMessage());
    }
}
