package dev.eos.rates;

/**
 * How {@link Rates#fit} measures an exponent.
 *
 * @param resamples  bootstrap resamples B (0: no interval)
 * @param seed       seed of the bootstrap's java.util.Random (a seed reproduces the interval bit for bit)
 * @param confidence the interval's coverage, e.g. 0.95 for the 2.5% and 97.5% percentiles
 * @param logFactor  fit y / ln(1/eta) instead of y: the exponent of a prediction O(eta^p log(1/eta)) (THEORY 4.6 #5;
 *                   needs every eta &lt; 1)
 */
public record FitOptions(int resamples, long seed, double confidence, boolean logFactor) {

    /** 2000 resamples, seed 7, 95%. */
    public static final int DEFAULT_RESAMPLES = 2000;

    public FitOptions {
        if (resamples < 0) {
            throw new IllegalArgumentException("bootstrap resamples must be >= 0, got " + resamples);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie in (0, 1), got " + confidence);
        }
    }

    /** 2000 resamples, seed 7, 95%, no log factor. */
    public static FitOptions defaults() {
        return new FitOptions(DEFAULT_RESAMPLES, 7, 0.95, false);
    }

    public FitOptions withResamples(int b) {
        return new FitOptions(b, seed, confidence, logFactor);
    }

    public FitOptions withSeed(long s) {
        return new FitOptions(resamples, s, confidence, logFactor);
    }

    public FitOptions withConfidence(double c) {
        return new FitOptions(resamples, seed, c, logFactor);
    }

    public FitOptions withLogFactor(boolean on) {
        return new FitOptions(resamples, seed, confidence, on);
    }
}
