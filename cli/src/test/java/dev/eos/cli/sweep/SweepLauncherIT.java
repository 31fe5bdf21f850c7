package dev.eos.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eos.cli.Cli;
import dev.eos.cli.Launcher;
import dev.eos.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps through the launcher as separate processes (failsafe, after the jar is built): the generated Slurm batch
 * script run by bash with a stand-in scontrol (the real cluster test is .ci/slurm-test.sh), and a row killed with
 * SIGKILL that resumes from its last periodic checkpoint. Skipped when the launcher or a fresh jar is missing.
 */
class SweepLauncherIT {

    static Path root;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findLauncher() throws IOException {
        root = Launcher.root();
    }

    /** A one-row sweep long enough (3e6 steps of a D = 768 deep linear net, a few seconds) to be interrupted. */
    private Path longSweep(String name, String... more) {
        Path s = tmp.resolve(name);
        // seconds of stepping on any machine (a deep linear net of D = 768 runs ~1M steps/s), so the signal and the
        // kill land mid-run: toy2d ran its 4e6 steps in 0.13 s, before the signal came
        List<String> a = new java.util.ArrayList<>(List.of("sweep", "plan", "--model", "deep-linear", "--depth", "3",
                "--width", "16", "--eta", "0.01", "--steps", "3e6", "--metrics-every", "1e5", "--log-points", "10",
                "--no-flow", "--out", s.toString()));
        a.addAll(List.of(more));
        Cli.Result r = Cli.run(a.toArray(String[]::new));
        assertEquals(0, r.code(), r.toString());
        return s;
    }

    private static Path runDir(Path s) {
        return s.resolve("runs").resolve(Manifest.read(s.resolve("manifest.csv")).rows().get(0).id());
    }

    private static void waitFor(Path file, Process p) throws Exception {
        long t0 = System.nanoTime();
        while (!Files.exists(file) && p.isAlive() && System.nanoTime() - t0 < 60e9) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive() && Files.exists(file), file + " appeared while the process ran");
    }

    @Test
    void theBatchScriptHandsUsr1ToEosAndRequeuesTheTaskWhichThenResumes() throws Exception {
        Path ref = longSweep("ref");
        assertEquals(0, SweepCli.sweepRun(ref.toString(), "--index", "0").code());
        Path s = longSweep("S");
        Cli.Result w = Cli.run("sweep", "slurm", s.toString(), "--eos", root.resolve("eos").toString(),
                "--max-array-size", "10");
        assertEquals(0, w.code(), w.toString());
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path scontrol = bin.resolve("scontrol");
        Files.writeString(scontrol, "#!/bin/sh\necho \"$@\" >> \"$FAKE_SCONTROL_LOG\"\n");
        Files.setPosixFilePermissions(scontrol, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path calls = tmp.resolve("scontrol.log");
        Path log = tmp.resolve("task.log");

        Process task = task(s, bin, calls, log);
        waitFor(runDir(s).resolve("run.json"), task); // written after eos installed its signal handlers
        Thread.sleep(300);
        new ProcessBuilder("kill", "-USR1", Long.toString(task.pid())).start().waitFor(); // the batch shell only
        assertTrue(task.waitFor(60, TimeUnit.SECONDS));
        String out = Files.readString(log);
        assertEquals(4, task.exitValue(), out);
        assertTrue(out.contains("received SIGUSR1: writing a checkpoint"), "the shell handed USR1 to eos: " + out);
        assertTrue(out.contains("requeueing job 42"), out);
        assertEquals(List.of("requeue 42"), Files.readAllLines(calls));
        assertFalse(Files.exists(runDir(s).resolve("DONE")));

        Process again = task(s, bin, calls, log); // what Slurm starts after the requeue
        assertTrue(again.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, again.exitValue(), Files.readString(log));
        assertEquals(List.of("requeue 42"), Files.readAllLines(calls), "a completed task is not requeued");
        assertArrayEquals(Files.readAllBytes(runDir(ref).resolve("final.npy")),
                Files.readAllBytes(runDir(s).resolve("final.npy")));
        assertArrayEquals(Files.readAllBytes(runDir(ref).resolve("metrics.csv")),
                Files.readAllBytes(runDir(s).resolve("metrics.csv")));
    }

    private static Process task(Path s, Path bin, Path calls, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bash", s.resolve("sweep.sbatch").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("SLURM_ARRAY_TASK_ID", "0");
        pb.environment().put("SLURM_ARRAY_JOB_ID", "41");
        pb.environment().put("SLURM_JOB_ID", "42");
        pb.environment().put("FAKE_SCONTROL_LOG", calls.toString());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().remove("JOB_COMPLETION_INDEX");
        return pb.start();
    }

    @Test
    void aRowKilledWithSigkillResumesFromItsLastCheckpointToTheSameBits() throws Exception {
        Path ref = longSweep("ref", "--checkpoint-every", "2e5");
        assertEquals(0, SweepCli.sweepRun(ref.toString(), "--index", "0").code());
        Path s = longSweep("S", "--checkpoint-every", "2e5");
        Path dir = runDir(s);
        ProcessBuilder pb = new ProcessBuilder(root.resolve("eos").toString(), "sweep", "run", s.toString(),
                "--index", "0", "--no-progress").redirectErrorStream(true)
                .redirectOutput(tmp.resolve("out.txt").toFile());
        pb.environment().remove("SLURM_ARRAY_TASK_ID");
        Process p = pb.start();
        waitFor(dir.resolve("metrics.csv"), p);
        long t0 = System.nanoTime();
        while (p.isAlive() && checkpointStep(dir) < 4e5 && System.nanoTime() - t0 < 60e9) {
            Thread.sleep(20);
        }
        p.destroyForcibly(); // SIGKILL: no handler, no final checkpoint
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertFalse(Files.exists(dir.resolve("DONE")), "killed before the end");
        assertEquals("running", Json.read(dir.resolve("run.json")).get("status").asText(),
                "a killed run could not record anything");

        Cli.Result resumed = SweepCli.sweepRun(s.toString(), "--index", "0");
        assertEquals(0, resumed.code(), resumed.toString());
        JsonNode sessions = Json.read(dir.resolve("run.json")).get("sessions");
        assertEquals("resume", sessions.get(1).get("kind").asText());
        assertTrue(sessions.get(1).get("from_step").asLong() >= 4e5, "from the periodic checkpoint");
        assertArrayEquals(Files.readAllBytes(runDir(ref).resolve("final.npy")),
                Files.readAllBytes(dir.resolve("final.npy")));
        assertArrayEquals(Files.readAllBytes(runDir(ref).resolve("metrics.csv")),
                Files.readAllBytes(dir.resolve("metrics.csv")));
    }

    private static long checkpointStep(Path dir) {
        try {
            return dev.eos.run.RunDirectory.checkpointStep(dir);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
