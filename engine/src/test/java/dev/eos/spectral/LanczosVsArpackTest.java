package dev.eos.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Lanczos against netlib ARPACK (dsaupd/dseupd) on the same operators: the same eigenvalues (relative 1e-10 for
 * well-separated ones, where both are converged to residual 1e-10 |lambda| so their Rayleigh quotients agree to
 * r^2 / gap), and not more operator products than ARPACK cold with the common choice ncv = max(2k + 1, 20).
 */
class LanczosVsArpackTest {

    /** Spectra: "separated" (top 10, 9, ... over a [-1, 1] bulk), "goe" (semicircle edge), "decay" (1/i). */
    static DenseOperator operator(String kind, int n, long seed) {
        return switch (kind) {
            case "separated" -> DenseOperator.withSpectrum(LanczosTest.separated(n, seed), seed + 1);
            case "goe" -> DenseOperator.goe(n, seed);
            case "decay" -> {
                double[] s = new double[n];
                Random r = new Random(seed);
                for (int i = 0; i < n; i++) {
                    s[i] = (r.nextBoolean() ? 1 : -1) / (1.0 + i);
                }
                s[0] = 1;
                yield DenseOperator.withSpectrum(s, seed + 1);
            }
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest
    @CsvSource({"separated, 1", "separated, 5", "goe, 1", "goe, 5", "decay, 1", "decay, 5"})
    void sameEigenvaluesAsArpackInNoMoreProducts(String kind, int k) {
        int n = 300;
        DenseOperator op = operator(kind, n, 31);
        EigenResult ours = new Lanczos(n).solve(op, k, null);
        ArpackOracle.Result ref = ArpackOracle.solve(op, k, Which.LARGEST_ALGEBRAIC, 1e-10, Math.max(2 * k + 1, 20),
                null);
        EigenResult dense = LanczosTest.dense(op, k, Which.LARGEST_ALGEBRAIC);
        for (int j = 0; j < k; j++) {
            double scale = Math.abs(dense.values()[j]);
            // both converge to residual 1e-10 |lambda|; the GOE edge has gaps ~ 1e-2, so r^2/gap ~ 1e-18
            assertEquals(dense.values()[j], ours.values()[j], 1e-10 * scale, kind + " ours " + j);
            assertEquals(dense.values()[j], ref.values()[j], 1e-10 * scale, kind + " arpack " + j);
        }
        assertTrue(ours.hvps() <= ref.products(), kind + " k=" + k + ": " + ours.hvps() + " products vs ARPACK "
                + ref.products());
    }

    @ParameterizedTest
    @CsvSource({"separated, 3", "goe, 2"})
    void largestMagnitudeAgreesWithArpack(String kind, int k) {
        int n = 200;
        DenseOperator op = operator(kind, n, 41);
        Lanczos l = new Lanczos(n, Lanczos.Options.defaults().withWhich(Which.LARGEST_MAGNITUDE));
        EigenResult ours = l.solve(op, k, null);
        ArpackOracle.Result ref = ArpackOracle.solve(op, k, Which.LARGEST_MAGNITUDE, 1e-10, 20, null);
        for (int j = 0; j < k; j++) {
            assertEquals(ref.values()[j], ours.values()[j], 1e-10 * Math.abs(ref.values()[j]), kind + " " + j);
        }
    }
}
