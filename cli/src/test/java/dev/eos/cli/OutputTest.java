package dev.eos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.cli.options.Counts;
import dev.eos.cli.output.Progress;
import dev.eos.cli.output.OutDirectory;
import dev.eos.cli.plots.MetricsTable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pieces under the commands: counts, default directory names, progress lines, the metrics reader. */
class OutputTest {

    @TempDir
    Path tmp;

    @Test
    void countsAcceptTheWaysResearchersWriteThem() {
        assertEquals(20000L, Counts.parse("20000"));
        assertEquals(20000L, Counts.parse("20_000"));
        assertEquals(20000L, Counts.parse("2e4"));
        assertEquals(2_500_000L, Counts.parse("2.5e6"));
    }

    @Test
    void defaultRunDirectoriesGetASuffixInsteadOfOverwriting() throws Exception {
        LocalDateTime t = LocalDateTime.of(2025, 1, 2, 3, 4, 5);
        Path a = OutDirectory.freshDefault(tmp, "deep-linear", "ngd", t);
        assertEquals("20250102-030405-deep-linear-ngd", a.getFileName().toString());
        Files.createDirectories(a);
        assertEquals("20250102-030405-deep-linear-ngd-2", OutDirectory.freshDefault(tmp, "deep-linear", "ngd", t)
                .getFileName().toString());
    }

    @Test
    void withoutATerminalProgressIsPlainLogLines() {
        System.setProperty("eos.progress.seconds", "0");
        try {
            StringWriter w = new StringWriter();
            try (Progress p = Progress.create("run", 500, 1000, false, new PrintWriter(w))) {
                p.update(600, 1.5e-3, 7.5);
                p.update(700, Double.NaN, 7.4);
            }
            String s = w.toString();
            assertTrue(!s.contains("\r"), "no carriage returns");
            assertEquals(2, s.lines().count(), s);
            assertTrue(s.contains("run: step 600 / 1,000 (60.0%)"), s);
            assertTrue(s.contains("loss 1.500e-03, sharpness 7.5000"), s);
        } finally {
            System.clearProperty("eos.progress.seconds");
        }
    }

    @Test
    void metricsReaderTakesEmptyCellsAsNaNAndIgnoresACutLastLine() throws Exception {
        Path f = tmp.resolve("metrics.csv");
        Files.writeString(f, "step,loss,theta\n0,1.0,\n10,0.5,0.1\n20,0.2");
        MetricsTable t = MetricsTable.read(f);
        assertEquals(2, t.rows());
        assertTrue(Double.isNaN(t.column("theta")[0]));
        assertEquals(0.1, t.last("theta"), 0.0);
        assertEquals(0.5, t.last("loss"), 0.0);
        assertTrue(!t.has("sharpness"));
    }
}
