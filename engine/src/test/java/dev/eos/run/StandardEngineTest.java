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
        checkEdgeOfStability(t, r.phase2Start(), 0.02);

        Path dir = tmp.resolve("resumed");
        StopToken token = new StopToken();
        // stop at the first progress beat past step 2200, or at the checkpoint of step 3000 at the latest: beats are
        // spaced by wall time, so on a fast run the first beat past 2200 may come after the end (4000)
        RunListener progress = ResumeTest.stopAfter(token, 2200);
        RunListener stopper = new RunListener() {
            @Override
            public void onProgress(Progress p) {
                progress.onProgress(p);
            }

            @Override
            public void onCheckpoint(long step) {
                if (step >= 2200) {
                    token.requestStop("test");
                }
            }
        };
        RunResult s = RunEngine.standard().start(spec(), dir, stopper, token);
        assertEquals(RunStatus.STOPPED, s.status(), s.message());
        assertTrue(s.step() > r.phase2Start(), "stopped in phase 2, with the flow running");
        assertEquals(RunStatus.COMPLETED, RunEngine.standard().resume(dir, RunListener.NONE, new StopToken())
                .status());
        ResumeTest.assertSameRun(ref, dir);
    }

    /**
     * THEORY 4.4, Thm 4.7, on the expensive rows of phase 2 (eta = 0.02; theta is O(eta), observed ~0.015):
     * 1/S_t + 1/S_{t+1} = 1 + O(theta + eta) and (sqrt L_t + sqrt L_{t+1}) / (eta sqrt(lambda_1/2)) = 1 + O(theta +
     * eta), both within 0.05 (observed below 0.015); one step of each pair at stableness &ge; 2 - O(theta + eta), here
     * &ge; 1.9 (observed 2.4-2.6); theta &le; 3 eta.
     */
    static void checkEdgeOfStability(CsvReader.Table t, long t0, double eta) {
        double[] step = t.column("step");
        double[] s = t.column("stableness");
        int pairs = 0;
        for (int i = 0; i + 1 < t.rows(); i++) {
            if (step[i] <= t0 || !t.presence("inv_stableness_pair")[i]) {
                continue;
            }
            pairs++;
            assertEquals(1, t.column("inv_stableness_pair")[i], 0.05, "at step " + step[i]);
            assertEquals(1, t.column("sqrt_loss_pair_ratio")[i], 0.05, "at step " + step[i]);
            assertTrue(Math.max(s[i], s[i + 1]) >= 1.9, "edge of stability at step " + step[i]);
            assertTrue(t.column("theta")[i] <= 3 * eta && t.column("theta")[i + 1] <= 3 * eta);
        }
        assertTrue(pairs >= 3, "pairs " + pairs);
    }

    @Test
    void sqrtRunsMeasureTheSqrtStableness() throws Exception {
        Path dir = tmp.resolve("sqrt");
        RunSpec spec = spec().toBuilder().algorithm("sqrt").steps(1200).flow(false).build();
        RunResult r = RunEngine.standard().start(spec, dir, RunListener.NONE, new StopToken());
        assertEquals(RunStatus.COMPLETED, r.status(), r.message());
        CsvReader.Table t = CsvReader.read(dir.resolve("metrics.csv"));
        int rows = 0;
        for (int i = 0; i < t.rows(); i++) {
            if (t.column("step")[i] > r.phase2Start() && t.presence("stableness_sqrt")[i]) {
                rows++;
                // THEORY 4.4, Thm 4.8(1): S_sqrt >= Omega(1/theta), far above 2 in phase 2 (observed 35 - 2000)
                assertTrue(t.column("stableness_sqrt")[i] > 2, "S_sqrt " + t.column("stableness_sqrt")[i]);
                assertTrue(t.presence("theta")[i], "theta from the top-M pairs at Phi");
            }
        }
        assertTrue(rows >= 2, "rows " + rows);
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
