package dev.eos.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No evaluator call allocates after warm-up (workspaces own every buffer). Measured with the HotSpot per-thread
 * allocation counter, on the scalar kernels: that isolates the models' own code. (Whether the Vector API kernels box
 * vectors depends on C2's inlining decisions inside the kernels, which are the kernels' concern: with the kernels on
 * main, a dot product called from inside gemv or gemmNT can box its accumulator when sumLanes is not inlined.)
 */
class AllocationTest {

    static List<ModelCases.Case> cases() {
        return ModelCases.all();
    }

    static Evaluator onScalarKernels(Model m) {
        Kernels k = KernelProvider.scalar();
        return switch (m) {
            case Quadratic q -> q.evaluator(k);
            case DeepLinear d -> d.evaluator(k);
            case SymmetricFactorization f -> f.evaluator(k);
            case MatrixSensing s -> s.evaluator(k);
            default -> m.evaluator(); // the toys use no kernels
        };
    }

    /** Every evaluator call at x, once. */
    static Runnable everyCall(Evaluator ev, double[] x) {
        int n = x.length;
        int k = 3;
        double[] v = ModelCases.gaussian(k * n, 1, 1);
        double[] g = new double[n], hv = new double[n], out = new double[k * n];
        LeastSquaresEvaluator ls = ev instanceof LeastSquaresEvaluator l ? l : null;
        double[] r = ls == null ? null : new double[ls.outputDim()];
        return () -> {
            ev.loss(x);
            ev.lossAndGradient(x, g);
            ev.hvp(x, v, hv);
            ev.gradientAndHvp(x, v, g, hv);
            ev.hvpBatch(x, v, k, out);
            ev.curvatureGradient(x, v, hv);
            SymmetricOperator op = ev.hessianAt(x);
            op.apply(v, hv);
            op.applyBatch(v, k, out);
            if (ls != null) {
                ls.residual(x, r);
                ls.jvp(x, v, r);
                ls.vjp(x, r, g);
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluatorCallsDoNotAllocate(ModelCases.Case c) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Runnable all = everyCall(onScalarKernels(c.model()), c.x());
        long before = 0;
        long after = 0;
        // warm up (class initialisation, first-call paths), then measure; retry a few rounds in case a JIT
        // compilation lands in a measurement window
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 200; i++) {
                all.run();
            }
            before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 50; i++) {
                all.run();
            }
            after = mx.getCurrentThreadAllocatedBytes();
            if (after == before) {
                break;
            }
        }
        assertEquals(0, after - before, "bytes allocated by 50 rounds of every evaluator call");
    }

    /**
     * A deep linear network split into 3 segments on 3 threads ({@link DeepLinear#withThreads}): neither the caller
     * nor the team's workers allocate in any call once warmed up (the workers park between calls and keep running
     * while calls come faster than their idle timeout).
     */
    @Test
    void threadedDeepLinearCallsDoNotAllocate() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        DeepLinear m = DeepLinear.random(new int[] {96, 40, 48, 24}, new double[] {1.5, 1, 0.5}, 3).withThreads(3);
        DeepLinearEvaluator ev = new DeepLinearEvaluator(m, KernelProvider.scalar(), 3);
        Runnable all = everyCall(ev, m.randomStart(2, 1));
        long self = 0;
        long workers = 0;
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 100; i++) {
                all.run(); // warm-up (C2); starts the workers
            }
            assertEquals(2, ev.team().liveWorkers());
            List<Long> ids = new ArrayList<>();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith("eos-worker-") && t.isAlive()) {
                    ids.add(t.threadId());
                }
            }
            assertTrue(ids.size() >= 2, "worker threads " + ids);
            long[] before = new long[ids.size()];
            for (int i = 0; i < before.length; i++) {
                before[i] = mx.getThreadAllocatedBytes(ids.get(i));
            }
            long start = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 30; i++) {
                all.run();
            }
            self = mx.getCurrentThreadAllocatedBytes() - start;
            workers = 0;
            for (int i = 0; i < before.length; i++) {
                long after = mx.getThreadAllocatedBytes(ids.get(i));
                if (after > 0 && before[i] >= 0) {
                    workers += after - before[i]; // workers of other teams (other tests) count too: they must be 0
                }
            }
            if (self == 0 && workers == 0) {
                break;
            }
        }
        assertEquals(0, self, "bytes the caller allocated in 30 rounds of every call");
        assertEquals(0, workers, "bytes the workers allocated in 30 rounds of every call");
    }
}
