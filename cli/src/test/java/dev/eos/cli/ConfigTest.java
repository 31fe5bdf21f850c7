package dev.eos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --config: keys are flag names, flags override the file, and --dry-run prints a config that reads back. */
class ConfigTest {

    @TempDir
    Path tmp;

    @Test
    void fileSetsOptionsAndFlagsOverrideIt() throws IOException {
        Path cfg = tmp.resolve("base.toml");
        Files.writeString(cfg, "algo = \"sqrt\"\neta = 0.01\nsteps = 2e4\nmetrics-every = \"1_000\"\n"
                + "no-plots = true\nflow = false\n");
        FakeBackend b = new FakeBackend();
        Cli.Result r = Cli.run(b, "run", "--config", cfg.toString(), "--eta", "0.02", "--out",
                tmp.resolve("run").toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals(0.02, b.lastPlan.eta(), 0.0, "the flag wins over the file");
        assertEquals("sqrt", b.lastPlan.algo().cliName());
        assertEquals(20_000L, b.lastPlan.steps(), "2e4 as a float in TOML is a whole number");
        assertEquals(1000L, b.lastPlan.metricsEvery());
        assertEquals(false, b.lastPlan.flow());
        assertEquals(0.02, b.lastPlan.config().get("eta"), "the resolved config holds the flag's value");
        assertTrue(!Files.exists(tmp.resolve("run/plots")), "no-plots = true in the file");
    }

    @Test
    void relativePathsInTheFileAreRelativeToIt() throws IOException {
        Path sub = Files.createDirectories(tmp.resolve("cfgs"));
        Files.writeString(sub.resolve("c.toml"), "out = \"runs/a\"\n");
        FakeBackend b = new FakeBackend();
        Cli.Result r = Cli.run(b, "run", "--config", sub.resolve("c.toml").toString(), "--steps", "10");
        assertEquals(0, r.code(), r.toString());
        assertEquals(sub.resolve("runs/a").toAbsolutePath().normalize(), b.lastPlan.dir().toAbsolutePath());
    }

    @Test
    void dryRunPrintsAConfigThatReadsBackToTheSameConfig() throws IOException {
        FakeBackend b = new FakeBackend();
        Cli.Result first = Cli.run(b, "run", "--model", "deep-linear", "--widths", "3,4,3", "--algo", "sqrt",
                "--eta", "2.5e-3", "--steps", "1e5", "--noise-radius", "1e-9", "--dry-run");
        assertEquals(0, first.code(), first.toString());
        assertEquals(0, b.runs, "a dry run runs nothing");
        assertTrue(first.out().contains("widths = [3, 4, 3]"), first.out());
        assertTrue(first.out().contains("eta = 0.0025"), first.out());
        assertTrue(first.out().contains("about 1,000,000 steps/s here"), first.out());
        Path cfg = tmp.resolve("dry.toml");
        Files.writeString(cfg, first.out());
        Cli.Result second = Cli.run(b, "run", "--config", cfg.toString(), "--dry-run");
        assertEquals(0, second.code(), second.toString());
        assertEquals(strip(first.out()), strip(second.out()), "the printed config is a fixed point");
    }

    @Test
    void aDryRunFileTakesAnotherAlgorithmOnTheCommandLine() throws IOException {
        // README: eos run --dry-run > base.toml, then eos run --config base.toml with flags that override it. The
        // default flow follows --algo, so the file must not pin "flow = true", which gd and gf refuse.
        FakeBackend b = new FakeBackend();
        Cli.Result dry = Cli.run(b, "run", "--dry-run");
        assertEquals(0, dry.code(), dry.toString());
        assertTrue(dry.out().contains("# flow: on (the default for --algo ngd"), dry.out());
        Path cfg = tmp.resolve("base.toml");
        Files.writeString(cfg, dry.out());
        Cli.Result gd = Cli.run(b, "run", "--config", cfg.toString(), "--algo", "gd", "--steps", "100", "--out",
                tmp.resolve("gd").toString(), "--no-plots");
        assertEquals(0, gd.code(), gd.toString());
        assertEquals(false, b.lastPlan.flow(), "gd has no limiting flow");
        assertEquals(false, b.lastPlan.config().get("flow"), "run.json keeps the flow setting in effect");

        Cli.Result pinned = Cli.run(b, "run", "--no-flow", "--dry-run");
        assertTrue(pinned.out().contains("flow = false"), "a flow setting the user gave is a key: " + pinned.out());
    }

    /** Drops the comment lines (the run directory name has the time in it). */
    private static String strip(String s) {
        return s.lines().filter(l -> !l.startsWith("#")).reduce("", (a, l) -> a + l + "\n");
    }

    @Test
    void modelOptionsThatDoNotApplyAreLeftOutOfTheResolvedConfig() {
        FakeBackend b = new FakeBackend();
        Cli.Result r = Cli.run(b, "run", "--model", "toy2d", "--dry-run");
        assertEquals(0, r.code(), r.toString());
        assertTrue(!r.out().contains("depth") && !r.out().contains("width"), r.out());
        assertTrue(r.out().contains("model = \"toy2d\""), r.out());
    }
}
