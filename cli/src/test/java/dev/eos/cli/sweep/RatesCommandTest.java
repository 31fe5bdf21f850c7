package dev.eos.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.cli.Cli;
import dev.eos.io.CsvReader;
import dev.eos.rates.FitOptions;
import dev.eos.rates.RateFit;
import dev.eos.rates.Rates;
import dev.eos.rates.Sample;
import dev.eos.run.RunDirectory;
import dev.eos.run.RunSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * eos rates on a finished sweep: its fit is dev.eos.rates' fit of the samples read from the runs' own files (eta and
 * seed from run.json, y the reduced metrics column), one per group of the other grid options; checks exit 5 when
 * they fail; bad requests exit 2.
 */
class RatesCommandTest {

    @TempDir
    static Path tmp;

    static Path sweep;

    @BeforeAll
    static void runTheSweep() {
        sweep = tmp.resolve("S");
        Cli.Result p = Cli.run("sweep", "plan", "--model", "toy2d", "--eta", "0.1,0.05,0.02", "--algo",
                "ngd,sqrt", "--seeds", "0..1", "--steps", "2000", "--metrics-every", "50", "--log-points", "10",
                "--out", sweep.toString());
        assertEquals(0, p.code(), p.toString());
        Cli.Result r = SweepCli.sweepRun(sweep.toString(), "--all", "--jobs", "2");
        assertEquals(0, r.code(), r.toString());
    }

    /** The fit of one algorithm's runs, computed here from the run directories. */
    private static RateFit expected(String algo, MetricReduce reduce, String metric) throws Exception {
        List<Sample> samples = new ArrayList<>();
        for (ManifestRow row : Manifest.read(sweep.resolve("manifest.csv")).rows()) {
            if (row.values().get("algo").equals(algo)) {
                Path dir = sweep.resolve("runs").resolve(row.id());
                RunSpec spec = RunDirectory.spec(dir);
                samples.add(new Sample(spec.eta(), spec.seed(),
                        reduce.apply(CsvReader.read(dir.resolve("metrics.csv")), metric)));
            }
        }
        return Rates.fit(samples, FitOptions.defaults());
    }

    @Test
    void theFitIsTheRatesFitOfTheRunsOneForEachAlgorithm() throws Exception {
        Cli.Result r = Cli.run("rates", sweep.toString(), "--metric", "grad_norm", "--reduce", "mean");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("over 12 completed runs"), r.out());
        List<List<String>> csv = CsvText.parse(Files.readString(sweep.resolve("rates-grad_norm-mean.csv")));
        assertEquals(List.of("algo", "metric", "reduce", "p", "p_lo", "p_hi"), csv.get(0).subList(0, 6));
        assertEquals(3, csv.size(), "a header and one fit per algorithm");
        for (List<String> row : csv.subList(1, 3)) {
            RateFit f = expected(row.get(0), MetricReduce.MEAN, "grad_norm");
            assertEquals(Double.toString(f.slope()), row.get(3), "the same samples give the same bits");
            assertEquals(Double.toString(f.lo()), row.get(4));
            assertEquals(Double.toString(f.hi()), row.get(5));
            assertEquals("3", row.get(csv.get(0).indexOf("etas")));
            assertEquals("2", row.get(csv.get(0).indexOf("seeds")));
            assertTrue(r.out().contains("algo=" + row.get(0) + ": p = " + String.format(java.util.Locale.ROOT,
                    "%.3f", f.slope())), r.out());
        }
        assertTrue(Files.size(sweep.resolve("rates-grad_norm-mean.png")) > 10_000, "the log-log plot");
    }

    @Test
    void aPredictionThatFailsExitsFiveAndOneThatHoldsPasses() throws Exception {
        Path png = tmp.resolve("plots/eta_eff.png");
        double ngd = expected("ngd", MetricReduce.LAST, "eta_eff").slope();
        double sqrt = expected("sqrt", MetricReduce.LAST, "eta_eff").slope();
        double between = (ngd + sqrt) / 2;
        double tol = Math.abs(ngd - sqrt) / 2 + 1e-9; // both within tol of the middle: Theta holds for both
        Cli.Result pass = Cli.run("rates", sweep.toString(), "--metric", "eta_eff", "--expect",
                Double.toString(between), "--kind", "theta", "--tol", Double.toString(tol), "--out", png.toString());
        assertEquals(0, pass.code(), pass.toString());
        assertEquals(2, pass.out().split("PASS against Theta").length - 1, pass.out());
        assertTrue(Files.isRegularFile(png) && Files.isRegularFile(tmp.resolve("plots/eta_eff.csv")));
        Cli.Result fail = Cli.run("rates", sweep.toString(), "--metric", "eta_eff", "--expect",
                Double.toString(Math.max(ngd, sqrt) + 1), "--out", png.toString());
        assertEquals(5, fail.code(), fail.toString());
        assertTrue(fail.out().contains("FAIL against O(eta^"), fail.out());
    }

    @Test
    void divergedRunsAreLeftOut() throws Exception {
        Path copy = tmp.resolve("copy");
        Cli.Result p = Cli.run("sweep", "plan", "--model", "toy2d", "--eta", "0.1,0.05", "--steps", "500",
                "--metrics-every", "50", "--log-points", "10", "--out", copy.toString());
        assertEquals(0, p.code(), p.toString());
        assertEquals(0, SweepCli.sweepRun(copy.toString(), "--all").code());
        String id = Manifest.read(copy.resolve("manifest.csv")).rows().get(0).id();
        RowRunner.writeDone(copy.resolve("runs").resolve(id).resolve("DONE"), dev.eos.run.RunStatus.DIVERGED, 7, "");
        Cli.Result r = Cli.run("rates", copy.toString(), "--metric", "loss");
        assertEquals(2, r.code(), "one eta left: nothing to fit: " + r);
        assertTrue(r.err().contains("1 eta with a finite, positive value among the completed runs (left out: 1 "
                + "diverged); a rate needs at least two"), r.err());
    }

    @Test
    void badRequestsExitTwoWithOneLine() throws Exception {
        Path seedsOnly = tmp.resolve("seeds");
        assertEquals(0, Cli.run(SweepCli.toyPlan(seedsOnly, "--seeds", "0..1")).code());
        Path pending = tmp.resolve("pending");
        assertEquals(0, Cli.run(SweepCli.toyPlan(pending, "--eta", "0.1,0.05")).code());
        String[][] cases = {
            {seedsOnly.toString(), "--metric", "loss"},
            {pending.toString(), "--metric", "loss"},
            {sweep.toString(), "--metric", "nope"},
            {sweep.toString(), "--metric", "loss", "--reduce", "median"},
            {sweep.toString(), "--metric", "loss", "--expect", "1", "--kind", "big"},
            {sweep.toString(), "--metric", "loss", "--confidence", "1.5"},
            {tmp.resolve("none").toString(), "--metric", "loss"},
        };
        String[] expected = {"does not vary --eta", "has no completed runs yet", "no such column (it has step, tau",
            "unknown reduction 'median'", "--kind must be o, omega or theta", "confidence", "no such directory"};
        for (int i = 0; i < cases.length; i++) {
            String[] args = new String[cases[i].length + 1];
            args[0] = "rates";
            System.arraycopy(cases[i], 0, args, 1, cases[i].length);
            Cli.Result r = Cli.run(args);
            assertEquals(2, r.code(), String.join(" ", args) + "\n" + r);
            assertTrue(r.err().contains(expected[i]), r.err());
        }
    }
}
