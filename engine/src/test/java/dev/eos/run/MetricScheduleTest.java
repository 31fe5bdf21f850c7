package dev.eos.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The metric schedule: every K, log-spaced points, the last steps, pairs, and nextRow against brute force. */
class MetricScheduleTest {

    @Test
    void cheapRowsEveryK() {
        MetricSchedule s = new MetricSchedule(1000, 100, 0, 0, 0);
        for (long t = 0; t < 1000; t++) {
            assertEquals(t % 100 == 0, s.row(t), "t = " + t);
            assertFalse(s.expensive(t));
        }
        assertFalse(s.row(1000), "no row at the end step (x_end has no step)");
    }

    @Test
    void logPointsSpanTheRunGeometrically() {
        // t + 1 = 1000^(k/3): 1, 10, 100, 1000
        assertArrayEquals(new long[] {0, 9, 99, 999}, MetricSchedule.logPoints(1000, 4));
        assertArrayEquals(new long[] {999}, MetricSchedule.logPoints(1000, 1));
        assertArrayEquals(new long[] {0, 1, 2}, MetricSchedule.logPoints(3, 50), "deduplicated, all < end");
        long[] p = MetricSchedule.logPoints(1_000_000, 61);
        for (int i = 2; i < p.length; i++) {
            // consecutive ratios of t + 1 are 10^(1/10) = 1.2589 up to rounding to integers
            double ratio = (p[i] + 1.0) / (p[i - 1] + 1.0);
            assertTrue(Math.abs(ratio - Math.pow(10, 0.1)) < 0.3, "ratio " + ratio + " at " + p[i]);
        }
        assertEquals(999_999, p[p.length - 1]);
    }

    @Test
    void expensiveStepsComeInPairsAndPairMetricsSitOnTheFirstRow() {
        MetricSchedule s = new MetricSchedule(100, 0, 20, 0, 3);
        // phiEvery 20: base 0, 20, 40, 60, 80 -> expensive 0,1, 20,21, ...; last 3: 97, 98, 99
        for (long t = 0; t < 100; t++) {
            boolean base = t % 20 == 0 || t >= 97;
            boolean partner = (t - 1) % 20 == 0 && t >= 1;
            assertEquals(base || partner, s.expensive(t), "t = " + t);
            assertEquals(base || partner, s.row(t), "expensive rows are rows");
        }
        assertTrue(s.pairStart(20));
        assertFalse(s.pairStart(21), "21's successor is not expensive");
        assertTrue(s.pairStart(97) && s.pairStart(98));
        assertFalse(s.pairStart(99), "the last row has no successor row");
    }

    @Test
    void nextRowAgreesWithBruteForce() {
        long[][] configs = {{1000, 7, 0, 0, 0}, {1000, 0, 33, 0, 0}, {1000, 0, 0, 9, 0}, {1000, 0, 0, 0, 5},
            {1000, 50, 64, 12, 4}, {5, 0, 0, 100, 10}, {1000, 0, 0, 0, 0}, {1, 1, 1, 1, 1}};
        for (long[] c : configs) {
            MetricSchedule s = new MetricSchedule(c[0], c[1], c[2], (int) c[3], (int) c[4]);
            for (long from = 0; from <= c[0] + 2; from++) {
                long expected = Long.MAX_VALUE;
                for (long t = from; t < c[0]; t++) {
                    if (s.row(t)) {
                        expected = t;
                        break;
                    }
                }
                assertEquals(expected, s.nextRow(from), "config " + java.util.Arrays.toString(c) + " from " + from);
            }
        }
    }

    @Test
    void nextMultiple() {
        assertEquals(0, MetricSchedule.nextMultiple(10, 0));
        assertEquals(10, MetricSchedule.nextMultiple(10, 1));
        assertEquals(10, MetricSchedule.nextMultiple(10, 10));
        assertEquals(Long.MAX_VALUE, MetricSchedule.nextMultiple(0, 5));
        assertEquals(Long.MAX_VALUE - 1, MetricSchedule.nextMultiple(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2 + 3));
        assertEquals(Long.MAX_VALUE, MetricSchedule.nextMultiple(1L << 62, (1L << 62) + 1), "2^63 overflows");
    }
}
