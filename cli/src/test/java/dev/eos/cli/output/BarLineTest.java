package dev.eos.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The terminal progress line: steps, rate, ETA, loss and sharpness fit in 80 columns, the bar takes the rest. */
class BarLineTest {

    private static final String VALUES = " | " + Format.values(1.234e-5, 2.0);

    @Test
    void eightyColumnsShowStepsRateEtaLossAndSharpness() {
        // 66,536,512 of 300,000,000 steps in 10 s: 6.65M steps/s, (300M - 66.5M) / 6.65M/s = 35.1 s to go
        String line = BarLine.line("run", 0, 66_536_512, 300_000_000, 10, VALUES, 80);
        assertTrue(line.length() <= 80, line.length() + ": " + line);
        assertTrue(line.startsWith("run  22% 66.5M"), "on 80 columns the text leaves no room for a bar: " + line);
        for (String part : new String[] {"66.5M/300M steps", "6.65M/s", "ETA 35.1 s", "loss 1.234e-05",
            "sharpness 2.0000"}) {
            assertTrue(line.contains(part), part + " in: " + line);
        }
        assertTrue(line.endsWith(VALUES), "nothing cut: " + line);
        String wider = BarLine.line("run", 0, 66_536_512, 300_000_000, 10, VALUES, 100);
        assertTrue(wider.startsWith("run  22% |###") && wider.endsWith(VALUES) && wider.length() <= 100, wider);
    }

    @Test
    void theBarFillsWithTheFractionAndGivesWayOnNarrowTerminals() {
        String wide = BarLine.line("run", 0, 50, 100, 1, "", 200);
        assertTrue(wide.contains("|" + "#".repeat(BarLine.MAX_BAR / 2) + " ".repeat(BarLine.MAX_BAR / 2) + "|"),
                wide);
        String narrow = BarLine.line("run", 0, 50, 100, 1, VALUES, 50);
        assertEquals(50, narrow.length(), "cut to the terminal: " + narrow);
        assertTrue(!narrow.contains("#") && narrow.startsWith("run  50% 50/100 steps"), narrow);
    }

    @Test
    void aResumedRunCountsItsRateFromWhereItStarted() {
        // started at step 1,000,000; 2,000,000 more in 4 s: 500k steps/s, not 750k
        String line = BarLine.line("run", 1_000_000, 3_000_000, 4_000_000, 4, "", 0);
        assertTrue(line.contains("500k/s") && line.contains("ETA 2.0 s"), line);
    }

    @Test
    void countsInThreeSignificantDigits() {
        assertEquals("950", BarLine.compact(950));
        assertEquals("9999", BarLine.compact(9_999));
        assertEquals("12.3k", BarLine.compact(12_345));
        assertEquals("1.00M", BarLine.compact(999_999));
        assertEquals("300M", BarLine.compact(300_000_000));
        assertEquals("1.50G", BarLine.compact(1_500_000_000L));
        assertEquals("6.65M", BarLine.compact(6_653_651));
    }
}
