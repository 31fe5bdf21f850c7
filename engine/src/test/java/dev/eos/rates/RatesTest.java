package dev.eos.rates;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The exponent fit of dev.eos.rates: exact power laws, noise, the bootstrap's determinism, the log factor. */
class RatesTest {

    private static final double[] ETAS = {0.04, 0.02, 0.01, 0.005, 0.0025, 0.00125};

    /** y = c eta^p for every eta and seed, times exp(noise(seed, eta)). */
    private static List<Sample> law(double c, double p, int seeds, java.util.function.BiFunction<Integer, Double,
            Double> noise) {
        List<Sample> s = new ArrayList<>();
        for (double eta : ETAS) {
            for (int k = 0; k < seeds; k++) {
                s.add(new Sample(eta, k, c * Math.pow(eta, p) * Math.exp(noise.apply(k, eta))));
            }
        }
        return s;
    }

    @Test
    void anExactPowerLawIsRecoveredToRounding() {
        for (double p : new double[] {1, 2, 3, 0.5, -1}) {
            RateFit f = Rates.fit(law(0.055, p, 3, (k, e) -> 0.0), FitOptions.defaults());
            // ln y = ln c + p ln eta exactly, up to the rounding of pow and log (~1e-15 relative)
            assertEquals(p, f.slope(), 1e-12);
            assertEquals(0.055, f.prefactor(), 1e-12);
            assertEquals(1.0, f.r2(), 1e-12);
            // every resample holds the same points: the interval collapses onto the slope
            assertEquals(p, f.lo(), 1e-12);
            assertEquals(p, f.hi(), 1e-12);
            assertEquals(6, f.etas().length);
            assertEquals(3, f.seeds());
            assertEquals(Math.log10(32), f.decades(), 1e-12);
            assertEquals(0.055 * Math.pow(0.01, p), f.predict(0.01), 1e-12 * 0.055 * Math.pow(0.01, p));
        }
    }

    @Test
    void aConstantPerSeedFactorMovesThePrefactorNotTheSlope() {
        // seeds differ by a constant factor (a different amplitude C of the 2-cycle, THEORY 4.3): same exponent
        RateFit f = Rates.fit(law(1, 1, 4, (k, e) -> 0.3 * k), FitOptions.defaults());
        assertEquals(1.0, f.slope(), 1e-12);
        assertEquals(1.0, f.lo(), 1e-12);
        assertEquals(1.0, f.hi(), 1e-12);
        assertTrue(f.line().r2() < 1, "over every sample, the seed spread is unexplained variance");
        assertEquals(1.0, f.r2(), 1e-12, "the per-eta means lie on a power law");
    }

    @Test
    void noiseGivesAnIntervalOfTheExpectedWidth() {
        double sigma = 0.2;
        int seeds = 8;
        Random r = new Random(11);
        double[][] eps = new double[seeds][ETAS.length];
        for (double[] row : eps) {
            for (int i = 0; i < row.length; i++) {
                row[i] = sigma * r.nextGaussian();
            }
        }
        RateFit f = Rates.fit(law(2, 1, seeds, (k, e) -> eps[k][index(e)]), FitOptions.defaults());
        // normal theory: sd(slope) = sigma / sqrt(Sxx), Sxx = sum over the 48 points of (ln eta - mean)^2
        double mean = 0;
        for (double e : ETAS) {
            mean += Math.log(e) / ETAS.length;
        }
        double sxx = 0;
        for (double e : ETAS) {
            sxx += seeds * (Math.log(e) - mean) * (Math.log(e) - mean);
        }
        double sd = sigma / Math.sqrt(sxx);
        // the estimate lies within 4 sd of the truth (a 6e-5 tail), and the 95% interval is 3.92 sd wide within a
        // factor 2 (the bootstrap over 8 seeds estimates sd from 8 groups: a relative error of ~25%)
        assertEquals(1.0, f.slope(), 4 * sd);
        assertTrue(f.lo() <= f.slope() && f.slope() <= f.hi());
        double width = f.hi() - f.lo();
        assertTrue(width > 0.5 * 3.92 * sd && width < 2 * 3.92 * sd, "width " + width + " vs " + 3.92 * sd);
        assertTrue(f.r2() > 0.9 && f.r2() < 1, "R^2 " + f.r2());
        assertTrue(f.line().r2() < f.r2(), "the per-sample noise counts against the R^2 over every sample");
    }

    private static int index(double eta) {
        for (int i = 0; i < ETAS.length; i++) {
            if (ETAS[i] == eta) {
                return i;
            }
        }
        throw new AssertionError();
    }

    @Test
    void theBootstrapIsDeterministicForASeedAndMovesWithIt() {
        Random r = new Random(3);
        double[][] eps = new double[5][ETAS.length];
        for (double[] row : eps) {
            for (int i = 0; i < row.length; i++) {
                row[i] = 0.3 * r.nextGaussian();
            }
        }
        List<Sample> s = law(1, 2, 5, (k, e) -> eps[k][index(e)]);
        RateFit a = Rates.fit(s, FitOptions.defaults());
        RateFit b = Rates.fit(s, FitOptions.defaults());
        assertEquals(a.lo(), b.lo(), 0.0);
        assertEquals(a.hi(), b.hi(), 0.0);
        RateFit c = Rates.fit(s, FitOptions.defaults().withSeed(8));
        assertTrue(c.lo() != a.lo() || c.hi() != a.hi(), "another bootstrap seed draws other resamples");
        // the order of the samples does not change the point estimate
        List<Sample> rev = new ArrayList<>(s);
        java.util.Collections.reverse(rev);
        assertEquals(a.slope(), Rates.fit(rev, FitOptions.defaults()).slope(), 1e-12);
        // no resamples, or one seed: no interval
        assertTrue(Double.isNaN(Rates.fit(s, FitOptions.defaults().withResamples(0)).lo()));
        assertTrue(Double.isNaN(Rates.fit(law(1, 2, 1, (k, e) -> 0.0), FitOptions.defaults()).hi()));
        // a wider confidence gives a wider interval
        RateFit wide = Rates.fit(s, FitOptions.defaults().withConfidence(0.99));
        assertTrue(wide.lo() <= a.lo() && wide.hi() >= a.hi());
    }

    @Test
    void theLogFactorIsDividedOutOnlyWhenAsked() {
        List<Sample> s = new ArrayList<>();
        for (double eta : ETAS) {
            for (int k = 0; k < 3; k++) {
                s.add(new Sample(eta, k, 0.1 * eta * Math.log(1 / eta)));
            }
        }
        RateFit with = Rates.fit(s, FitOptions.defaults().withLogFactor(true));
        assertEquals(1.0, with.slope(), 1e-12);
        assertEquals(0.1, with.prefactor(), 1e-12);
        assertEquals(0.1 * 0.01 * Math.log(100), with.predict(0.01), 1e-15);
        RateFit without = Rates.fit(s, FitOptions.defaults());
        // eta log(1/eta) falls slower than eta over [1.25e-3, 4e-2]: the log costs about 0.3 in slope here
        assertTrue(without.slope() < 0.8 && without.slope() > 0.6, "slope " + without.slope());
        assertThrows(IllegalArgumentException.class, () -> Rates.fit(List.of(new Sample(2, 0, 1), new Sample(0.1,
                0, 1)), FitOptions.defaults().withLogFactor(true)));
    }

    @Test
    void unusableSamplesAreLeftOutAndCounted() {
        List<Sample> s = new ArrayList<>(law(1, 1, 3, (k, e) -> 0.0));
        s.add(new Sample(0.01, 9, 0.0));
        s.add(new Sample(0.01, 9, Double.NaN));
        s.add(new Sample(0.01, 9, Double.POSITIVE_INFINITY));
        s.add(new Sample(0.01, 9, -1));
        RateFit f = Rates.fit(s, FitOptions.defaults());
        assertEquals(4, f.excluded());
        assertEquals(18, f.samples().size());
        assertEquals(1.0, f.slope(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Rates.fit(List.of(new Sample(0.1, 0, 1), new Sample(0.1,
                1, 2)), FitOptions.defaults()), "one eta has no slope");
        assertThrows(IllegalArgumentException.class, () -> new Sample(0, 0, 1));
    }

    @Test
    void perEtaMeansAreGeometricAndDescendInEta() {
        List<Sample> s = List.of(new Sample(0.01, 0, 1), new Sample(0.01, 1, 4), new Sample(0.1, 0, 10),
                new Sample(0.1, 1, 40));
        RateFit f = Rates.fit(s, FitOptions.defaults());
        assertArrayEquals(new double[] {0.1, 0.01}, f.etas());
        assertEquals(20, f.means()[0], 1e-12);
        assertEquals(2, f.means()[1], 1e-12);
        assertEquals(1.0, f.slope(), 1e-12);
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        double[] v = {1, 2, 3, 4, 5};
        assertEquals(1, Rates.quantile(v, 0), 0);
        assertEquals(5, Rates.quantile(v, 1), 0);
        assertEquals(3, Rates.quantile(v, 0.5), 0);
        assertEquals(1.1, Rates.quantile(v, 0.025), 1e-15);
    }
}
