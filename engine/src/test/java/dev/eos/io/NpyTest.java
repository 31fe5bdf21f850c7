package dev.eos.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * .npy reading and writing against files NumPy wrote: committed fixtures (src/test/resources/npy, made by
 * make_fixtures.py there) so CI needs no Python, plus, when python3 with NumPy is on the machine, fresh random
 * arrays of every supported kind and a round trip through NumPy.
 */
class NpyTest {

    @TempDir
    Path tmp;

    static Path fixture(String name) {
        try {
            return Path.of(NpyTest.class.getResource("/npy/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("missing fixture " + name, e);
        }
    }

    /** The fixtures' pattern: 100 i + 10 j + k + 0.25 at C index (i, j, k); fewer dims use the last weights. */
    static double[] pattern(int... shape) {
        if (shape.length == 0) {
            return new double[] {7.25};
        }
        int[] w = Arrays.copyOfRange(new int[] {100, 10, 1}, 3 - shape.length, 3);
        int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        double[] out = new double[n];
        int[] idx = new int[shape.length];
        for (int f = 0; f < n; f++) {
            double v = 0.25;
            for (int d = 0; d < shape.length; d++) {
                v += w[d] * idx[d];
            }
            out[f] = v;
            for (int d = shape.length - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return out;
    }

    static void expectPattern(String file, int... shape) throws IOException {
        Npy.Array a = Npy.read(fixture(file));
        assertArrayEquals(shape, a.shape(), file);
        // float32 holds these small quarter-integers exactly, so equality is exact for every dtype
        assertArrayEquals(pattern(shape), a.data(), 0.0, file);
    }

    @Test
    void readsNumpyFixturesOfEveryKind() throws IOException {
        expectPattern("f8_c_2x3.npy", 2, 3);
        expectPattern("f8_fortran_2x3x4.npy", 2, 3, 4);
        expectPattern("f8_be_fortran_3x2.npy", 3, 2);
        expectPattern("f4_be_5.npy", 5);
        expectPattern("f4_c_2x2x2.npy", 2, 2, 2);
        expectPattern("f8_scalar.npy");
        expectPattern("f8_v2_4.npy", 4);
    }

    @Test
    void refusesWithMessagesNamingTheFile() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.read(fixture("i8_3.npy")));
        assertTrue(e.getMessage().contains("i8_3.npy") && e.getMessage().contains("unsupported dtype '<i8'"),
                e.getMessage());
        Npy.Array nan = Npy.read(fixture("f8_nan_2x3.npy"));
        e = assertThrows(IllegalArgumentException.class, () -> Npy.requireFinite(nan, "f8_nan_2x3.npy"));
        assertTrue(e.getMessage().contains("f8_nan_2x3.npy") && e.getMessage().contains("NaN")
                && e.getMessage().contains("(1, 2)") && e.getMessage().contains("(2, 3)"), e.getMessage());
        Path missing = tmp.resolve("absent.npy");
        NoSuchFileException nf = assertThrows(NoSuchFileException.class, () -> Npy.read(missing));
        assertTrue(nf.getMessage().contains("absent.npy"));
        Path text = tmp.resolve("notes.npy");
        Files.writeString(text, "hello, this is not numpy");
        e = assertThrows(IllegalArgumentException.class, () -> Npy.read(text));
        assertTrue(e.getMessage().contains("notes.npy") && e.getMessage().contains("not a .npy file"), e.getMessage());
        byte[] full = Files.readAllBytes(fixture("f8_c_2x3.npy"));
        Path cut = tmp.resolve("cut.npy");
        Files.write(cut, Arrays.copyOf(full, full.length - 5));
        e = assertThrows(IllegalArgumentException.class, () -> Npy.read(cut));
        assertTrue(e.getMessage().contains("cut.npy") && e.getMessage().contains("truncated")
                && e.getMessage().contains("(2, 3)"), e.getMessage());
        Path cutHeader = tmp.resolve("cuthead.npy");
        Files.write(cutHeader, Arrays.copyOf(full, 30));
        e = assertThrows(IllegalArgumentException.class, () -> Npy.read(cutHeader));
        assertTrue(e.getMessage().contains("cuthead.npy") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void writesWhatItReads() throws IOException {
        Random r = new Random(3);
        for (int[] shape : new int[][] {{}, {0}, {7}, {3, 4}, {2, 3, 5}, {1, 1, 1, 2}}) {
            int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20);
            }
            Path f = tmp.resolve("rt" + n + ".npy");
            Npy.write(f, d, shape);
            Npy.Array a = Npy.read(f);
            assertArrayEquals(shape, a.shape());
            assertArrayEquals(d, a.data(), 0.0);
            // data starts at a multiple of 64 bytes, as NumPy writes it
            byte[] b = Files.readAllBytes(f);
            assertEquals(0, (b.length - 8 * n) % 64);
            assertEquals('\n', b[b.length - 8 * n - 1]);
        }
    }

    @Test
    void largeHeadersUseFormatTwo() {
        // a 25000-dimensional shape needs a header longer than 65535 bytes
        int[] shape = new int[25000];
        Arrays.fill(shape, 1);
        byte[] b = Npy.encode(new double[] {2.5}, shape);
        assertEquals(2, b[6]);
        Npy.Array a = Npy.parse(b, "big-header");
        assertEquals(25000, a.ndim());
        assertEquals(2.5, a.data()[0]);
    }

    // ---------------------------------------------------------------- live NumPy (skipped without python3 + numpy)

    static boolean numpyAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static String python(Path dir, String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c", script).directory(dir.toFile()).redirectErrorStream(true)
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python timed out");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out.strip();
    }

    @Test
    void readsRandomArraysNumpyWritesNow() throws Exception {
        assumeTrue(numpyAvailable(), "python3 with numpy not found");
        // NumPy writes each array and its C-order float64 bytes (tofile), which is what read() must return
        String script = """
                import numpy as np
                rng = np.random.default_rng(7)
                cases = [("a", (5,), "<f8", "C"), ("b", (3, 4), ">f8", "F"), ("c", (2, 3, 4), "<f4", "F"),
                         ("d", (4, 1, 3), ">f4", "C"), ("e", (6, 2), "<f8", "F")]
                for name, shape, dt, order in cases:
                    x = rng.standard_normal(shape).astype(dt)
                    np.save(name + ".npy", np.asarray(x, order=order))
                    x.astype("<f8").tofile(name + ".bin")
                """;
        python(tmp, script);
        for (String name : List.of("a", "b", "c", "d", "e")) {
            Npy.Array a = Npy.read(tmp.resolve(name + ".npy"));
            byte[] raw = Files.readAllBytes(tmp.resolve(name + ".bin"));
            double[] expected = new double[raw.length / 8];
            java.nio.ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(expected);
            assertArrayEquals(expected, a.data(), 0.0, name);
        }
    }

    @Test
    void numpyReadsWhatWeWrite() throws Exception {
        assumeTrue(numpyAvailable(), "python3 with numpy not found");
        Npy.write(tmp.resolve("w.npy"), pattern(2, 3, 4), 2, 3, 4);
        Npy.write(tmp.resolve("v.npy"), pattern(5), 5);
        String out = python(tmp, """
                import numpy as np
                w = np.load("w.npy"); v = np.load("v.npy")
                i, j, k = np.indices((2, 3, 4))
                ok = (w.dtype == np.float64 and w.shape == (2, 3, 4) and w.flags["C_CONTIGUOUS"]
                      and np.array_equal(w, 100 * i + 10 * j + k + 0.25)
                      and v.shape == (5,) and np.array_equal(v, np.arange(5) + 0.25))
                print("ok" if ok else "mismatch")
                """);
        assertEquals("ok", out);
    }
}
