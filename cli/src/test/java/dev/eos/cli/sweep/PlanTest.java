package dev.eos.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eos.cli.Cli;
import dev.eos.io.Json;
import dev.eos.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** eos sweep plan: the manifest, the base config, stable ids, and bad plans (exit 2, one line, nothing written). */
class PlanTest {

    @TempDir
    Path tmp;

    @Test
    void theIssuesPlanHasOneRowPerEtaAndSeed() throws Exception {
        Path s = tmp.resolve("S");
        Cli.Result r = Cli.run(SweepCli.toyPlan(s, "--eta", "1e-1:1e-4:log:16", "--seeds", "0..4"));
        assertEquals(0, r.code(), r.toString());
        Manifest m = Manifest.read(s.resolve("manifest.csv"));
        assertEquals(List.of("index", "id", "eta", "seed"), m.header());
        assertEquals(80, m.rows().size());
        Set<String> ids = new HashSet<>();
        m.rows().forEach(row -> ids.add(row.id()));
        assertEquals(80, ids.size(), "every row is a different run");
        assertEquals("0.1", m.rows().get(0).values().get("eta"));
        assertEquals("0", m.rows().get(0).values().get("seed"));
        assertEquals("4", m.rows().get(4).values().get("seed"), "seeds vary fastest (the last grid given)");
        assertEquals("1.0E-4", m.rows().get(79).values().get("eta"));
        String base = Files.readString(s.resolve("base.toml"));
        assertTrue(base.contains("model = \"toy2d\"") && base.contains("steps = 3000"), base);
        assertFalse(base.contains("eta") || base.contains("seed"), "grid keys are not in the base: " + base);
        JsonNode meta = Json.read(s.resolve("sweep.json"));
        assertEquals(80, meta.get("rows").asInt());
        assertEquals("1e-1:1e-4:log:16", meta.get("grid").get(0).get("expr").asText());
        assertTrue(r.out().contains("planned 80 runs (16 eta x 5 seed)"), r.out());
    }

    @Test
    void idsAreStableAndAreTheIdsOfEosRun() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(0, Cli.run(SweepCli.toyPlan(a, "--eta", "0.05,0.01", "--seeds", "1..2")).code());
        assertEquals(0, Cli.run(SweepCli.toyPlan(b, "--eta", "0.05,0.01", "--seeds", "1..2")).code());
        assertEquals(Files.readString(a.resolve("manifest.csv")), Files.readString(b.resolve("manifest.csv")),
                "the same plan gives the same manifest");
        // row 3 is eta = 0.01, seed 2: eos run with those options writes the same id into its run.json
        Path run = tmp.resolve("run");
        Cli.Result r = Cli.run("run", "--model", "toy2d", "--steps", "3000", "--metrics-every", "100",
                "--log-points", "10", "--eta", "0.01", "--seed", "2", "--no-plots", "--out", run.toString());
        assertEquals(0, r.code(), r.toString());
        ManifestRow row = Manifest.read(a.resolve("manifest.csv")).rows().get(3);
        assertEquals("0.01", row.values().get("eta"));
        assertEquals(Json.read(run.resolve("run.json")).get("id").asText(), row.id());
    }

    @Test
    void anyRunOptionCanBeAGridAndFlagsOverrideTheConfig() throws Exception {
        Path cfg = tmp.resolve("base.toml");
        Files.writeString(cfg, "model = \"deep-linear\"\ndepth = 2\nwidth = 3\neta = 0.5\nsteps = 100\n");
        Path s = tmp.resolve("S");
        Cli.Result r = Cli.run("sweep", "plan", "--config", cfg.toString(), "--grid", "width=2,3",
                "--algo", "ngd,sqrt", "--eta", "0.01", "--out", s.toString());
        assertEquals(0, r.code(), r.toString());
        Manifest m = Manifest.read(s.resolve("manifest.csv"));
        assertEquals(List.of("width", "algo"), m.keys());
        assertEquals(4, m.rows().size());
        assertEquals(List.of("2", "sqrt"), List.copyOf(m.rows().get(1).values().values()));
        String base = Files.readString(s.resolve("base.toml"));
        assertTrue(base.contains("eta = 0.01"), "the flag overrides the file: " + base);
        assertTrue(base.contains("depth = 2") && !base.contains("width"), base);
    }

    @Test
    void listOptionsTakeGridsSeparatedBySemicolonsAndHorizonsSetTheLength() throws Exception {
        Path s = tmp.resolve("S");
        Cli.Result r = Cli.run("sweep", "plan", "--model", "deep-linear", "--grid", "widths=2,3,2;2,2,2",
                "--eta", "0.1,0.05", "--horizon", "0.5", "--out", s.toString());
        assertEquals(0, r.code(), r.toString());
        String text = Files.readString(s.resolve("manifest.csv"));
        assertTrue(text.contains(",\"2,3,2\",0.1\n"), "list cells are quoted: " + text);
        ManifestRow row = Manifest.read(s.resolve("manifest.csv")).rows().get(1);
        RowParser parser = new RowParser(dev.eos.cli.Eos.newCommandLine(new dev.eos.cli.backend.EngineBackend()));
        RowCommand.Resolved resolved = parser
                .resolve(s.resolve("base.toml"), row.values(), s.resolve("runs/x"), row.label());
        assertTrue(resolved.spec().isHorizon());
        assertEquals(0.5, resolved.spec().horizon());
        assertEquals(Math.floor(0.5 / (0.05 * 0.05) * (1 + 1e-9)), resolved.spec().horizonSteps(),
                "steps = T2 / eta^2 after Phase I");
        assertEquals(row.id(), resolved.id());
    }

    @Test
    void aRowTakesExactlyTheOptionsOfEosRun() {
        CommandLine root = dev.eos.cli.Eos.newCommandLine();
        Set<String> run = names(root.getSubcommands().get("run"));
        Set<String> row = names(root.getSubcommands().get("sweep").getSubcommands().get("row"));
        assertEquals(run, row);
        Set<String> plan = names(root.getSubcommands().get("sweep").getSubcommands().get("plan"));
        Set<String> missing = new TreeSet<>(run);
        missing.removeAll(plan);
        assertEquals(Set.of("--no-progress", "--no-plots"), missing,
                "plan takes every run option (--out is the sweep; progress and plots are per invocation)");
    }

    private static Set<String> names(CommandLine cl) {
        Set<String> out = new TreeSet<>();
        for (OptionSpec o : cl.getCommandSpec().options()) {
            out.add(o.longestName());
        }
        return out;
    }

    @Test
    void badPlansExitTwoWithOneLineAndWriteNothing() throws Exception {
        Path existing = tmp.resolve("existing");
        assertEquals(0, Cli.run(SweepCli.toyPlan(existing, "--seeds", "0..1")).code());
        String[][] cases = {
            {"--grid", "seed="},
            {"--eta", "1e-1:1e-4:log:0"},
            {"--grid", "foo=1,2"},
            {"--grid", "out=a,b"},
            {"--grid", "seed"},
            {"--seed", "3", "--seeds", "0..2"},
            {"--eta", "0.1", "--grid", "eta=0.1,0.2"},
            {"--grid", "seed=1,2", "--grid", "seed=3,4"},
            {"--eta", "0.1,-0.1"},
            {"--algo", "ngd,gd", "--flow"},
            {"--grid", "threads=1,2"},
            {"--grid", "width=4,8"},
            {"--grid", "eta=0.1,x"},
            {"--grid", "algo=ngd,adam"},
        };
        String[] expected = {
            "empty grid", "empty grid", "unknown option --foo", "not a run option", "expected KEY=VALUES",
            "both as a single value and as a grid", "both as a single value and as a grid", "given twice",
            "--eta must be a positive finite number", "has no limiting flow", "are the same run",
            "does not apply to --model toy2d", "'x' is not a number", "unknown algorithm 'adam'",
        };
        for (int i = 0; i < cases.length; i++) {
            Path s = tmp.resolve("bad" + i);
            Cli.Result r = Cli.run(SweepCli.toyPlan(s, cases[i]));
            assertEquals(2, r.code(), String.join(" ", cases[i]) + "\n" + r);
            assertEquals(1, r.errLines().size(), r.toString());
            assertTrue(r.err().contains(expected[i]), "case " + String.join(" ", cases[i]) + ": " + r.err());
            assertFalse(Files.exists(s), "nothing written for " + String.join(" ", cases[i]));
        }
        Cli.Result again = Cli.run(SweepCli.toyPlan(existing, "--seeds", "0..2"));
        assertEquals(2, again.code(), again.toString());
        assertTrue(again.err().contains("already holds a sweep"), again.err());
        Cli.Result row = Cli.run("sweep", "plan", "--model", "toy2d", "--grid", "eta=0.1,0.2",
                "--algo", "ngd,gd", "--horizon", "2", "--out", tmp.resolve("r").toString());
        assertEquals(2, row.code(), row.toString());
        assertTrue(row.err().contains("row 1 (eta=0.1, algo=gd): "), "a refused row is named: " + row.err());
    }

    @Test
    void replanningWithForceKeepsTheIdsOfRowsThatStay() throws Exception {
        Path s = tmp.resolve("S");
        assertEquals(0, Cli.run(SweepCli.toyPlan(s, "--eta", "0.05", "--seeds", "0..1")).code());
        List<String> before = new ArrayList<>();
        Manifest.read(s.resolve("manifest.csv")).rows().forEach(r -> before.add(r.id()));
        Cli.Result r = Cli.run(SweepCli.toyPlan(s, "--eta", "0.05", "--seeds", "0..3", "--force"));
        assertEquals(0, r.code(), r.toString());
        List<ManifestRow> after = Manifest.read(s.resolve("manifest.csv")).rows();
        assertEquals(before, List.of(after.get(0).id(), after.get(1).id()));
        assertNotEquals(after.get(1).id(), after.get(2).id());
    }

    @Test
    void startFilesAreAGridOfDifferentRunsAndTheirContentIsTheirIdentity() throws Exception {
        Path a = tmp.resolve("a.npy");
        Path b = tmp.resolve("b.npy");
        Path aCopy = tmp.resolve("copy/a.npy");
        Npy.write(a, new double[] {0.3, 0.2}, 2);
        Npy.write(b, new double[] {0.5, 0.1}, 2);
        Files.createDirectories(aCopy.getParent());
        Files.copy(a, aCopy);
        Path s = tmp.resolve("S");
        Cli.Result r = Cli.run(SweepCli.toyPlan(s, "--grid", "init=" + a + "," + b));
        assertEquals(0, r.code(), "two start points are two runs: " + r);
        List<ManifestRow> rows = Manifest.read(s.resolve("manifest.csv")).rows();
        assertNotEquals(rows.get(0).id(), rows.get(1).id());
        Cli.Result same = Cli.run(SweepCli.toyPlan(tmp.resolve("T"), "--grid", "init=" + a + "," + aCopy));
        assertEquals(2, same.code(), same.toString());
        assertTrue(same.err().contains("are the same run"), "the same bytes at two paths: " + same.err());
    }

    @Test
    void dryRunPrintsTheManifestAndWritesNothing() {
        Path s = tmp.resolve("S");
        Cli.Result r = Cli.run(SweepCli.toyPlan(s, "--seeds", "0..2", "--dry-run"));
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("index,id,seed\n0,"), r.out());
        assertEquals(4, r.out().split("\n").length);
        assertFalse(Files.exists(s));
    }
}
