package dev.eos.run;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the current thread, for timing tests on a shared machine: with more runnable threads than cores, wall
 * time includes the time a thread waits for a core, CPU time does not (JIT compiler threads are not counted).
 */
final class CpuClock {

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private CpuClock() {
    }

    /** CPU seconds used by this thread so far. */
    static double seconds() {
        return MX.getCurrentThreadCpuTime() / 1e9;
    }
}
