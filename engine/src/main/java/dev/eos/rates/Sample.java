package dev.eos.rates;

/**
 * One measurement of a quantity y at learning rate eta in the run of one seed (the unit the bootstrap resamples).
 *
 * @param eta   the learning rate (&gt; 0)
 * @param seed  which seed (any label; samples of one run or one random draw share it across etas)
 * @param value the measured y
 */
public record Sample(double eta, long seed, double value) {

    public Sample {
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("a rate sample needs a finite eta > 0, got " + eta);
        }
    }

    /** Whether the sample can be placed on log-log axes (value finite and &gt; 0). */
    public boolean usable() {
        return value > 0 && Double.isFinite(value);
    }
}
