package dev.eos.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.io.CsvReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Phase detection, the horizon, the flow and the pair metrics on toy2d (THEORY 6.4), whose Gamma = {y = 0} has a
 * one-dimensional normal space, so theta = 0 and the EoS identities of THEORY 4.4 hold up to O(eta).
 */
class PhaseAndPairsTest {

    @TempDir
    Path tmp;

    static RunSpec spec(String algo) {
        return RunSpec.builder().model(ModelConfig.of("toy2d")).algorithm(algo).eta(0.01).horizon(0.5)
                .metricsEvery(50).phiEvery(250).lastSteps(4).flow(true).phaseEvery(1).build();
    }

    @Test
    void ngdPhaseTwoStartsNearGammaAndTheHorizonCountsFromThere() throws Exception {
        Path dir = tmp.resolve("ngd");
        RunResult r = TestKit.engine().start(spec("ngd"), dir, RunListener.NONE, new StopToken());
        assertEquals(RunStatus.COMPLETED, r.status(), r.message());
        long t0 = r.phase2Start();
        // from (1, 0.05) at distance ~0.05 from Gamma, NGD moves eta = 0.01 per step: within 2 eta after ~3 steps
        assertTrue(t0 >= 1 && t0 <= 10, "phase-2 start " + t0);
        assertEquals(t0 + 5000, r.step(), "horizon 0.5 / 0.01^2 = 5000 steps after phase 2 starts");
        assertEquals(t0, RunDirectory.runJson(dir).get("phase2_start").asLong());
        assertEquals(t0 + 5000, RunDirectory.runJson(dir).get("end").asLong());

        CsvReader.Table t = CsvReader.read(dir.resolve("metrics.csv"));
        double[] step = t.column("step");
        double[] phase = t.column("phase");
        for (int i = 0; i < t.rows(); i++) {
            assertEquals(step[i] >= t0 ? 2 : 1, (int) phase[i], "phase at step " + step[i]);
        }
        checkPairs(t, t0);
    }

    @Test
    void sqrtPairRatioUsesItsOwnPrediction() throws Exception {
        Path dir = tmp.resolve("sqrt");
        RunResult r = TestKit.engine().start(spec("sqrt"), dir, RunListener.NONE, new StopToken());
        assertEquals(RunStatus.COMPLETED, r.status(), r.message());
        checkPairs(CsvReader.read(dir.resolve("metrics.csv")), r.phase2Start());
    }

    @Test
    void horizonRunsAreCappedByMaxSteps() throws Exception {
        RunSpec capped = spec("ngd").toBuilder().maxSteps(1000).build();
        RunResult r = TestKit.engine().start(capped, tmp.resolve("cut"), RunListener.NONE, new StopToken());
        assertEquals(1000, r.step());
        assertTrue(r.message().contains("the horizon was cut at max-steps = 1000"), r.message());
        RunEngine blind = new RunEngine(TestKit::problem, SimpleOptimizer.factory(), (s, m) -> Meters.none());
        RunResult never = blind.start(capped, tmp.resolve("never"), RunListener.NONE, new StopToken());
        assertEquals(RunStatus.COMPLETED, never.status());
        assertEquals(-1, never.phase2Start());
        assertTrue(never.message().contains("phase 2 never started"), never.message());
        assertTrue(RunDirectory.runJson(tmp.resolve("never")).get("end").isNull(), "end unknown without phase 2");
    }

    /**
     * In phase 2 (after a burn-in of 1000 steps for the 2-cycle to settle): 1/S_t + 1/S_{t+1} = 1 + O(eta) and
     * (sqrt L_t + sqrt L_{t+1}) / prediction = 1 + O(eta) (THEORY 4.4 with theta = 0), and the iterate tracks the
     * limiting flow, ||Phi(x_t) - X(tau)|| = O(eta) (THEORY 4.2). At eta = 0.01 the observed deviations are about
     * 1e-4 (pairs) and 1e-5 (flow); the bounds eta = 0.01 allow an O(eta) constant of 1 and would catch a wrong
     * prediction (a factor sqrt 2 or 2) or a wrong flow constant (THEORY 6.4: X(1) moves by ~0.1).
     */
    static void checkPairs(CsvReader.Table t, long t0) {
        double[] step = t.column("step");
        int pairs = 0;
        for (int i = 0; i < t.rows(); i++) {
            if (step[i] < t0 + 1000) {
                continue;
            }
            if (t.presence("inv_stableness_pair")[i]) {
                pairs++;
                double inv = t.column("inv_stableness_pair")[i];
                double ratio = t.column("sqrt_loss_pair_ratio")[i];
                assertEquals(1, inv, 0.01, "1/S_t + 1/S_t+1 at step " + step[i]);
                assertEquals(1, ratio, 0.01, "sqrt-loss pair ratio at step " + step[i]);
            }
            if (t.presence("flow_dist")[i]) {
                assertTrue(t.column("flow_dist")[i] < 0.01, "flow_dist " + t.column("flow_dist")[i]);
                double sharpAtPhi = t.column("sharpness_at_phi")[i];
                assertEquals(sharpAtPhi, t.column("flow_sharpness")[i], 0.01 * sharpAtPhi);
            }
        }
        assertTrue(pairs >= 15, "pairs checked: " + pairs);
    }
}
