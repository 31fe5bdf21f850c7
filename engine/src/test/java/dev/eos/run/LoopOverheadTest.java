package dev.eos.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Timing of the engine's step loop on a deep linear net N = 4, d = 8 (the test stand-in model, plain Java loops):
 * a bare loop over the same optimizer, the engine with metrics off, cheap rows every 1000 steps, and cheap rows with
 * a 10-iteration warm-started power-iteration sharpness (20 gradients per row). Times are thread CPU seconds of
 * whole sessions (a loaded machine does not distort them); the modes are interleaved over 3 rounds and the best of
 * each is kept; the engine's own accounting (metric seconds / loop seconds, as in run.json) is reported beside. Writes engine/target/loop-overhead.txt and
 * asserts the budgets: engine overhead within 5% of the bare loop, cheap metrics every 1000 steps &lt; 10%.
 */
@Tag("slow")
class LoopOverheadTest {

    @TempDir
    Path tmp;

    private static final long STEPS = 200_000;
    private int runs;

    private double cpu;

    private RunResult engine(long metricsEvery, int powerIterations) throws Exception {
        MetricsFactory mf = (s, m) -> powerIterations > 0
                ? new Meters(new TestKit.PowerSharpness(m, powerIterations), null, null, null) : Meters.none();
        RunSpec spec = RunSpec.builder().model(ModelConfig.of("deep-linear-test").with("depth", 4).with("width", 8))
                .algorithm("ngd").eta(1e-4).steps(STEPS).metricsEvery(metricsEvery).build();
        double c0 = CpuClock.seconds();
        RunResult r = new RunEngine(TestKit::problem, SimpleOptimizer.factory(), mf)
                .start(spec, tmp.resolve("r" + runs++), RunListener.NONE, new StopToken());
        cpu = CpuClock.seconds() - c0;
        return r;
    }

    /** The thread CPU seconds of the session that returned r (the last one). */
    private double seconds(RunResult r) {
        return cpu;
    }

    private static double bareSeconds() {
        TinyDeepLinear m = new TinyDeepLinear(4, 8, 0);
        double[] x = m.start(1);
        SimpleOptimizer o = new SimpleOptimizer("ngd", m, 1e-4, 0, 0, 0);
        double c0 = CpuClock.seconds();
        for (long k = 0; k < STEPS; k++) {
            o.step(x);
        }
        return CpuClock.seconds() - c0;
    }

    @Test
    void stepLoopOverheadAndCheapMetricCost() throws Exception {
        engine(0, 0);
        engine(1000, 10); // warm-up of every code path
        double bare = Double.MAX_VALUE;
        double off = Double.MAX_VALUE;
        double rows = Double.MAX_VALUE;
        double sharp = Double.MAX_VALUE;
        double inRunRows = Double.MAX_VALUE;
        double inRunSharp = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            bare = Math.min(bare, bareSeconds());
            off = Math.min(off, seconds(engine(0, 0)));
            RunResult r = engine(1000, 0);
            rows = Math.min(rows, seconds(r));
            inRunRows = Math.min(inRunRows, r.session().metricOverhead());
            RunResult s = engine(1000, 10);
            sharp = Math.min(sharp, seconds(s));
            inRunSharp = Math.min(inRunSharp, s.session().metricOverhead());
        }
        String report = String.format(Locale.ROOT, "deep-linear-test N=4 d=8, ngd, %d steps, best of 3 interleaved%n"
                + "bare loop            %8.1f ns/step%n"
                + "engine, metrics off  %8.1f ns/step  (%+.1f%% vs bare)%n"
                + "rows every 1000      %8.1f ns/step  (%+.1f%% vs metrics off; in-run metric/loop time %.2f%%)%n"
                + "rows+sharpness/1000  %8.1f ns/step  (%+.1f%% vs metrics off; in-run metric/loop time %.2f%%)%n",
                STEPS, 1e9 * bare / STEPS, 1e9 * off / STEPS, 100 * (off / bare - 1), 1e9 * rows / STEPS,
                100 * (rows / off - 1), 100 * inRunRows, 1e9 * sharp / STEPS, 100 * (sharp / off - 1),
                100 * inRunSharp);
        Files.writeString(Path.of("target", "loop-overhead.txt"), report);
        assertTrue(off / bare < 1.05, report);
        assertTrue(inRunRows < 0.10, report);
        assertTrue(inRunSharp < 0.10, report);
    }
}
