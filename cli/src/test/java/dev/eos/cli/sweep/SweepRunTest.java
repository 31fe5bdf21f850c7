package dev.eos.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eos.cli.Cli;
import dev.eos.io.Json;
import dev.eos.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** eos sweep run on the real engine: index choice, DONE markers, no-op reruns, stop and resume, divergence. */
class SweepRunTest {

    @TempDir
    Path tmp;

    private Path plan(String name, String... more) {
        return SweepCli.plannedToy(tmp.resolve(name), more);
    }

    /** One toy2d row (400,000 steps, a row every 100), stopped mid-way by {@link Cli#stoppingBackend}. */
    private Path longPlan(String name) {
        Path s = tmp.resolve(name);
        Cli.Result r = Cli.run("sweep", "plan", "--model", "toy2d", "--eta", "0.05", "--steps", "400000",
                "--metrics-every", "100", "--log-points", "10", "--out", s.toString());
        assertEquals(0, r.code(), r.toString());
        return s;
    }

    private static ManifestRow row(Path s, int i) {
        return Manifest.read(s.resolve("manifest.csv")).rows().get(i);
    }

    @Test
    void aRowRunsIntoItsIdDirectoryAndARerunIsANoOp() throws Exception {
        Path s = plan("S", "--eta", "0.05,0.01", "--seeds", "0..1");
        Cli.Result r = SweepCli.sweepRun(s.toString(), "--index", "2");
        assertEquals(0, r.code(), r.toString());
        ManifestRow row = row(s, 2);
        Path dir = s.resolve("runs").resolve(row.id());
        for (String f : List.of("DONE", "run.json", "metrics.csv", "final.npy")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        assertTrue(r.out().contains("row 2 (eta=0.01, seed=0): completed, 3,000 steps"), r.out());
        JsonNode json = Json.read(dir.resolve("run.json"));
        assertEquals(row.id(), json.get("id").asText(), "the directory is named by the run's own id");
        assertEquals(dir.toString(), json.get("config").get("out").asText());
        assertEquals(0.01, json.get("spec").get("eta").asDouble());
        assertEquals("completed", Json.read(dir.resolve("DONE")).get("status").asText());
        byte[] runJson = Files.readAllBytes(dir.resolve("run.json"));
        byte[] metrics = Files.readAllBytes(dir.resolve("metrics.csv"));

        Cli.Result again = SweepCli.sweepRun(s.toString(), "--index", "2");
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("already finished (completed at step 3,000); nothing to do"), again.out());
        assertArrayEquals(runJson, Files.readAllBytes(dir.resolve("run.json")), "a finished row is not touched");
        assertArrayEquals(metrics, Files.readAllBytes(dir.resolve("metrics.csv")));
        try (var runs = Files.list(s.resolve("runs"))) {
            assertEquals(1, runs.count(), "only row 2 ran");
        }
    }

    @Test
    void theRowComesFromTheSchedulersIndex() throws Exception {
        Path s = plan("S", "--seeds", "0..5");
        Cli.Result slurm = SweepCli.withEnv(Map.of("SLURM_ARRAY_TASK_ID", "1", "JOB_COMPLETION_INDEX", "4"),
                "sweep", "run", s.toString());
        assertEquals(0, slurm.code(), slurm.toString());
        assertTrue(slurm.out().contains("row 1 (seed=1): completed"), "Slurm first: " + slurm.out());
        Cli.Result chunk = SweepCli.withEnv(Map.of("SLURM_ARRAY_TASK_ID", "1"), "sweep", "run", s.toString(),
                "--index-offset", "3");
        assertTrue(chunk.out().contains("row 4 (seed=4): completed"), "chunk offset 3 + task 1: " + chunk);
        Cli.Result k8s = SweepCli.withEnv(Map.of("JOB_COMPLETION_INDEX", "2"), "sweep", "run", s.toString());
        assertTrue(k8s.out().contains("row 2 (seed=2): completed"), k8s.toString());
        for (int i : new int[] {1, 2, 4}) {
            assertTrue(Files.isRegularFile(s.resolve("runs").resolve(row(s, i).id()).resolve("DONE")), "row " + i);
        }

        String[][] bad = {
            {},
            {"--index", "6"},
            {"--index", "1", "--all"},
            {"--index", "1", "--index-offset", "2"},
            {"--jobs", "2"},
            {"--all", "--jobs", "0"},
        };
        String[] expected = {"choose the rows to run: --index I (0..5), --all [--jobs N], or run inside a Slurm job "
                + "array (SLURM_ARRAY_TASK_ID) or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX)",
            "--index 6 is out of range: the manifest has 6 rows (0..5)", "not both", "give the row itself",
            "with --all", "--jobs must be a positive integer"};
        for (int i = 0; i < bad.length; i++) {
            String[] args = new String[bad[i].length + 1];
            args[0] = s.toString();
            System.arraycopy(bad[i], 0, args, 1, bad[i].length);
            Cli.Result r = SweepCli.sweepRun(args);
            assertEquals(2, r.code(), r.toString());
            assertEquals(1, r.errLines().size(), r.toString());
            assertTrue(r.err().contains(expected[i]), r.err());
        }
        Cli.Result out = SweepCli.withEnv(Map.of("SLURM_ARRAY_TASK_ID", "2"), "sweep", "run", s.toString(),
                "--index-offset", "4");
        assertEquals(2, out.code(), out.toString());
        assertTrue(out.err().contains("SLURM_ARRAY_TASK_ID 2 + --index-offset 4 = row 6 is out of range"), out.err());
        Cli.Result nan = SweepCli.withEnv(Map.of("SLURM_ARRAY_TASK_ID", "x"), "sweep", "run", s.toString());
        assertTrue(nan.code() == 2 && nan.err().contains("SLURM_ARRAY_TASK_ID='x' is not a row index"), nan.err());
        Cli.Result notSweep = SweepCli.sweepRun(tmp.toString(), "--index", "0");
        assertTrue(notSweep.code() == 2 && notSweep.err().contains("is not a sweep"), notSweep.toString());
    }

    @Test
    void aRowStoppedMidwayResumesToTheBitsOfAnUninterruptedRun() throws Exception {
        Path whole = longPlan("whole");
        assertEquals(0, SweepCli.sweepRun(whole.toString(), "--index", "0").code());
        Path s = longPlan("S");
        ManifestRow row = row(s, 0);
        Path dir = s.resolve("runs").resolve(row.id());
        Cli.Result stopped = SweepCli.sweepRun(Cli.stoppingBackend("TERM"), s.toString(), "--index", "0");
        assertEquals(4, stopped.code(), stopped.toString());
        assertTrue(stopped.err().contains("received SIGTERM"), stopped.err());
        assertTrue(stopped.err().contains("stopped at step"), stopped.err());
        assertFalse(Files.exists(dir.resolve("DONE")), "a stopped row is not finished");
        assertTrue(Files.isRegularFile(dir.resolve("checkpoint.npz")));

        Cli.Result resumed = SweepCli.sweepRun(s.toString(), "--index", "0");
        assertEquals(0, resumed.code(), resumed.toString());
        assertTrue(Files.isRegularFile(dir.resolve("DONE")));
        Path ref = whole.resolve("runs").resolve(row.id());
        assertArrayEquals(Files.readAllBytes(ref.resolve("final.npy")), Files.readAllBytes(dir.resolve("final.npy")));
        assertArrayEquals(Files.readAllBytes(ref.resolve("metrics.csv")),
                Files.readAllBytes(dir.resolve("metrics.csv")), "resumed metrics are the uninterrupted ones");
        JsonNode sessions = Json.read(dir.resolve("run.json")).get("sessions");
        assertEquals(List.of("start", "resume"), List.of(sessions.get(0).get("kind").asText(),
                sessions.get(1).get("kind").asText()));
    }

    @Test
    void aDivergedRowIsFinishedAndARerunDoesNotRepeatIt() throws Exception {
        Path s = tmp.resolve("S");
        Cli.Result p = Cli.run("sweep", "plan", "--model", "toy2d", "--algo", "gd", "--eta", "5,0.1",
                "--steps", "2000", "--no-flow", "--out", s.toString());
        assertEquals(0, p.code(), p.toString());
        Cli.Result r = SweepCli.sweepRun(s.toString(), "--index", "0");
        assertEquals(3, r.code(), "GD with eta = 5 > 2/lambda on toy2d diverges: " + r);
        assertTrue(r.err().contains("row 0 (eta=5): diverged at step"), r.err());
        Path done = s.resolve("runs").resolve(row(s, 0).id()).resolve("DONE");
        assertEquals("diverged", Json.read(done).get("status").asText());
        Cli.Result again = SweepCli.sweepRun(s.toString(), "--index", "0");
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("already finished (diverged at step"), again.out());
        Cli.Result all = SweepCli.sweepRun(s.toString(), "--all");
        assertEquals(0, all.code(), "row 1 completes; row 0 had finished: " + all);
    }

    @Test
    void aRowRunningInAnotherSessionIsLeftAlone() throws Exception {
        Path s = plan("S", "--seeds", "0..1");
        Path dir = Files.createDirectories(s.resolve("runs").resolve(row(s, 0).id()));
        try (var ch = java.nio.channels.FileChannel.open(dir.resolve(".lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             var lock = ch.lock()) { // what the engine holds while a session writes the run
            Cli.Result one = SweepCli.sweepRun(s.toString(), "--index", "0");
            assertEquals(2, one.code(), one.toString());
            assertTrue(one.err().contains("row 0 (seed=0): another eos session is running it"), one.err());
            Cli.Result all = SweepCli.sweepRun(s.toString(), "--all");
            assertEquals(0, all.code(), all.toString());
            assertTrue(all.out().contains("1 finished, 0 diverged, 1 skipped (running in another eos session)"),
                    all.out());
            assertTrue(lock.isValid());
        }
        assertFalse(Files.exists(dir.resolve("run.json")), "the locked row was not touched");
        assertEquals(0, SweepCli.sweepRun(s.toString(), "--all").code(), "once free, it runs");
        assertTrue(Files.exists(dir.resolve("DONE")));
    }

    @Test
    void anEditedBaseIsRefusedBeforeAnythingRuns() throws Exception {
        Path s = plan("S", "--seeds", "0..1");
        Files.writeString(s.resolve("base.toml"), Files.readString(s.resolve("base.toml"))
                .replace("steps = 3000", "steps = 4000"));
        Cli.Result r = SweepCli.sweepRun(s.toString(), "--all");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("row 0 (seed=0): its options now resolve to run id"), r.err());
        assertFalse(Files.exists(s.resolve("runs").resolve(row(s, 0).id())));
    }

    @Test
    void aStartFileEditedAfterPlanningIsRefusedBeforeAnythingRuns() throws Exception {
        // the run id holds the SHA-256 of each input file: other bytes are another experiment than the one planned
        Path init = tmp.resolve("init.npy");
        Npy.write(init, new double[] {0.3, 0.2}, 2);
        Path s = plan("S", "--init", init.toString());
        Npy.write(init, new double[] {0.3, 0.25}, 2);
        Files.setLastModifiedTime(init, FileTime.fromMillis(Files.getLastModifiedTime(init).toMillis() + 2000));
        Cli.Result r = SweepCli.sweepRun(s.toString(), "--index", "0");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("its options now resolve to run id") && r.err().contains("an input file"),
                r.err());
        assertFalse(Files.exists(s.resolve("runs").resolve(row(s, 0).id())));
    }
}
