package dev.eos.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.io.CsvReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run in another JVM killed with SIGKILL (no shutdown hook, no flush, no chance to write anything): metrics.csv
 * holds only complete rows in schedule order, the checkpoint verifies, and resuming gives the bytes of an
 * uninterrupted run.
 */
class KilledProcessTest {

    @TempDir
    Path tmp;

    @Test
    void killedRunLosesNoRowAndResumesBitIdentically() throws Exception {
        Path dir = tmp.resolve("killed");
        String java = ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + "/bin/java");
        Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), KillTarget.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long seen = 0;
        while (p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            if (Files.exists(dir.resolve("checkpoint.npz"))) {
                try {
                    seen = RunDirectory.checkpointStep(dir);
                } catch (InvalidRunException | java.io.IOException e) {
                    seen = 0; // not there yet (the rename is atomic: a read never sees half a file)
                }
            }
            if (seen >= 15_000) {
                break;
            }
        }
        assertTrue(p.isAlive(), "the child ended before it could be killed: " + Files.readString(
                tmp.resolve("child.log")));
        p.destroyForcibly(); // SIGKILL on Linux
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue(), "killed by SIGKILL");

        // complete rows only, in the schedule's order, none missing up to the last one
        CsvReader.Table t = CsvReader.read(dir.resolve("metrics.csv"));
        assertFalse(t.tornTail(), "one write per row: a kill never tears a row");
        MetricSchedule s = new MetricSchedule(KillTarget.spec(), 60_000);
        double[] step = t.column("step");
        long expected = s.nextRow(0);
        for (int i = 0; i < t.rows(); i++) {
            assertEquals(expected, (long) step[i], "row " + i);
            expected = s.nextRow(expected + 1);
        }
        Checkpoint c = CheckpointFile.read(dir);
        assertTrue(c.metricsRows() <= t.rows() && c.step() >= 15_000, "checkpoint " + c.step());
        assertEquals(RunStatus.RUNNING, RunDirectory.status(dir));

        RunResult r = TestKit.engine().resume(dir, RunListener.NONE, new StopToken());
        assertEquals(RunStatus.COMPLETED, r.status(), r.message());
        Path ref = tmp.resolve("reference");
        TestKit.engine().start(KillTarget.spec(), ref, RunListener.NONE, new StopToken());
        ResumeTest.assertSameRun(ref, dir);
        List<String> sessions = List.of(RunDirectory.runJson(dir).get("sessions").get(0).get("kind").asText(),
                RunDirectory.runJson(dir).get("sessions").get(1).get("kind").asText());
        assertEquals(List.of("start", "resume"), sessions);
    }
}
