package dev.eos.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Once warmed up, the kernels allocate nothing per call, for every kernel and shape (gemm's buffers are the thread's
 * workspace, grown once; no Vector API value is boxed). The warm-up interleaves every kernel and shape, as a model
 * does (one profile for all shapes, which is what made C2 compile boxing paths before), then each (kernel, shape) is
 * measured with the thread's allocation counter over 50 calls. The interpreter and C1 box Vector API values, and a
 * deoptimisation sends a method back there until C2 recompiles it, so a case that allocated is warmed again and
 * re-measured (bounded at 60 s in all; on a loaded machine the compile queue is slow): a case fails only if it still
 * allocates then.
 */
class NoAllocationTest {

    private record Case(String name, Runnable call) {
    }

    @Test
    void warmKernelsDoNotAllocateAtAnyShape() {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<Case> cases = cases(KernelProvider.get());
        for (int round = 0; round < 3; round++) { // interleaved warm-up
            for (Case c : cases) {
                for (int i = 0; i < 300; i++) {
                    c.call().run();
                }
            }
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        StringBuilder report = new StringBuilder();
        for (Case c : cases) {
            long allocated = measure(bean, c);
            while (allocated > 0 && System.nanoTime() < deadline) {
                for (int i = 0; i < 2000; i++) {
                    c.call().run();
                }
                allocated = measure(bean, c);
            }
            if (allocated > 0) {
                report.append(' ').append(c.name()).append(": ").append(allocated / 50).append(" B/call;");
            }
        }
        assertTrue(report.isEmpty(), () -> "warm kernels allocate:" + report);
    }

    private static long measure(com.sun.management.ThreadMXBean bean, Case c) {
        long before = bean.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 50; i++) {
            c.call().run();
        }
        return bean.getCurrentThreadAllocatedBytes() - before;
    }

    /** Every kernel on awkward sizes: 1, lanes +- 1, 13, 100, 207, primes, fewer than 4 rows, rectangles, narrow B. */
    private static List<Case> cases(Kernels k) {
        Random r = new Random(4);
        int l = k.lanes(), big = 320;
        double[] a = KernelPathsTest.random(r, big * big), b = KernelPathsTest.random(r, big * big);
        double[] c = new double[big * big], x = KernelPathsTest.random(r, big * big), y = new double[big * big];
        List<Case> cases = new ArrayList<>();
        int[][] gemmShapes = {{1, 1, 1}, {l - 1 > 0 ? l - 1 : 1, l + 1, l}, {3, 13, 8}, {13, 13, 13}, {2, 100, 64},
            {8, 8, 8}, {32, 32, 32}, {37, 4 * l + 3, 29}, {64, 64, 64}, {1, 207, 100}, {5, 300, 70}, {100, 7, 90},
            {207, 100, 13}, {130, 130, 130}, {300, 5, 3},
            // the narrow-B path (n <= 4): sensing's block, k past one 256-deep panel, a partial strip, a tall m
            {12, 2, 824}, {17, 4, 300}, {2 * l + 1, 3, 257}, {1031, 1, 99}};
        for (int[] s : gemmShapes) {
            int m = s[0], n = s[1], kk = s[2];
            String shape = m + "x" + n + "x" + kk;
            cases.add(new Case("gemm " + shape, () -> k.gemm(m, n, kk, 1.0, a, 0, kk, b, 0, n, 0.0, c, 0, n)));
            cases.add(new Case("gemm alpha " + shape,
                    () -> k.gemm(m, n, kk, 0.5, a, 0, kk, b, 0, n, 1.0, c, 0, n)));
            cases.add(new Case("gemmNT " + shape, () -> k.gemmNT(m, n, kk, 1.0, a, 0, kk, b, 0, kk, 0.0, c, 0, n)));
            cases.add(new Case("gemmTN " + shape,
                    () -> k.gemmTN(m, n, kk, 1.0, a, 0, m, b, 0, n, -1.0, c, 0, n)));
        }
        int[][] gemvShapes = {{1, 1}, {l - 1 > 0 ? l - 1 : 1, l + 1}, {3, 13}, {13, 13}, {100, 207}, {207, 100},
            {257, 300}, {20, 1000}, {1000, 20}};
        for (int[] s : gemvShapes) {
            int m = s[0], n = s[1];
            String shape = m + "x" + n;
            cases.add(new Case("gemv " + shape, () -> k.gemv(m, n, 1.0, a, 0, n, x, 0, 0.0, y, 0)));
            cases.add(new Case("gemv beta " + shape, () -> k.gemv(m, n, -2.0, a, 0, n, x, 0, 0.5, y, 0)));
            cases.add(new Case("gemvT " + shape, () -> k.gemvT(m, n, 1.0, a, 0, n, x, 0, 0.5, y, 0)));
            cases.add(new Case("gemvT beta0 " + shape, () -> k.gemvT(m, n, 2.0, a, 0, n, x, 0, 0.0, y, 0)));
        }
        for (int n : new int[] {1, l - 1, l + 1, 13, 100, 207, 1023, 4098}) {
            cases.add(new Case("dot+nrm2 " + n, () -> y[0] = k.dot(n, x, 1, a, 0) + k.nrm2(n, x, 0)));
            cases.add(new Case("axpy+axpby+scal " + n, () -> {
                k.axpy(n, 1e-3, x, 0, y, 1);
                k.axpby(n, 0.5, x, 0, 0.9, y, 1);
                k.scal(n, 1.0, y, 1);
            }));
            cases.add(new Case("ger 3x" + n, () -> k.ger(3, n, 1e-9, x, 0, x, 3, y, 0, n)));
        }
        return cases;
    }
}
