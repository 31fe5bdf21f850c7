package dev.eos.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.cli.backend.EngineBackend;
import dev.eos.cli.backend.RunPlan;
import dev.eos.cli.common.ExitCodes;
import dev.eos.cli.options.Choices.Algo;
import dev.eos.io.Npy;
import dev.eos.run.Column;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs through the command line on the real engine (toy2d: fast steps): files, stop, resume, refusals. */
class EngineRunTest {

    @TempDir
    Path tmp;

    private static final String[] TOY = {"--model", "toy2d", "--eta", "0.05", "--metrics-every", "100",
        "--log-points", "20"};

    private static String[] args(String... more) {
        String[] a = new String[1 + TOY.length + more.length];
        a[0] = "run";
        System.arraycopy(TOY, 0, a, 1, TOY.length);
        System.arraycopy(more, 0, a, 1 + TOY.length, more.length);
        return a;
    }

    @Test
    void aRunWritesItsFilesPlotsAndSummary() throws IOException {
        Path dir = tmp.resolve("r");
        Cli.Result r = Cli.run(new EngineBackend(), args("--steps", "4000", "--out", dir.toString()));
        assertEquals(0, r.code(), r.toString());
        for (String f : new String[] {"run.json", "metrics.csv", "final.npy", "plots/loss.png", "plots/loss.svg",
            "plots/sharpness.png"}) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f + " in " + dir);
        }
        assertEquals(String.join(",", Column.header()), Files.readAllLines(dir.resolve("metrics.csv")).get(0));
        assertTrue(r.out().contains("completed, 4,000 steps"), r.out());
        assertTrue(r.out().contains("sharpness lambda_1(x_t)"), r.out());
        String json = Files.readString(dir.resolve("run.json"));
        assertTrue(json.contains("\"algo\" : \"ngd\"") || json.contains("\"algo\":\"ngd\""), json);
    }

    @Test
    void theBuiltInDefaultIsAPhaseOneAndTwoExperimentWithTheFlow() throws IOException {
        // issue 6: ./eos run with no options is normalized GD on the square deep linear net, Phase I and then 15 units
        // of Phase II time, with the limiting flow alongside (the plan, through the fake backend: no 15e6 steps here)
        FakeBackend fake = new FakeBackend();
        System.setProperty("eos.runs", tmp.resolve("runs").toString());
        try {
            assertEquals(0, Cli.run(fake, "run", "--no-plots").code());
        } finally {
            System.clearProperty("eos.runs");
        }
        RunPlan plan = fake.lastPlan;
        assertEquals("deep-linear", plan.model().name());
        assertEquals(Algo.NGD, plan.algo());
        assertEquals(1e-3, plan.eta());
        assertEquals(15.0, plan.horizon(), "Phase II of horizon 15 after Phase I");
        assertTrue(plan.flow(), "the limiting flow alongside");

        // the same network on the real engine, with a shorter horizon: both phases, the flow, the summary table
        Path dir = tmp.resolve("builtin");
        Cli.Result r = Cli.run(new EngineBackend(), "run", "--horizon", "0.3", "--no-plots", "--out", dir.toString());
        assertEquals(0, r.code(), r.toString());
        // N sigma_1^(2(N-1)/N) = 3 * 2^(4/3) = 7.55953 (THEORY 6.1), printed to 6 digits
        assertTrue(r.out().contains("flattest 7.55953"), r.out());
        assertTrue(r.out().contains("limiting flow lambda_1(X(tau))"), r.out());
        assertTrue(r.out().contains("1/S_t + 1/S_t+1 = "), r.out());
        assertTrue(r.out().contains("files: " + dir), r.out());
        List<String> rows = Files.readAllLines(dir.resolve("metrics.csv"));
        List<String> header = List.of(rows.get(0).split(","));
        int phase = header.indexOf("phase");
        int flowSharpness = header.indexOf("flow_sharpness");
        assertTrue(rows.stream().skip(1).anyMatch(l -> l.split(",", -1)[phase].equals("1")), "Phase I rows");
        assertTrue(rows.stream().skip(1).anyMatch(l -> l.split(",", -1)[phase].equals("2")
                && !l.split(",", -1)[flowSharpness].isEmpty()), "Phase II rows with the flow's sharpness");
    }

    @Test
    void aStoppedRunResumesToTheSameBitsAsAnUninterruptedOne() throws Exception {
        Path whole = tmp.resolve("whole");
        assertEquals(0, Cli.run(new EngineBackend(), args("--steps", "300000", "--no-plots", "--out",
                whole.toString())).code());
        Path dir = tmp.resolve("stopped");
        Cli.Result stopped = Cli.run(Cli.stoppingBackend("USR1"), args("--steps", "300000", "--no-plots", "--out",
                dir.toString()));
        assertEquals(ExitCodes.STOPPED, stopped.code(), stopped.toString());
        assertTrue(stopped.err().contains("; resume with: ./eos resume " + dir), stopped.err());
        assertTrue(!Files.exists(dir.resolve("final.npy")), "a stopped run has no final iterate yet");
        Cli.Result resumed = Cli.run(new EngineBackend(), "resume", dir.toString(), "--no-plots");
        assertEquals(0, resumed.code(), resumed.toString());
        assertArrayEquals(Npy.read(whole.resolve("final.npy")).data(), Npy.read(dir.resolve("final.npy")).data(),
                "resume continues bit for bit");
        assertEquals(Files.readString(whole.resolve("metrics.csv")), Files.readString(dir.resolve("metrics.csv")),
                "no metrics row duplicated or lost");
    }

    @Test
    void sharpnessWithEtaAddsTheStablenessOfTheStep() throws Exception {
        // toy2d at its start (1, 0.05): lambda_1 = 2 (1 + x^2) + O(y^2) ~ 4.01. The sup over the GD segment
        // includes s = 0, so S >= eta lambda_1(x); the step moves x by eta 2 x y^2 = 0.0025, which changes
        // lambda_1 by about 4 x dx = 0.01, i.e. 0.25%: S lies within 1% above eta lambda_1(x).
        Cli.Result r = Cli.run(new EngineBackend(), "sharpness", "--model", "toy2d", "--eta", "0.5", "--algo", "gd",
                "--json");
        assertEquals(0, r.code(), r.toString());
        var o = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        double lambda = o.get("eigenvalues").get(0).doubleValue();
        double s = o.get("stableness").doubleValue();
        // H = [[2 y^2, 4 x y], [4 x y, 2 (1 + x^2)]] at (1, 0.05); its top eigenvalue in closed form
        double a = 2 * 0.05 * 0.05;
        double b = 4 * 0.05;
        double d = 4;
        double top = (a + d) / 2 + Math.sqrt((d - a) * (d - a) / 4 + b * b);
        assertEquals(top, lambda, 1e-12 * top, "lambda_1 of the 2x2 Hessian at (1, 0.05)");
        assertTrue(s >= 0.5 * lambda * (1 - 1e-9) && s <= 0.5 * lambda * 1.01, "S = " + s);
    }

    @Test
    void largestMagnitudeEigenvaluesComeOutInDescendingOrder() throws Exception {
        // the quadratic 1/2 x^T A x with A = diag(3, -5, 1): by magnitude -5, 3; printed descending 3, -5
        Path a = tmp.resolve("A.npy");
        Npy.write(a, new double[] {3, 0, 0, 0, -5, 0, 0, 0, 1}, 3, 3);
        Cli.Result r = Cli.run(new EngineBackend(), "sharpness", "--model", "quadratic", "--target", a.toString(),
                "--k", "2", "--which", "lm", "--exact", "--json");
        assertEquals(0, r.code(), r.toString());
        var ev = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out()).get("eigenvalues");
        assertEquals(3.0, ev.get(0).doubleValue(), 1e-12);
        assertEquals(-5.0, ev.get(1).doubleValue(), 1e-12);
    }

    @Test
    void resumeRefusesACompleteRunAndACorruptCheckpoint() throws IOException {
        Path dir = tmp.resolve("done");
        assertEquals(0, Cli.run(new EngineBackend(), args("--steps", "1000", "--no-plots", "--out",
                dir.toString())).code());
        Cli.Result complete = Cli.run(new EngineBackend(), "resume", dir.toString());
        assertEquals(2, complete.code(), complete.toString());
        assertTrue(complete.errLines().size() == 1 && complete.err().contains("is complete at step 1000"),
                complete.toString());
        Cli.Result extended = Cli.run(new EngineBackend(), "resume", dir.toString(), "--steps", "2000",
                "--no-plots");
        assertEquals(0, extended.code(), extended.toString());
        Path ckpt = dir.resolve("checkpoint.npz");
        byte[] b = Files.readAllBytes(ckpt);
        b[b.length / 2] ^= 0x40;
        Files.write(ckpt, b);
        Cli.Result corrupt = Cli.run(new EngineBackend(), "resume", dir.toString(), "--steps", "3000");
        assertEquals(2, corrupt.code(), corrupt.toString());
        assertEquals(1, corrupt.errLines().size(), corrupt.toString());
        assertTrue(corrupt.err().contains("checkpoint.npz is corrupt or truncated: its SHA-256 checksum does not "
                + "match"), "the checksum finds the flipped bit: " + corrupt);
    }
    @Test
    void aDeepLinearRunOnTwoThreadsWritesTheBitsOfOneThread() throws IOException {
        // N = 4, d = 64: large enough that --threads splits each evaluation into 2 column segments
        // (DeepLinearEvaluator); the segments and the order of every sum are fixed, so the bits cannot depend on T.
        // M = I and a start near the minimizer W_k = I (entries perturbed by 0.01 N(0, 1), dimensionless): the last
        // steps' Phi (a gradient flow to Gamma) converges in a few steps
        int d = 64;
        double[] eye = new double[d * d];
        for (int i = 0; i < d; i++) {
            eye[i * d + i] = 1;
        }
        double[] start = new double[4 * d * d];
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < start.length; i++) {
            start[i] = eye[i % (d * d)] + 0.01 * rnd.nextGaussian();
        }
        Npy.write(tmp.resolve("eye.npy"), eye, d, d);
        Npy.write(tmp.resolve("start.npy"), start, start.length);
        byte[][] finals = new byte[2][];
        for (int t = 1; t <= 2; t++) {
            Path dir = tmp.resolve("net-t" + t);
            Cli.Result r = Cli.run(new EngineBackend(), "run", "--model", "deep-linear", "--depth", "4", "--width",
                    Integer.toString(d), "--target", tmp.resolve("eye.npy").toString(), "--init",
                    tmp.resolve("start.npy").toString(), "--eta", "0.01", "--steps", "60", "--metrics-every", "20",
                    "--log-points", "0", "--no-flow", "--no-plots", "--threads", Integer.toString(t), "--out",
                    dir.toString());
            assertEquals(0, r.code(), r.toString());
            finals[t - 1] = Files.readAllBytes(dir.resolve("final.npy"));
        }
        assertArrayEquals(finals[0], finals[1], "final.npy with --threads 1 and 2");
    }
}
