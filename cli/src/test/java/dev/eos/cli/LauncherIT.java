package dev.eos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher end to end (run by failsafe after the shaded jar is built): ./eos as a subprocess, as users run
 * it. Skipped, with the reason, when the launcher or a fresh jar cannot be found (then ./eos would rebuild).
 */
class LauncherIT {

    static Path root;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findLauncher() throws IOException {
        root = Launcher.root();
    }

    /**
     * One run of the launcher.
     *
     * @param code exit code
     * @param out  stdout
     * @param err  stderr lines
     */
    record Run(int code, String out, List<String> err) {
    }

    static Run eos(Path cwd, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(root.resolve("eos").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().remove("EOS_DEBUG");
        Path out = Files.createTempFile("eos-out", ".txt");
        Path err = Files.createTempFile("eos-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "eos " + String.join(" ", args) + " finished in 2 min");
        Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readAllLines(err, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList());
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    @Test
    void versionRunsFromTheShadedJarWithoutTheIncubatorNotice() throws Exception {
        Run r = eos(tmp, "--version");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("eos "), r.out());
        assertTrue(r.out().contains("kernels "), r.out());
        assertTrue(r.err().stream().noneMatch(l -> l.contains("incubator")), "the launcher drops the notice: " + r);
        assertTrue(r.err().stream().noneMatch(l -> l.startsWith("eos: building")), "the jar was fresh: " + r);
    }

    @Test
    void sigtermCheckpointsExitsFourAndTheRunResumes() throws Exception {
        Path dir = tmp.resolve("run");
        Path err = tmp.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(root.resolve("eos").toString(), "run", "--model", "toy2d", "--eta",
                "0.05", "--steps", "2e8", "--metrics-every", "100000", "--no-plots", "--out", dir.toString())
                .directory(tmp.toFile()).redirectError(err.toFile()).redirectOutput(tmp.resolve("out.txt").toFile());
        Process p = pb.start();
        long t0 = System.nanoTime();
        // run.json appears once the run started, after the CLI installed its signal handlers
        while (!Files.exists(dir.resolve("run.json")) && p.isAlive() && System.nanoTime() - t0 < 60e9) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "the run is going: " + Files.readString(err));
        Thread.sleep(300);
        new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor(); // the JVM: the launcher execs it
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stopped within a minute");
        List<String> lines = Files.readAllLines(err).stream().filter(l -> !l.isBlank()).toList();
        assertEquals(4, p.exitValue(), lines.toString());
        assertTrue(lines.get(lines.size() - 1).matches("eos run: stopped at step \\d+; resume with: \\./eos resume "
                + java.util.regex.Pattern.quote(dir.toString())), lines.toString());
        long step = Long.parseLong(lines.get(lines.size() - 1)
                .replaceAll("^eos run: stopped at step (\\d+);.*$", "$1"));
        Run extended = eos(tmp, "resume", dir.toString(), "--steps", Long.toString(step + 1000), "--no-plots");
        assertEquals(0, extended.code(), extended.toString());
        assertTrue(Files.isRegularFile(dir.resolve("final.npy")), "the extended run completed");
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        Run r = eos(tmp, "run", "--eta", "nan", "--out", tmp.resolve("r").toString());
        assertEquals(2, r.code(), r.toString());
        assertEquals(List.of("eos run: --eta must be a positive finite number, got NaN"), r.err());
        assertTrue(!Files.exists(tmp.resolve("r")));
    }
}
