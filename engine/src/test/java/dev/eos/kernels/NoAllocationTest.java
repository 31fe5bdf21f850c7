package dev.eos.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Once warmed up, the hot kernels allocate nothing per call: gemm's packing buffers are the thread's workspace,
 * grown once. Measured with the thread's allocation counter over 100 calls of each kernel after JIT warm-up. The
 * interpreter and C1 box Vector API values, so warm-up repeats until C2 has compiled every method the kernel calls
 * (usually well under a second; bounded at 60 s per kernel, since on a loaded machine the compile queue is slow).
 */
class NoAllocationTest {

    @Test
    void warmKernelsDoNotAllocate() {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Kernels k = KernelProvider.get();
        Random r = new Random(4);
        int n = 300, s = 24;
        double[] a = KernelPathsTest.random(r, n * n), b = KernelPathsTest.random(r, n * n), c = new double[n * n];
        double[] x = KernelPathsTest.random(r, n), y = new double[n];
        String[] names = {"gemm blocked", "gemmNT small", "gemmTN small", "gemv", "gemvT", "dot+nrm2", "axpy"};
        Runnable[] calls = {
            () -> k.gemm(n, n, 70, 1.0, a, 0, n, b, 0, n, 0.0, c, 0, n),
            () -> k.gemmNT(s, s, s, 0.5, a, 0, s, b, 0, s, 1.0, c, 0, s),  // alpha copy + transposed B
            () -> k.gemmTN(s, s, s, 1.0, a, 0, s, b, 0, s, 0.0, c, 0, s),  // in place, a masked edge
            () -> k.gemv(n, n - 3, 1.0, a, 0, n, x, 0, 0.0, y, 0),
            () -> k.gemvT(n, n, 1.0, a, 0, n, x, 0, 0.5, y, 0),
            () -> y[0] = k.dot(n, x, 0, y, 0) + k.nrm2(n, x, 0),
            () -> k.axpy(n, 1e-3, x, 0, y, 0),
        };
        StringBuilder report = new StringBuilder();
        for (int q = 0; q < calls.length; q++) {
            long allocated = Long.MAX_VALUE;
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (allocated > 0 && System.nanoTime() < deadline) {
                for (int i = 0; i < 1000; i++) {
                    calls[q].run();
                }
                long before = bean.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 100; i++) {
                    calls[q].run();
                }
                allocated = bean.getCurrentThreadAllocatedBytes() - before;
            }
            if (allocated > 0) {
                report.append(' ').append(names[q]).append(": ").append(allocated / 100).append(" B/call");
            }
        }
        assertTrue(report.isEmpty(), () -> "warm kernels allocate:" + report);
    }
}
