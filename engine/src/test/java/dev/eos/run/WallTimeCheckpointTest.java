package dev.eos.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.models.Model;
import dev.eos.optim.Optimizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints every few minutes of wall time (issue 5): {@link RunSpec#checkpointSeconds()} (default 300 s) writes a
 * checkpoint once that much wall time has passed since the last one, whatever the step count. A slow optimizer (a
 * pause of 0.2 ms per step) makes 1000 steps last at least 0.2 s; with 0.03 s between wall-time checkpoints and
 * step-count checkpoints off, the run must checkpoint mid-way several times, and never with wall-time checkpoints
 * off.
 */
class WallTimeCheckpointTest {

    @TempDir
    Path tmp;

    /** SimpleOptimizer slowed down by a 0.2 ms pause per step. */
    private static OptimizerFactory slow() {
        return (spec, model) -> {
            Optimizer inner = SimpleOptimizer.factory().create(spec, model);
            return new Optimizer() {
                @Override
                public String name() {
                    return inner.name();
                }

                @Override
                public Model model() {
                    return inner.model();
                }

                @Override
                public double eta() {
                    return inner.eta();
                }

                @Override
                public void step(double[] x) {
                    inner.step(x);
                    LockSupport.parkNanos(200_000);
                }

                @Override
                public double lastLoss() {
                    return inner.lastLoss();
                }

                @Override
                public double lastGradNorm() {
                    return inner.lastGradNorm();
                }

                @Override
                public double lastEtaEff() {
                    return inner.lastEtaEff();
                }

                @Override
                public long steps() {
                    return inner.steps();
                }

                @Override
                public long[] state() {
                    return inner.state();
                }

                @Override
                public void restore(long[] state) {
                    inner.restore(state);
                }
            };
        };
    }

    /** The steps of the checkpoints written strictly inside the run (not at step 0 or at the end). */
    private List<Long> midRunCheckpoints(double seconds, String name) throws IOException {
        RunSpec spec = RunSpec.builder().model(ModelConfig.of("toy2d")).algorithm("ngd").eta(0.01).steps(1000)
                .metricsEvery(0).checkpointEvery(0).checkpointSeconds(seconds).build();
        List<Long> steps = new ArrayList<>();
        RunListener l = new RunListener() {
            @Override
            public void onCheckpoint(long step) {
                if (step > 0 && step < 1000) {
                    steps.add(step);
                }
            }
        };
        RunResult r = new RunEngine(TestKit::problem, slow(), TestKit::meters).start(spec, tmp.resolve(name), l,
                new StopToken());
        assertEquals(RunStatus.COMPLETED, r.status(), r.message());
        assertTrue(r.session().totalSeconds() >= 0.2, "the slow steps take >= 0.2 s");
        return steps;
    }

    @Test
    void checkpointsFollowWallTime() throws IOException {
        assertEquals(300, RunSpec.builder().model(ModelConfig.of("toy2d")).algorithm("ngd").eta(0.01).steps(1).build()
                .checkpointSeconds(), "default: every 5 minutes");
        // >= 0.2 s of steps, one checkpoint per >= 0.03 s seen at heartbeats ~50 ms apart: about 3-6; 2 leaves
        // room for a slow machine stretching the heartbeats, and 0 would mean the rule is not there
        List<Long> on = midRunCheckpoints(0.03, "on");
        assertTrue(on.size() >= 2, "wall-time checkpoints at " + on);
        assertTrue(midRunCheckpoints(0, "off").isEmpty(), "no wall-time checkpoints when off");
    }
}
