package dev.eos.rates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The pass rules: O(eta^p) is an upper bound (one-sided), Omega the other side, Theta both; findings pass nothing. */
class RateRuleTest {

    @Test
    void anUpperBoundPassesEveryFasterDecay() {
        RateRule r = RateRule.upperBound(1, 0.2);
        assertEquals(Verdict.PASS, r.verdict(1.0));
        assertEquals(Verdict.PASS, r.verdict(0.8), "the boundary passes");
        assertEquals(Verdict.PASS, r.verdict(2.0), "O(eta) holds when the quantity is O(eta^2)");
        assertEquals(Verdict.FAIL, r.verdict(0.79));
        assertEquals(Verdict.FAIL, r.verdict(Double.NaN));
        assertEquals("O(eta^1)", r.prediction("eta", false));
        assertEquals("O(eta^1 log(1/eta))", r.prediction("eta", true));
        assertEquals("slope >= 0.80 passes (an upper bound; tolerance 0.20)", r.describe());
    }

    @Test
    void aWrongDriftConstantFailsTheThirdOrderRule() {
        // THEORY 4.6 #9: with the right constant the residual is O(eta^3); with -1/2 it keeps an O(eta^2) part
        RateRule r = RateRule.upperBound(3, 0.5);
        assertEquals(Verdict.PASS, r.verdict(2.95));
        assertEquals(Verdict.FAIL, r.verdict(2.0));
    }

    @Test
    void lowerBoundsExactRatesAndFindings() {
        RateRule omega = RateRule.lowerBound(-1, 0.25);
        assertEquals(Verdict.PASS, omega.verdict(-1.1));
        assertEquals(Verdict.PASS, omega.verdict(-0.75));
        assertEquals(Verdict.FAIL, omega.verdict(-0.5));
        assertEquals("Omega(theta^-1)", omega.prediction("theta", false));
        RateRule theta = RateRule.exact(2, 0.1);
        assertEquals(Verdict.PASS, theta.verdict(2.09));
        assertEquals(Verdict.FAIL, theta.verdict(2.2));
        assertEquals(Verdict.FAIL, theta.verdict(1.85));
        assertEquals(Verdict.FINDING, RateRule.finding(1).verdict(0.1));
        assertThrows(IllegalArgumentException.class, () -> RateRule.upperBound(1, -0.1));
    }

    @Test
    void verdictsCombine() {
        assertEquals(Verdict.FAIL, Verdict.PASS.and(Verdict.FAIL));
        assertEquals(Verdict.PASS, Verdict.PASS.and(Verdict.PASS));
        assertEquals(Verdict.FINDING, Verdict.FINDING.and(Verdict.PASS));
        assertEquals("finding", Verdict.FINDING.label());
    }
}
