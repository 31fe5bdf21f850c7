package dev.eos.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Reductions have a fixed order: the kernels give the same bits cold (interpreted) and after C2 compilation, in
 * this JVM and in fresh JVMs run with -Xint and with C1 only, and from several threads at once.
 */
class ReproducibilityTest {

    @Test
    void sameBitsBeforeAndAfterWarmUp() {
        Kernels k = KernelProvider.get();
        long cold = KernelFingerprint.of(k);
        long warm = 0;
        for (int i = 0; i < 1500; i++) { // enough for C2 to compile every kernel path the fingerprint takes
            warm = KernelFingerprint.of(k);
        }
        assertEquals(cold, warm);
    }

    @Test
    void sameBitsInAnyThread() throws InterruptedException {
        Kernels k = KernelProvider.get();
        long expected = KernelFingerprint.of(k);
        long[] got = new long[4];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < got.length; t++) {
            int slot = t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 200; i++) {
                    got[slot] = KernelFingerprint.of(k);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        for (long g : got) {
            assertEquals(expected, g);
        }
    }

    @Test
    void sameBitsInterpretedAndC1Only() throws Exception {
        Kernels k = KernelProvider.get();
        String expected = k.name() + " " + k.vectorBits() + " " + Long.toHexString(KernelFingerprint.of(k));
        assertEquals(expected, fingerprintInFreshJvm("-Xint"));
        assertEquals(expected, fingerprintInFreshJvm("-XX:TieredStopAtLevel=1"));
    }

    private static String fingerprintInFreshJvm(String mode) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-modules");
        cmd.add("jdk.incubator.vector");
        cmd.add(mode);
        // the same choice as this JVM: auto would pick scalar under -Xint
        cmd.add("-D" + KernelProvider.KERNELS_PROPERTY + "=" + KernelProvider.get().name());
        String bits = System.getProperty(KernelProvider.BITS_PROPERTY);
        if (bits != null) {
            cmd.add("-D" + KernelProvider.BITS_PROPERTY + "=" + bits);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(KernelFingerprint.class.getName());
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("fingerprint JVM " + mode + " timed out");
        }
        assertEquals(0, p.exitValue(), "fingerprint JVM " + mode + " failed: " + out);
        return out;
    }
}
