package dev.eos.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint file: exact round trip, atomic replacement, and corruption detected by the checksum. */
class CheckpointFileTest {

    @TempDir
    Path tmp;

    static Checkpoint sample(long step, long seed) {
        Random r = new Random(seed);
        double[] x = new double[37];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20);
        }
        x[3] = -0.0;
        x[5] = Double.MIN_VALUE;
        CheckpointState m = new CheckpointState();
        m.putDoubles("sharpness.v", new double[] {1, Double.NaN, Double.POSITIVE_INFINITY, -2.5e-300});
        m.putLongs("flow.counts", new long[] {Long.MIN_VALUE, 3, Long.MAX_VALUE});
        RunSpec spec = RunSpec.builder().model(ModelConfig.of("toy2d").withFile("init", "/a/b.npy")).eta(0.1)
                .steps(1000).build();
        return new Checkpoint(spec, step, "ngd", new long[] {step, -7, 0x9E3779B97F4A7C15L}, x, 12345, 67,
                -1, m, Double.NaN, 3.25, step, 0.5, 0.125);
    }

    static void assertSame(Checkpoint a, Checkpoint b) {
        assertEquals(a.spec(), b.spec());
        assertEquals(a.step(), b.step());
        assertEquals(a.optimizer(), b.optimizer());
        assertArrayEquals(a.optimizerState(), b.optimizerState());
        for (int i = 0; i < a.x().length; i++) {
            assertEquals(Double.doubleToRawLongBits(a.x()[i]), Double.doubleToRawLongBits(b.x()[i]));
        }
        assertEquals(a.metricsBytes(), b.metricsBytes());
        assertEquals(a.metricsRows(), b.metricsRows());
        assertEquals(a.phase2Start(), b.phase2Start());
        assertEquals(Double.doubleToRawLongBits(a.lastLoss()), Double.doubleToRawLongBits(b.lastLoss()));
        assertEquals(a.lastSharpness(), b.lastSharpness());
        assertEquals(a.loopSeconds(), b.loopSeconds());
        assertArrayEquals(a.meters().doubles("sharpness.v"), b.meters().doubles("sharpness.v"));
        assertArrayEquals(a.meters().longs("flow.counts"), b.meters().longs("flow.counts"));
    }

    @Test
    void roundTripIsExact() throws IOException {
        Checkpoint c = sample(400, 1);
        CheckpointFile.write(tmp, c);
        assertSame(c, CheckpointFile.read(tmp));
    }

    @Test
    void crashMidWriteLeavesThePreviousCheckpoint() throws IOException {
        Checkpoint old = sample(400, 1);
        CheckpointFile.write(tmp, old);
        byte[] whole = CheckpointFile.encode(sample(800, 2));
        for (int cut : new int[] {0, 1, 100, whole.length / 2, whole.length - 1}) {
            assertThrows(IOException.class, () -> CheckpointFile.writeAndCrash(tmp, sample(800, 2), cut));
            assertSame(old, CheckpointFile.read(tmp));
        }
        CheckpointFile.write(tmp, sample(800, 2));
        assertEquals(800, CheckpointFile.read(tmp).step());
    }

    @Test
    void everySingleByteFlipIsDetected() throws IOException {
        CheckpointFile.write(tmp, sample(400, 1));
        Path p = CheckpointFile.path(tmp);
        byte[] good = Files.readAllBytes(p);
        for (int off = 0; off < good.length; off++) {
            byte[] bad = good.clone();
            bad[off] ^= 0x10;
            int at = off;
            assertThrows(InvalidRunException.class, () -> CheckpointFile.parse(bad, "x"), () -> "flip at " + at);
        }
        Files.write(p, Arrays.copyOf(good, good.length - 10));
        CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class, () -> CheckpointFile.read(tmp));
        assertTrue(e.getMessage().contains("checkpoint.npz"), e.getMessage());
        Files.write(p, good);
        assertEquals(400, CheckpointFile.read(tmp).step());
    }

    @Test
    void numpyReadsTheIterate() throws Exception {
        Checkpoint c = sample(400, 1);
        CheckpointFile.write(tmp, c);
        String out = PythonBridge.run("import numpy as np, sys\n"
                + "z = np.load(sys.argv[1])\n"
                + "x = z['x']\n"
                + "print(x.dtype, x.shape, ' '.join(float(v).hex() for v in x))\n", CheckpointFile.path(tmp));
        Assumptions.assumeTrue(out != null, "python3 with numpy is not available");
        String[] parts = out.strip().split(" ");
        assertEquals("float64", parts[0]);
        assertEquals("(37,)", parts[1]);
        for (int i = 0; i < 37; i++) {
            assertEquals(c.x()[i], Double.parseDouble(parts[2 + i].replace("0x", "0x")), 0.0, "x[" + i + "]");
        }
    }
}
