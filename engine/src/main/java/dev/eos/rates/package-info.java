/**
 * Rates in the learning rate: the exponent p of y ~ C eta^p measured from runs (issue 7; {@code ./eos validate} and
 * {@code ./eos rates} both use it).
 *
 * <pre>{@code
 * List<Sample> s = ...;                                  // (eta, seed, y) for every run
 * RateFit fit = Rates.fit(s, FitOptions.defaults());     // slope by least squares on log-log axes, R^2,
 *                                                        // percentile bootstrap interval over seeds
 * RateRule rule = RateRule.upperBound(1.0, 0.2);         // O(eta^1): the slope must be >= 0.8
 * Verdict v = rule.verdict(fit);                         // PASS or FAIL
 * String text = rule.describe();                         // the pass rule, for reports
 * }</pre>
 *
 * <p>Conventions. A prediction O(eta^p) is an upper bound: a quantity that falls faster than predicted satisfies it,
 * so the rule is one-sided (slope &ge; p - tol). Omega and Theta statements use the other side or both sides. A log
 * factor (O(eta^p log(1/eta))) is fitted by dividing y by ln(1/eta) first, and only where THEORY.md says so (4.6 #5).
 * Samples that are not finite and positive cannot be placed on log axes: they are left out and counted.
 */
package dev.eos.rates;
