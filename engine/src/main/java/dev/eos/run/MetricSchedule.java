package dev.eos.run;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * Which steps t &lt; end get a metrics row, and which of those rows carry the expensive metrics. A pure function of
 * the spec's schedule and the run's last step {@code end} (rows describe x_t before step t+1, so t = end has none).
 *
 * <ul>
 *   <li>Cheap rows: t a multiple of metricsEvery (K &gt; 0).</li>
 *   <li>Expensive base steps: t a multiple of phiEvery; the log points t_k = round(end^(k/(N-1))) - 1,
 *       k = 0..N-1 (t + 1 log-spaced from 1 to end; for N = 1 only t = end - 1); the last lastSteps steps.</li>
 *   <li>Pairs: each expensive base step t also makes t+1 expensive, so that row t can carry the pair metrics
 *       1/S_t + 1/S_{t+1} and (sqrt L_t + sqrt L_{t+1}) / prediction (THEORY 4.4). Row t carries them whenever rows t
 *       and t+1 are both expensive.</li>
 *   <li>Every expensive row is also a full cheap row.</li>
 * </ul>
 */
final class MetricSchedule {

    private final long end;
    private final long metricsEvery;
    private final long phiEvery;
    private final long lastStart;
    private final long[] logPoints;

    MetricSchedule(RunSpec spec, long end) {
        this(end, spec.metricsEvery(), spec.phiEvery(), spec.logPoints(), spec.lastSteps());
    }

    MetricSchedule(long end, long metricsEvery, long phiEvery, int logPoints, int lastSteps) {
        this.end = end;
        this.metricsEvery = metricsEvery;
        this.phiEvery = phiEvery;
        this.lastStart = Math.max(0, end - lastSteps);
        this.logPoints = logPoints(end, logPoints);
    }

    /** The log-spaced steps t_k = round(end^(k/(N-1))) - 1 (deduplicated, ascending, all &lt; end). */
    static long[] logPoints(long end, int n) {
        if (n <= 0 || end <= 0) {
            return new long[0];
        }
        if (n == 1) {
            return new long[] {end - 1};
        }
        TreeSet<Long> s = new TreeSet<>();
        double lg = Math.log(end);
        for (int k = 0; k < n; k++) {
            long t = k == n - 1 ? end - 1 : Math.min(end - 1, Math.round(Math.exp(lg * k / (n - 1))) - 1);
            s.add(Math.max(0, t));
        }
        return s.stream().mapToLong(Long::longValue).toArray();
    }

    long end() {
        return end;
    }

    /** Whether t is an expensive base step (before pairing). */
    boolean base(long t) {
        if (t < 0 || t >= end) {
            return false;
        }
        return (phiEvery > 0 && t % phiEvery == 0) || t >= lastStart || Arrays.binarySearch(logPoints, t) >= 0;
    }

    /** Whether row t carries the expensive metrics. */
    boolean expensive(long t) {
        return t < end && (base(t) || base(t - 1));
    }

    /** Whether t has a row at all. */
    boolean row(long t) {
        return t >= 0 && t < end && ((metricsEvery > 0 && t % metricsEvery == 0) || expensive(t));
    }

    /** Whether row t carries the pair metrics (rows t and t+1 both expensive). */
    boolean pairStart(long t) {
        return expensive(t) && expensive(t + 1);
    }

    /** The smallest row step &ge; s, or Long.MAX_VALUE when none remains. */
    long nextRow(long s) {
        if (s >= end) {
            return Long.MAX_VALUE;
        }
        long best = nextMultiple(metricsEvery, s);
        if (base(s - 1)) {
            return s; // the partner of a pair
        }
        best = Math.min(best, nextMultiple(phiEvery, s));
        best = Math.min(best, Math.max(s, lastStart));
        int i = Arrays.binarySearch(logPoints, s);
        int j = i >= 0 ? i : -i - 1;
        if (j < logPoints.length) {
            best = Math.min(best, logPoints[j]);
        }
        return best < end ? best : Long.MAX_VALUE;
    }

    /** The smallest multiple of k that is &ge; s (k &gt; 0), or Long.MAX_VALUE when k = 0. */
    static long nextMultiple(long k, long s) {
        if (k <= 0) {
            return Long.MAX_VALUE;
        }
        long q = s / k + (s % k > 0 ? 1 : 0); // s >= 0; no overflow in s + k - 1
        return q > Long.MAX_VALUE / k ? Long.MAX_VALUE : q * k;
    }
}
