package dev.eos.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** eos sweep run --all and collect: the summary depends only on the manifest, whatever ran it and however. */
class CollectTest {

    @TempDir
    Path tmp;

    private Path plan(String name, String... more) {
        return SweepCli.plannedToy(tmp.resolve(name), more);
    }

    /** summary.csv without its timing columns (the last four), as lines. */
    static List<String> deterministic(Path sweep) throws IOException {
        List<List<String>> records = CsvText.parse(Files.readString(sweep.resolve("summary.csv")));
        List<String> header = records.get(0);
        assertEquals(SummaryTable.TIMING, header.subList(header.size() - 4, header.size()), "timing columns last");
        List<String> out = new ArrayList<>();
        for (List<String> r : records) {
            out.add(CsvText.line(r.subList(0, r.size() - 4)));
        }
        return out;
    }

    @Test
    void rowsInParallelGiveTheSummaryOfRowsRunOneByOneInAnyOrder() throws Exception {
        String[] grid = {"--eta", "0.1,0.02", "--seeds", "0..1"};
        Path a = plan("a", grid);
        Path b = plan("b", grid);
        Cli.Result all = SweepCli.sweepRun(a.toString(), "--all", "--jobs", "2");
        assertEquals(0, all.code(), all.toString());
        assertTrue(all.out().contains("4 finished, 0 diverged of the 4 rows to run"), all.out());
        for (int i = 3; i >= 0; i--) {
            assertEquals(0, SweepCli.sweepRun(b.toString(), "--index", Integer.toString(i)).code());
        }
        for (Path s : List.of(a, b)) {
            Cli.Result c = Cli.run("sweep", "collect", s.toString());
            assertEquals(0, c.code(), c.toString());
            assertTrue(c.out().contains("collected 4 rows (4 completed) into"), c.out());
        }
        List<String> sa = deterministic(a);
        assertEquals(sa, deterministic(b));
        assertEquals(5, sa.size());
        List<List<String>> rec = CsvText.parse(Files.readString(a.resolve("summary.csv")));
        List<String> header = rec.get(0);
        assertEquals(List.of("index", "id", "eta", "seed", "status", "steps_done", "phase2_start", "step", "tau",
                "phase", "loss"), header.subList(0, 11));
        ManifestRow row = Manifest.read(a.resolve("manifest.csv")).rows().get(1);
        List<String> r1 = rec.get(2);
        assertEquals(List.of("1", row.id(), "0.1", "1", "completed", "3000"), r1.subList(0, 6));
        // last values are the last non-empty cells of metrics.csv, copied as written
        List<String> metrics = Files.readAllLines(a.resolve("runs").resolve(row.id()).resolve("metrics.csv"));
        int loss = List.of(metrics.get(0).split(",")).indexOf("loss");
        assertEquals(metrics.get(metrics.size() - 1).split(",", -1)[loss], r1.get(header.indexOf("loss")));
        assertTrue(Double.parseDouble(r1.get(header.indexOf("steps_per_second"))) > 0);

        Cli.Result again = SweepCli.sweepRun(a.toString(), "--all");
        assertEquals(0, again.code());
        assertTrue(again.out().contains("all 4 rows have finished"), again.out());
    }

    @Test
    void rowsNotRunYetArePending() throws Exception {
        Path s = plan("S", "--seeds", "0..2");
        assertEquals(0, SweepCli.sweepRun(s.toString(), "--index", "1").code());
        Cli.Result c = Cli.run("sweep", "collect", s.toString());
        assertTrue(c.out().contains("collected 3 rows (2 pending, 1 completed)"), c.out());
        List<List<String>> rec = CsvText.parse(Files.readString(s.resolve("summary.csv")));
        assertEquals("pending", rec.get(1).get(rec.get(0).indexOf("status")));
        assertEquals("", rec.get(1).get(rec.get(0).indexOf("loss")));
        assertEquals("completed", rec.get(2).get(rec.get(0).indexOf("status")));
        Cli.Result notSweep = Cli.run("sweep", "collect", tmp.toString());
        assertEquals(2, notSweep.code());
    }

    @Test
    void ctrlCCheckpointsEveryRunningRowAndTheSweepContinuesToTheSameSummary() throws Exception {
        String[] longRows = {"--eta", "0.05", "--seeds", "0..3", "--steps", "400000"};
        Path ref = tmp.resolve("ref");
        Path s = tmp.resolve("S");
        for (Path p : List.of(ref, s)) {
            Cli.Result r = Cli.run("sweep", "plan", "--model", "toy2d", "--metrics-every", "100",
                    "--log-points", "10", "--out", p.toString(), longRows[0], longRows[1], longRows[2], longRows[3],
                    longRows[4], longRows[5]);
            assertEquals(0, r.code(), r.toString());
        }
        assertEquals(0, SweepCli.sweepRun(ref.toString(), "--all", "--jobs", "2").code());
        List<ManifestRow> rows = Manifest.read(s.resolve("manifest.csv")).rows();
        Cli.Result stopped = SweepCli.sweepRun(Cli.stoppingBackend("INT", 2), s.toString(), "--all", "--jobs", "2");
        assertEquals(4, stopped.code(), stopped.toString());
        assertTrue(stopped.err().contains("received SIGINT: checkpointing the running rows"), stopped.err());
        assertTrue(stopped.err().contains("stopped: 2 running rows checkpointed, 2 not started"), stopped.err());
        int checkpointed = 0;
        for (ManifestRow r : rows) {
            Path dir = s.resolve("runs").resolve(r.id());
            assertFalse(Files.exists(dir.resolve("DONE")), "no row finished: " + r.label());
            checkpointed += Files.isRegularFile(dir.resolve("checkpoint.npz")) ? 1 : 0;
        }
        assertEquals(2, checkpointed, "both running rows wrote their checkpoints");

        Cli.Result rest = SweepCli.sweepRun(s.toString(), "--all", "--jobs", "2");
        assertEquals(0, rest.code(), rest.toString());
        for (Path p : List.of(ref, s)) {
            assertEquals(0, Cli.run("sweep", "collect", p.toString()).code());
        }
        assertEquals(deterministic(ref), deterministic(s), "nothing lost: the summary of an uninterrupted sweep");
    }
}
