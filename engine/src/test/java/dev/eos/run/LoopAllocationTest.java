package dev.eos.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The step loop allocates nothing per step: a run 10x longer allocates (almost) no more than a short one. */
class LoopAllocationTest {

    @TempDir
    Path tmp;

    private long allocatedBy(long steps, String name) throws Exception {
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        RunSpec spec = RunSpec.builder().model(ModelConfig.of("toy2d")).algorithm("ngd").eta(1e-3).steps(steps)
                .metricsEvery(0).build();
        RunEngine engine = new RunEngine(TestKit::problem, SimpleOptimizer.factory(), (s, m) -> Meters.none());
        long before = mx.getCurrentThreadAllocatedBytes();
        RunResult r = engine.start(spec, tmp.resolve(name), RunListener.NONE, new StopToken());
        long bytes = mx.getCurrentThreadAllocatedBytes() - before;
        assertEquals(RunStatus.COMPLETED, r.status());
        return bytes;
    }

    @Test
    void noAllocationPerStep() throws Exception {
        allocatedBy(2_000_000, "warm"); // JIT warm-up: the interpreter and OSR transitions allocate
        long small = allocatedBy(1_000_000, "small");
        long large = allocatedBy(10_000_000, "large");
        // 9e6 more steps; the difference is setup noise and a few more progress heartbeats (a Progress record each,
        // at most a few hundred), far below one byte per 1000 steps
        assertTrue(large - small < 9_000, "extra bytes for 9e6 more steps: " + (large - small)
                + " (short run " + small + ")");
    }
}
