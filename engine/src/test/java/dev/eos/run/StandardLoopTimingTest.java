package dev.eos.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The target on the real components: 10^6 normalized-GD steps on a deep linear net N = 4, d = 8 through
 * {@link RunEngine#standard()}, metrics off and cheap metrics (loss, grad_norm, eta_eff, Lanczos sharpness) every
 * 1000 steps; the loop time is the one run.json reports. Best of 2 interleaved rounds (a shared, noisy machine).
 * Writes engine/target/standard-loop-timing.txt; asserts &lt; 1.5 s per 10^6 steps and &lt; 10% metric overhead.
 */
@Tag("slow")
class StandardLoopTimingTest {

    @TempDir
    Path tmp;

    private int runs;

    private RunResult run(long metricsEvery) throws Exception {
        RunSpec spec = RunSpec.builder().model(ModelConfig.of("deep-linear").with("depth", 4).with("width", 8))
                .algorithm("ngd").eta(1e-3).steps(1_000_000).metricsEvery(metricsEvery).build();
        RunResult r = RunEngine.standard().start(spec, tmp.resolve("r" + runs++), RunListener.NONE, new StopToken());
        assertEquals(RunStatus.COMPLETED, r.status(), r.message());
        return r;
    }

    @Test
    void millionStepsAtWidthEight() throws Exception {
        run(0);
        run(1000); // warm-up of the step loop and of the sharpness solver
        double off = Double.MAX_VALUE;
        double offTotal = Double.MAX_VALUE;
        double cheap = Double.MAX_VALUE;
        double cheapOverhead = Double.MAX_VALUE;
        for (int round = 0; round < 2; round++) {
            RunResult a = run(0);
            off = Math.min(off, a.session().loopSeconds());
            offTotal = Math.min(offTotal, a.session().totalSeconds());
            RunResult b = run(1000);
            cheap = Math.min(cheap, b.session().loopSeconds() + b.session().metricSeconds());
            cheapOverhead = Math.min(cheapOverhead, b.session().metricOverhead());
        }
        String report = String.format(Locale.ROOT, "deep-linear N=4 d=8, ngd, 10^6 steps, RunEngine.standard()%n"
                + "metrics off:              loop %.3f s (%.0f steps/s), whole session %.3f s%n"
                + "cheap metrics every 1000: loop+metrics %.3f s, metric/loop time %.2f%%%n",
                off, 1e6 / off, offTotal, cheap, 100 * cheapOverhead);
        Files.writeString(Path.of("target", "standard-loop-timing.txt"), report);
        assertTrue(off < 1.5, report);
        assertTrue(cheapOverhead < 0.10, report);
    }
}
