package dev.eos.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Matrix sensing on several threads ({@link MatrixSensing#withThreads}): each pass over the measurements is cut into
 * fixed segments whose partial sums are added in a fixed order, so every evaluator output is bit-identical for
 * T = 1, 2 and 4; the workers allocate nothing per call after warm-up, and a {@link WorkerTeam}'s idle workers exit.
 */
class SensingThreadsTest {

    /**
     * d = 24 (P = 300, rows of 304 doubles, blocks of 40 measurements), m = 900: 23 blocks in 8 segments, big enough
     * for threads (m ld = 273,600 doubles); Gram mode (P &le; m).
     */
    static MatrixSensing model() {
        return MatrixSensing.random(900, 24, 3, 3, 21);
    }

    /** Every evaluator output at one seeded point and five seeded directions ({@link ModelCases#everyOutput}). */
    static double[] everything(MatrixSensing m) {
        int n = m.dim();
        return ModelCases.everyOutput(m.evaluator(), ModelCases.gaussian(n, 0.5, 3), ModelCases.gaussian(5 * n, 1, 4),
                5);
    }

    @Test
    void everyOutputIsBitIdenticalForAnyThreadCount() {
        MatrixSensing gram = model();
        assertTrue(gram.usesGram());
        for (MatrixSensing m : new MatrixSensing[] {gram, gram.direct()}) {
            assertEquals(8, ((MatrixSensingEvaluator) m.evaluator()).segments());
            double[] one = everything(m);
            for (int t : new int[] {2, 4}) {
                MatrixSensing mt = m.withThreads(t);
                assertEquals(t, mt.threads());
                assertEquals(t, ((MatrixSensingEvaluator) mt.evaluator()).team().size());
                ModelCases.sameBits(one, everything(mt), (m.usesGram() ? "Gram" : "direct") + " mode, T = " + t);
            }
        }
    }

    @Test
    void workersRunTheSegmentsAndAllocateNothingPerCall() {
        MatrixSensing m = model().withThreads(4);
        // scalar kernels, as in AllocationTest: whether the Vector API kernels box depends on C2's inlining inside them
        MatrixSensingEvaluator ev = (MatrixSensingEvaluator) m.evaluator(dev.eos.kernels.KernelProvider.scalar());
        double[] x = ModelCases.gaussian(m.dim(), 0.5, 3), g = new double[m.dim()];
        for (int i = 0; i < 2000; i++) {
            ev.lossAndGradient(x, g); // warm-up (C2); starts the workers
        }
        assertEquals(3, ev.team().liveWorkers());
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<Long> ids = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("eos-worker-") && t.isAlive()) {
                ids.add(t.threadId());
            }
        }
        assertTrue(ids.size() >= 3, "worker threads " + ids);
        long[] before = new long[ids.size()];
        for (int i = 0; i < before.length; i++) {
            before[i] = mx.getThreadAllocatedBytes(ids.get(i));
        }
        long self = mx.getCurrentThreadAllocatedBytes();
        long busy = 0;
        for (int i = 0; i < 200; i++) {
            ev.lossAndGradient(x, g);
        }
        assertEquals(0, mx.getCurrentThreadAllocatedBytes() - self, "caller allocated");
        for (int i = 0; i < before.length; i++) {
            long after = mx.getThreadAllocatedBytes(ids.get(i));
            if (after > 0) {
                busy += after - before[i];
            }
        }
        assertEquals(0, busy, "workers allocated over 200 calls");
    }

    @Test
    void tasksRunOnTheirMembersAndIdleWorkersExit() {
        // idle timeout 1 s: long enough that the two workers are still alive when run() returns, even on a loaded
        // machine (50 ms was once exceeded between run() and liveWorkers()), short enough to watch them exit
        WorkerTeam team = new WorkerTeam(3, 1_000_000_000L);
        long[] out = new long[7];
        String[] who = new String[7];
        team.run(7, i -> {
            out[i] = i * 10L;
            who[i] = Thread.currentThread().getName();
        });
        for (int i = 0; i < 7; i++) {
            assertEquals(i * 10L, out[i]);
            assertEquals(who[i % 3], who[i], "task " + i + " runs on member " + i % 3);
        }
        assertEquals(Thread.currentThread().getName(), who[0], "member 0 is the caller");
        assertEquals(2, team.liveWorkers());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (team.liveWorkers() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000L);
        }
        assertEquals(0, team.liveWorkers(), "idle workers exit");
        long[] again = new long[5];
        team.run(5, i -> again[i] = i + 1);
        assertArrayEquals(new long[] {1, 2, 3, 4, 5}, again, "a new job starts new workers");
    }
}
