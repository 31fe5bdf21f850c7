package dev.eos.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.io.CsvReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: the phase-2 start replans the metric schedule (a horizon run's end becomes known); when it fell on the
 * partner t+1 of a pair row t opened under the old schedule, the new schedule had no row at t+1 and the recorder
 * failed with "pair row t followed by t'". The partner row is now always taken (found by ./eos validate, alignment).
 */
class PhaseStartReplanTest {

    @TempDir
    Path tmp;

    @Test
    void aPairPendingAtThePhaseTwoStartGetsItsPartnerRow() throws Exception {
        // log points planned over max-steps before phase 2, over t_0 + floor(T2/eta^2) after it: they differ at t_0
        RunSpec spec = RunSpec.builder().model(ModelConfig.of("toy3d").with("seed", 1L).with("init-scale", 0.2))
                .algorithm("sqrt").eta(0.01).horizon(1.0).seed(1).metricsEvery(100).phiEvery(50).logPoints(40)
                .lastSteps(2).phaseEvery(1).checkpointSeconds(0).build();
        RunResult r = RunEngine.standard().start(spec, tmp.resolve("run"), RunListener.NONE, new StopToken());
        assertEquals(RunStatus.COMPLETED, r.status(), r.message());
        CsvReader.Table t = CsvReader.read(tmp.resolve("run").resolve(RunDirectory.METRICS));
        double[] step = t.column("step");
        boolean[] pair = t.presence("sqrt_loss_pair_ratio");
        for (int i = 1; i < step.length; i++) {
            assertTrue(step[i] > step[i - 1], "rows in step order");
        }
        for (int i = 0; i < step.length; i++) {
            if (pair[i]) {
                assertTrue(i + 1 < step.length && step[i + 1] == step[i] + 1, "a pair row at " + step[i]
                        + " is followed by its partner");
            }
        }
    }
}
