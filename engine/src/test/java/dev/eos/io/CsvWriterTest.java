package dev.eos.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV numbers round-trip bit for bit, rows reach the file as they are written, and truncation restores a length. */
class CsvWriterTest {

    @TempDir
    Path tmp;

    /** Doubles that stress the shortest-representation printer: random bits, subnormals, extremes, signed zero. */
    static double[] hardDoubles(int n, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (i % 5) {
                case 0 -> Double.longBitsToDouble(r.nextLong()); // any bit pattern, NaNs included
                case 1 -> r.nextGaussian() * Math.pow(10, r.nextInt(600) - 300);
                case 2 -> Double.MIN_VALUE * (1 + r.nextInt(1000));
                case 3 -> r.nextDouble();
                default -> new double[] {0.0, -0.0, Double.MAX_VALUE, -Double.MIN_NORMAL, 0.1, 1e23,
                    Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}[r.nextInt(8)];
            };
        }
        return v;
    }

    @Test
    void doublesRoundTripExactly() throws IOException {
        double[] v = hardDoubles(5000, 11);
        Path f = tmp.resolve("m.csv");
        try (CsvWriter w = CsvWriter.create(f, List.of("i", "v", "e"))) {
            for (int i = 0; i < v.length; i++) {
                w.beginRow().cell(i).cell(v[i]).empty().endRow();
            }
            assertEquals(v.length, w.rows());
            assertEquals(Files.size(f), w.length());
        }
        CsvReader.Table t = CsvReader.read(f);
        assertEquals(List.of("i", "v", "e"), t.header());
        for (int i = 0; i < v.length; i++) {
            assertEquals(i, t.column("i")[i]);
            if (Double.isNaN(v[i])) {
                assertTrue(Double.isNaN(t.column("v")[i]));
            } else {
                assertEquals(Double.doubleToLongBits(v[i]), Double.doubleToLongBits(t.column("v")[i]), "row " + i);
            }
            assertTrue(t.presence("v")[i]);
            assertFalse(t.presence("e")[i]);
        }
    }

    @Test
    void numpyReadsTheFileInOneCallWithTheSameBits() throws Exception {
        double[] v = hardDoubles(2000, 12);
        Path f = tmp.resolve("np.csv");
        try (CsvWriter w = CsvWriter.create(f, List.of("step", "x", "empty"))) {
            for (int i = 0; i < v.length; i++) {
                w.beginRow().cell(i).cell(v[i]).empty().endRow();
            }
        }
        String out = dev.eos.run.PythonBridge.run("import numpy as np, sys\n"
                + "a = np.genfromtxt(sys.argv[1], delimiter=',', names=True)\n"
                + "print(len(a), int(np.isnan(a['empty']).all()))\n"
                + "print(' '.join(float(x).hex() for x in a['x']))\n", f);
        org.junit.jupiter.api.Assumptions.assumeTrue(out != null, "python3 with numpy is not available");
        String[] lines = out.strip().split("\n");
        assertEquals(v.length + " 1", lines[0]);
        String[] hex = lines[1].split(" ");
        for (int i = 0; i < v.length; i++) {
            double back = hex[i].equals("nan") ? Double.NaN : hex[i].equals("inf") ? Double.POSITIVE_INFINITY
                    : hex[i].equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(hex[i]);
            if (Double.isNaN(v[i])) {
                assertTrue(Double.isNaN(back));
            } else {
                assertEquals(Double.doubleToLongBits(v[i]), Double.doubleToLongBits(back), "row " + i);
            }
        }
    }

    @Test
    void everyRowIsInTheFileAsSoonAsItIsEnded() throws IOException {
        Path f = tmp.resolve("live.csv");
        try (CsvWriter w = CsvWriter.create(f, List.of("a", "b"))) {
            for (int i = 0; i < 50; i++) {
                w.beginRow().cell(i).cell(i * 0.5).endRow();
                // read through a separate file handle, as another process would (no close, no sync)
                assertEquals(i + 2, Files.readAllLines(f).size());
            }
        }
    }

    @Test
    void reopenTruncatesBackToARecordedLength() throws IOException {
        Path f = tmp.resolve("t.csv");
        long len;
        try (CsvWriter w = CsvWriter.create(f, List.of("a"))) {
            for (int i = 0; i < 10; i++) {
                w.beginRow().cell(i).endRow();
            }
            len = w.length();
            for (int i = 10; i < 20; i++) {
                w.beginRow().cell(i).endRow();
            }
        }
        Files.writeString(f, "2", java.nio.file.StandardOpenOption.APPEND); // a torn row
        assertTrue(CsvReader.read(f).tornTail());
        try (CsvWriter w = CsvWriter.reopen(f, 1, len, 10)) {
            w.beginRow().cell(10).endRow();
            assertEquals(11, w.rows());
        }
        CsvReader.Table t = CsvReader.read(f);
        assertEquals(11, t.rows());
        assertFalse(t.tornTail());
        assertThrows(IOException.class, () -> CsvWriter.reopen(f, 1, Files.size(f) + 1, 0));
    }

    @Test
    void rowsMustBeComplete() throws IOException {
        try (CsvWriter w = CsvWriter.create(tmp.resolve("c.csv"), List.of("a", "b"))) {
            w.beginRow().cell(1);
            assertThrows(IllegalStateException.class, w::endRow);
        }
    }
}
