package dev.eos.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** PortableMath against the JDK's log and exp, and SplitMix64's normals against their moments. */
class PortableMathTest {

    @Test
    void logAndExpAgreeWithTheJdkToAFewUlps() {
        Random r = new Random(5);
        for (int i = 0; i < 100_000; i++) {
            double x = Math.scalb(1 + r.nextDouble(), r.nextInt(2100) - 1074 - 20);
            if (x == 0) {
                continue;
            }
            double l = PortableMath.log(x);
            // 4 ulps of the result, or 1e-300-ish absolute near x = 1 where ln x is tiny
            assertEquals(Math.log(x), l, 4 * Math.ulp(Math.log(x)) + 2e-16 * Math.abs(x - 1), "log " + x);
            double y = (r.nextDouble() - 0.5) * 1400;
            double e = PortableMath.exp(y);
            assertEquals(Math.exp(y), e, 4 * Math.ulp(Math.exp(y)) + Double.MIN_VALUE, "exp " + y);
        }
        assertEquals(0.0, PortableMath.log(1.0));
        assertEquals(1.0, PortableMath.exp(0.0));
        assertEquals(Double.NEGATIVE_INFINITY, PortableMath.log(0.0));
        assertTrue(Double.isNaN(PortableMath.log(-1.0)));
        assertEquals(0.0, PortableMath.exp(-800));
        assertEquals(Double.POSITIVE_INFINITY, PortableMath.exp(800));
    }

    @Test
    void gaussianMomentsAndDeterminism() {
        SplitMix64 a = new SplitMix64(3), b = new SplitMix64(3);
        int n = 200_001; // odd: exercises the dropped half of the last pair
        double[] g = new double[n], h = new double[n];
        a.nextGaussians(g, 0, n);
        b.nextGaussians(h, 0, n);
        assertEquals(a.state(), b.state());
        double m1 = 0, m2 = 0, m4 = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(Double.doubleToRawLongBits(g[i]), Double.doubleToRawLongBits(h[i]));
            m1 += g[i];
            m2 += g[i] * g[i];
            m4 += g[i] * g[i] * g[i] * g[i];
        }
        // standard errors: mean 1/sqrt(n), variance sqrt(2/n), fourth moment sqrt(96/n); 5 of each
        assertEquals(0, m1 / n, 5 / Math.sqrt(n));
        assertEquals(1, m2 / n, 5 * Math.sqrt(2.0 / n));
        assertEquals(3, m4 / n, 5 * Math.sqrt(96.0 / n));
    }

    @Test
    void splitMixMatchesItsReferenceOutput() {
        // SplitMix64 seeded with 0: first outputs of the reference C implementation (Vigna, splitmix64.c)
        SplitMix64 s = new SplitMix64(0);
        assertEquals(0xE220A8397B1DCDAFL, s.nextLong());
        assertEquals(0x6E789E6AA1B965F4L, s.nextLong());
        assertEquals(0x06C45D188009454FL, s.nextLong());
    }
}
