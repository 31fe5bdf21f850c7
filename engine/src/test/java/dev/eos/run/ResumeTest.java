package dev.eos.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.io.AtomicFiles;
import dev.eos.io.CsvReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop, crash, resume and extend: the final iterate and metrics.csv must be byte-identical to an uninterrupted run
 * (no duplicated or lost row), whatever the interruption.
 */
class ResumeTest {

    @TempDir
    Path tmp;

    /**
     * toy3d with NGD, a perturbation (so the generator state matters), phase detection, the flow, pairs, log points
     * and every kind of row; 3000 steps.
     */
    static RunSpec spec() {
        return RunSpec.builder().model(ModelConfig.of("toy3d")).algorithm("ngd").eta(0.02).steps(3000).seed(5)
                .noise(1e-7, 10).metricsEvery(7).phiEvery(50).logPoints(12).lastSteps(4).checkpointEvery(400)
                .snapshotEvery(1000).flow(true).build();
    }

    /** The uninterrupted reference run. */
    private Path reference(RunSpec spec) throws IOException {
        Path dir = tmp.resolve("reference");
        RunResult r = TestKit.engine().start(spec, dir, RunListener.NONE, new StopToken());
        assertEquals(RunStatus.COMPLETED, r.status(), r.message());
        return dir;
    }

    static void assertSameRun(Path expected, Path actual) throws IOException {
        assertArrayEquals(Files.readAllBytes(expected.resolve("final.npy")),
                Files.readAllBytes(actual.resolve("final.npy")), "final iterate bit-identical");
        List<String> e = CsvReader.lines(expected.resolve("metrics.csv"));
        List<String> a = CsvReader.lines(actual.resolve("metrics.csv"));
        assertEquals(e.size(), a.size(), "row count");
        for (int i = 0; i < e.size(); i++) {
            assertEquals(e.get(i), a.get(i), "metrics.csv line " + (i + 1));
        }
        assertArrayEquals(Files.readAllBytes(expected.resolve("metrics.csv")),
                Files.readAllBytes(actual.resolve("metrics.csv")));
    }

    /** A listener that requests a stop once progress passes {@code step}. */
    /**
     * Requests a stop once the run has passed the given step, seen at a progress heartbeat or, deterministically
     * whatever the machine's speed, at the first checkpoint after it (heartbeats are spaced in wall time, so a fast
     * run can finish between two of them).
     */
    static RunListener stopAfter(StopToken token, long step) {
        return new RunListener() {
            @Override
            public void onProgress(Progress p) {
                if (p.step() >= step) {
                    token.requestStop("test");
                }
            }

            @Override
            public void onCheckpoint(long t) {
                if (t >= step) {
                    token.requestStop("test");
                }
            }
        };
    }

    @Test
    void stoppedAndResumedRunIsBitIdentical() throws IOException {
        RunSpec spec = spec();
        Path ref = reference(spec);
        Path dir = tmp.resolve("stopped");
        StopToken token = new StopToken();
        RunResult first = TestKit.engine().start(spec, dir, stopAfter(token, 300), token);
        assertEquals(RunStatus.STOPPED, first.status(), first.message());
        assertTrue(first.step() >= 300 && first.step() < 3000, "stopped at " + first.step());
        assertEquals(first.step(), RunDirectory.checkpointStep(dir), "a checkpoint at the stop step");
        assertEquals(RunStatus.STOPPED, RunDirectory.status(dir));
        assertEquals(4, first.status().exitCode());

        // stop a second time, then finish
        StopToken again = new StopToken();
        RunResult second = TestKit.engine().resume(dir, stopAfter(again, 1500), again);
        assertEquals(RunStatus.STOPPED, second.status(), second.message());
        RunResult last = TestKit.engine().resume(dir, RunListener.NONE, new StopToken());
        assertEquals(RunStatus.COMPLETED, last.status(), last.message());
        assertSameRun(ref, dir);
        assertEquals(3, RunDirectory.runJson(dir).get("sessions").size());
        assertEquals(3000, RunDirectory.runJson(dir).get("timing").get("steps").asLong());
    }

    @Test
    void stopRequestedBeforeTheFirstStepCheckpointsStepZero() throws IOException {
        Path ref = reference(spec());
        Path dir = tmp.resolve("zero");
        StopToken token = new StopToken();
        token.requestStop("SIGTERM");
        RunResult r = TestKit.engine().start(spec(), dir, RunListener.NONE, token);
        assertEquals(RunStatus.STOPPED, r.status());
        assertEquals(0, r.step());
        assertTrue(r.message().contains("SIGTERM"), r.message());
        TestKit.engine().resume(dir, RunListener.NONE, new StopToken());
        assertSameRun(ref, dir);
    }

    @Test
    void crashDuringACheckpointWriteKeepsThePreviousCheckpoint() throws IOException {
        RunSpec spec = spec();
        Path ref = reference(spec);
        Path dir = tmp.resolve("crashed");
        // the run "dies" while writing its third checkpoint (steps 0 and 400 are written, 800 is torn)
        RunListener armCrash = new RunListener() {
            @Override
            public void onCheckpoint(long step) {
                if (step == 400) {
                    CheckpointFile.crashNextWriteAfterBytes = 300;
                }
            }
        };
        try {
            assertThrows(IOException.class, () -> TestKit.engine().start(spec, dir, armCrash, new StopToken()));
        } finally {
            CheckpointFile.crashNextWriteAfterBytes = -1;
        }
        assertTrue(Files.exists(AtomicFiles.tempFor(dir.resolve("checkpoint.npz"))), "a torn temporary file");
        assertEquals(400, RunDirectory.checkpointStep(dir), "the previous checkpoint is intact and verifies");
        assertEquals(RunStatus.FAILED, RunDirectory.status(dir), "run.json records the I/O failure");
        assertTrue(RunDirectory.runJson(dir).get("message").asText().contains("simulated crash"));
        long rowsOnDisk = CsvReader.read(dir.resolve("metrics.csv")).rows();
        assertTrue(rowsOnDisk > 400 / 7, "rows past the checkpoint were on disk: " + rowsOnDisk);

        RunResult r = TestKit.engine().resume(dir, RunListener.NONE, new StopToken());
        assertEquals(RunStatus.COMPLETED, r.status(), r.message());
        assertTrue(Files.notExists(AtomicFiles.tempFor(dir.resolve("checkpoint.npz"))));
        assertSameRun(ref, dir);
    }

    @Test
    void extendingAFinishedRunContinuesTheSameTrajectory() throws IOException {
        RunSpec spec = spec();
        Path ref = reference(spec);
        Path dir = tmp.resolve("short");
        RunSpec shorter = spec.toBuilder().steps(1800).build();
        assertEquals(RunStatus.COMPLETED, TestKit.engine().start(shorter, dir, RunListener.NONE,
                new StopToken()).status());
        assertThrows(InvalidRunException.class,
                () -> TestKit.engine().resume(dir, RunListener.NONE, new StopToken()), "already complete");
        assertThrows(InvalidRunException.class,
                () -> TestKit.engine().extend(dir, 1800, RunListener.NONE, new StopToken()), "not longer");
        RunResult r = TestKit.engine().extend(dir, 3000, RunListener.NONE, new StopToken());
        assertEquals(RunStatus.COMPLETED, r.status(), r.message());
        assertEquals(3000, r.step());
        assertArrayEquals(Files.readAllBytes(ref.resolve("final.npy")), Files.readAllBytes(dir.resolve("final.npy")));
        // rows strictly increasing: nothing duplicated across the extension
        double[] steps = CsvReader.read(dir.resolve("metrics.csv")).column("step");
        for (int i = 1; i < steps.length; i++) {
            assertTrue(steps[i] > steps[i - 1], "row " + i);
        }
        assertEquals(3000, RunDirectory.spec(dir).steps());
        // the trajectory is the same: at every step both files record, the cheap cells agree exactly (log points
        // are planned over the run's length, so the two files need not record the same steps)
        CsvReader.Table ta = CsvReader.read(ref.resolve("metrics.csv"));
        CsvReader.Table tb = CsvReader.read(dir.resolve("metrics.csv"));
        java.util.Map<Long, Integer> rowOf = new java.util.HashMap<>();
        for (int i = 0; i < tb.rows(); i++) {
            rowOf.put((long) tb.column("step")[i], i);
        }
        int common = 0;
        for (int i = 0; i < ta.rows(); i++) {
            Integer j = rowOf.get((long) ta.column("step")[i]);
            if (j != null) {
                common++;
                for (String c : List.of("loss", "grad_norm", "eta_eff", "sharpness", "phase")) {
                    assertEquals(ta.column(c)[i], tb.column(c)[j], c + " at step " + ta.column("step")[i]);
                }
            }
        }
        assertTrue(common > 400, "compared " + common + " rows");
    }

    @Test
    void aRunInProgressCannotBeResumedByAnotherSession() throws IOException {
        Path dir = tmp.resolve("busy");
        String[] refusal = new String[1];
        RunListener meddler = new RunListener() {
            @Override
            public void onCheckpoint(long step) {
                if (step == 400) {
                    try {
                        TestKit.engine().resume(dir, RunListener.NONE, new StopToken());
                    } catch (InvalidRunException e) {
                        refusal[0] = e.getMessage();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        };
        RunResult r = TestKit.engine().start(spec(), dir, meddler, new StopToken());
        assertEquals(RunStatus.COMPLETED, r.status());
        assertTrue(refusal[0] != null && refusal[0].contains("in use"), String.valueOf(refusal[0]));
        assertSameRun(reference(spec()), dir);
    }

    @Test
    void resumeRefusesWhatIsNotARun() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThrows(InvalidRunException.class,
                () -> TestKit.engine().resume(empty, RunListener.NONE, new StopToken()));
        assertThrows(InvalidRunException.class,
                () -> TestKit.engine().resume(tmp.resolve("missing"), RunListener.NONE, new StopToken()));
    }
}
