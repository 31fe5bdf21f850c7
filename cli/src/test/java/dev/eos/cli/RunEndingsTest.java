package dev.eos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.cli.common.ExitCodes;
import dev.eos.cli.output.StopSignals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ways a run ends, each with its exit code and message (the engine is a fake here). */
class RunEndingsTest {

    @TempDir
    Path tmp;

    @Test
    void completedRunDrawsPlotsAndPrintsTheSummary() {
        FakeBackend b = new FakeBackend();
        Path dir = tmp.resolve("r");
        Cli.Result r = Cli.run(b, "run", "--out", dir.toString(), "--steps", "2000");
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        for (String f : List.of("loss", "sharpness", "stableness", "theta", "identities", "flow")) {
            assertTrue(Files.isRegularFile(dir.resolve("plots/" + f + ".png")), f + ".png");
            assertTrue(Files.isRegularFile(dir.resolve("plots/" + f + ".svg")), f + ".svg");
        }
        assertTrue(r.out().contains("sharpness lambda_1(x_t)"), r.out());
        assertTrue(r.out().contains("1/S_t + 1/S_t+1 = 1.00100"), "Phase II mean of the fake's 1.001: " + r.out());
        assertTrue(r.out().contains("(sqrt L_t + sqrt L_t+1) / prediction = 0.999000"), r.out());
        assertTrue(r.out().contains("files: " + dir), r.out());
        assertTrue(r.out().contains("2,000 steps in 500 ms (4,000 steps/s)"), r.out());
    }

    @Test
    void defaultOutIsAFreshDirectoryUnderRuns() {
        System.setProperty("eos.runs", tmp.resolve("runs").toString());
        try {
            FakeBackend b = new FakeBackend();
            Cli.Result r1 = Cli.run(b, "run", "--steps", "10", "--no-plots");
            Path first = b.lastPlan.dir();
            Cli.Result r2 = Cli.run(b, "run", "--steps", "10", "--no-plots");
            assertEquals(0, r1.code() + r2.code(), r1 + "\n" + r2);
            assertTrue(first.getFileName().toString().endsWith("-deep-linear-ngd"), first.toString());
            assertTrue(!first.equals(b.lastPlan.dir()), "running the same command twice never overwrites");
            assertEquals(tmp.resolve("runs"), first.getParent());
        } finally {
            System.clearProperty("eos.runs");
        }
    }

    @Test
    void divergedRunExitsThree() {
        FakeBackend b = new FakeBackend();
        b.ending = FakeBackend.Ending.DIVERGE;
        Cli.Result r = Cli.run(b, "run", "--out", tmp.resolve("d").toString(), "--no-plots");
        assertEquals(ExitCodes.DIVERGED, r.code(), r.toString());
        assertTrue(r.err().contains("eos run: diverged at step 1234: loss is Infinity (eta = 0.001); the last good "
                + "checkpoint (step 1000) is kept; files in "), r.err());
    }

    @Test
    void usr1StopsTheRunWithExitFourAndTheResumeCommand() {
        assertTrue(StopSignals.available(), "sun.misc.Signal is reachable from the class path");
        FakeBackend b = new FakeBackend();
        b.ending = FakeBackend.Ending.SIGNAL;
        b.signal = "USR1";
        Path dir = tmp.resolve("s");
        Cli.Result r = Cli.run(b, "run", "--out", dir.toString(), "--no-plots");
        assertEquals(ExitCodes.STOPPED, r.code(), r.toString());
        assertTrue(r.err().contains("received SIGUSR1"), r.err());
        assertTrue(r.err().contains("stopped at step 777; resume with: ./eos resume " + dir), r.err());
    }

    @Test
    void termStopsTheRunToo() {
        org.junit.jupiter.api.Assumptions.assumeTrue(StopSignals.available(), "no sun.misc.Signal here");
        FakeBackend b = new FakeBackend();
        b.ending = FakeBackend.Ending.SIGNAL;
        b.signal = "TERM";
        Cli.Result r = Cli.run(b, "run", "--out", tmp.resolve("t").toString(), "--no-plots");
        assertEquals(ExitCodes.STOPPED, r.code(), r.toString());
        assertTrue(r.err().contains("received SIGTERM"), r.err());
    }

    @Test
    void internalErrorIsOneLineWithoutStackUnlessVerbose() {
        Cli.Result r = Cli.run(new FakeBackend() {
            @Override
            public dev.eos.cli.backend.RunOutcome run(dev.eos.cli.backend.RunPlan plan,
                                                      dev.eos.cli.backend.RunObserver observer) {
                throw new IllegalStateException("boom");
            }
        }, "run", "--out", tmp.resolve("i").toString());
        assertEquals(ExitCodes.INTERNAL, r.code(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        assertTrue(r.err().contains("internal error: java.lang.IllegalStateException: boom -- please report"), r.err());
        assertTrue(!Files.exists(tmp.resolve("i")), "a run directory the engine never wrote into is removed");
        Cli.Result v = Cli.run(new FakeBackend() {
            @Override
            public dev.eos.cli.backend.RunOutcome run(dev.eos.cli.backend.RunPlan plan,
                                                      dev.eos.cli.backend.RunObserver observer) {
                throw new IllegalStateException("boom");
            }
        }, "run", "--verbose", "--out", tmp.resolve("i").toString());
        assertTrue(v.err().contains("\tat dev.eos.cli"), "--verbose prints the stack trace: " + v.err());
    }

    @Test
    void forceWritesIntoARunDirectoryReplacingItsFiles() throws Exception {
        Path dir = tmp.resolve("f");
        Files.createDirectories(dir.resolve("plots"));
        Files.writeString(dir.resolve("run.json"), "{}");
        Files.writeString(dir.resolve("plots/old.png"), "x");
        Files.writeString(dir.resolve("checkpoint.npz.tmp"), "half");
        FakeBackend b = new FakeBackend();
        Cli.Result r = Cli.run(b, "run", "--out", dir.toString(), "--force", "--no-plots", "--steps", "10");
        assertEquals(0, r.code(), r.toString());
        assertTrue(!Files.exists(dir.resolve("plots/old.png")), "the old run's plots are gone");
        assertTrue(!Files.exists(dir.resolve("checkpoint.npz.tmp")), "and its half-written checkpoint");
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Cli.Result mine = Cli.run(b, "run", "--out", dir.toString(), "--force", "--no-plots", "--steps", "10");
        assertEquals(2, mine.code(), mine.toString());
        assertTrue(mine.err().contains("holds files eos did not write (notes.txt)"), mine.err());
        assertTrue(Files.exists(dir.resolve("notes.txt")), "a user's file is never deleted");
    }

    @Test
    void resumeOfARunDirectoryRunsTheBackend() throws Exception {
        Path dir = tmp.resolve("run");
        Files.createDirectories(dir);
        FakeBackend.write(dir, 100);
        FakeBackend b = new FakeBackend();
        Cli.Result r = Cli.run(b, "resume", dir.toString(), "--steps", "4e3", "--no-plots");
        assertEquals(0, r.code(), r.toString());
        assertEquals(1, b.runs);
        assertTrue(r.out().contains("4,000 steps"), r.out());
    }
}
