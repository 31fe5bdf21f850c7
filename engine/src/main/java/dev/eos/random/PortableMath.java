package dev.eos.random;

/**
 * log and exp built from IEEE basic operations only (+, -, *, /), so they give the same bits on every JVM and
 * machine, and allocate nothing ({@link StrictMath#pow} and friends allocate per call on JDK 25). Accuracy: a few
 * ulps, ample for drawing noise; not for numerics that need correct rounding.
 */
public final class PortableMath {

    private static final double LN2_HI = 0.6931471803691238; // ln 2 split so that k LN2_HI is exact for |k| < 2^20
    private static final double LN2_LO = 1.9082149292705877e-10;
    private static final double SQRT2 = 1.4142135623730951;

    private PortableMath() {
    }

    /** ln x for x &gt; 0 (NaN for x &lt; 0 or NaN, -inf at 0, +inf at +inf). */
    public static double log(double x) {
        if (!(x > 0) || x == Double.POSITIVE_INFINITY) {
            return x == 0 ? Double.NEGATIVE_INFINITY : x == Double.POSITIVE_INFINITY ? x : Double.NaN;
        }
        int shift = 0;
        if (x < Double.MIN_NORMAL) {
            x *= 0x1p54;
            shift = -54;
        }
        int e = Math.getExponent(x);
        double m = Math.scalb(x, -e); // exact, in [1, 2)
        if (m > SQRT2) {
            m *= 0.5;
            e++;
        }
        e += shift;
        // ln m = 2 atanh(s), s = (m - 1)/(m + 1), |s| <= 0.172: 2 (s + s^3/3 + ... + s^25/25), error < 1e-19
        double s = (m - 1) / (m + 1);
        double s2 = s * s;
        double p = 1.0 / 25;
        for (int k = 23; k >= 1; k -= 2) {
            p = p * s2 + 1.0 / k;
        }
        double lnM = 2 * s * p;
        return (e * LN2_LO + lnM) + e * LN2_HI;
    }

    /** e^y (0 below about -745, +inf above about 709.8). */
    public static double exp(double y) {
        if (Double.isNaN(y)) {
            return y;
        }
        if (y > 709.8) {
            return Double.POSITIVE_INFINITY;
        }
        if (y < -745.2) {
            return 0;
        }
        double kd = Math.rint(y / (LN2_HI + LN2_LO));
        int k = (int) kd;
        double r = (y - kd * LN2_HI) - kd * LN2_LO; // |r| <= 0.35
        // Taylor to r^20/20!: truncation < 0.35^21/21! ~ 1e-29
        double p = 1;
        for (int j = 20; j >= 1; j--) {
            p = 1 + p * r / j;
        }
        // scale by 2^k in two halves so that subnormal results round once, near the end
        int k1 = k / 2;
        return Math.scalb(Math.scalb(p, k1), k - k1);
    }
}
