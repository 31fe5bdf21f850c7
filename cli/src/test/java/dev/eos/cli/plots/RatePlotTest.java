package dev.eos.cli.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.rates.FitOptions;
import dev.eos.rates.RateRule;
import dev.eos.rates.Rates;
import dev.eos.rates.Sample;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log-log rate plot draws a readable PNG for one or two fitted series, with and without the log factor. */
class RatePlotTest {

    @TempDir
    Path dir;

    private static List<Sample> law(double c, double p, boolean log) {
        List<Sample> s = new ArrayList<>();
        for (double eta : new double[] {0.04, 0.02, 0.01, 0.005, 0.0025}) {
            for (int k = 0; k < 3; k++) {
                double v = c * Math.pow(eta, p) * (1 + 0.05 * k);
                s.add(new Sample(eta, k, log ? v * Math.log(1 / eta) : v));
            }
        }
        return s;
    }

    @Test
    void drawsAPngWithTheFitAndThePredictedSlope() throws Exception {
        var aligned = Rates.fit(law(0.035, 1, false), FitOptions.defaults());
        var generic = Rates.fit(law(0.01, 1.3, false), FitOptions.defaults());
        Path png = dir.resolve("sub/rate.png");
        RatePlot.draw(png, "phase2-ngd: deep-linear", "eta", "||Phi(x_T) - X(T2)||", RateRule.upperBound(1, 0.2),
                List.of(new RatePlot.Series("aligned 2-cycle starts (3 seeds)", aligned, true),
                        new RatePlot.Series("generic starts (mean over 3 seeds)", generic, false)));
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(700, img.getWidth());
        assertTrue(Files.size(png) > 5_000, "a chart with content, not an empty frame");

        var logged = Rates.fit(law(0.1, 1, true), FitOptions.defaults().withLogFactor(true));
        Path png2 = dir.resolve("log.png");
        RatePlot.draw(png2, "alignment", "eta", "mean theta", RateRule.upperBound(1, 0.2),
                List.of(new RatePlot.Series("generic", logged, true)));
        assertTrue(Files.size(png2) > 5_000);
        assertThrows(IllegalArgumentException.class, () -> RatePlot.draw(png2, "t", "x", "y",
                RateRule.finding(1), List.of()));
    }
}
