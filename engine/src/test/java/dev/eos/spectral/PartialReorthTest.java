package dev.eos.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.kernels.KernelProvider;
import org.junit.jupiter.api.Test;

/**
 * Partial re-orthogonalisation ({@link SemiOrthogonality}) in plain single-vector Lanczos: the basis stays
 * semi-orthogonal, results equal those of a full pass at every step, no ghost copies, and a thick restart from a
 * semi-orthogonal basis continues from an orthonormal one.
 *
 * <p>Tolerances: Simon's theorem needs |&lt;v_i, v_j&gt;| &lt;= sqrt(eps) ~ 1.5e-8; the monitor keeps its estimates
 * below sqrt(eps / cap), and its noise terms are upper bounds, so the measured loss must be below sqrt(eps). Values
 * are compared at 1e-10 relative (both solves reach residual 1e-10 |lambda|, and each value is then within
 * r^2 / gap of the truth, gaps here >= 1e-3).
 */
class PartialReorthTest {

    private static final double ROOT_EPS = Math.sqrt(Math.ulp(1.0));

    private static Lanczos lanczos(int n, Lanczos.Options o, boolean partial) {
        return new Lanczos(n, o, KernelProvider.get(), partial);
    }

    @Test
    void longRunStaysSemiOrthogonalAndMatchesFullReorthogonalisation() {
        // the top five (10 .. 6) converge early; the sixth, the edge of a bulk uniform in [-1, 1] (gaps ~ 3e-3),
        // takes many more steps, where plain Lanczos would lose orthogonality along the first five and report
        // ghost copies of them. The basis (400) is large enough for no restart.
        int n = 600;
        DenseOperator op = DenseOperator.withSpectrum(LanczosTest.separated(n, 31), 32);
        Lanczos.Options o = Lanczos.Options.defaults().withMaxBasis(400);
        Lanczos partial = lanczos(n, o, true);
        EigenResult got = partial.solve(op, 6, null);
        EigenResult full = lanczos(n, o, false).solve(op, 6, null);
        EigenResult ref = LanczosTest.dense(op, 6, Which.LARGEST_ALGEBRAIC);
        assertTrue(got.hvps() < 400, "no restart: " + got.hvps());
        double loss = partial.engine().orthogonalityLoss();
        assertTrue(loss <= ROOT_EPS, "semi-orthogonal: " + loss);
        assertTrue(loss > 1e-14, "only semi-orthogonal, so full passes were skipped: " + loss);
        assertTrue(2 * partial.engine().skippedPasses() > got.hvps(), "most passes skipped: "
                + partial.engine().skippedPasses() + " of " + got.hvps());
        // the sixth value is a bulk edge with gap ~3e-3: r^2 / gap ~ 3e-18, so 1e-10 relative holds for all six
        LanczosTest.assertMatches(ref, got, op, 1e-10);
        assertArrayEquals(full.values(), got.values(), 1e-10 * 10);
        for (int j = 1; j < 6; j++) {
            assertTrue(got.values()[j - 1] - got.values()[j] > 1e-3, "no ghost copy at " + j);
        }
        // the same Krylov space: the same number of products, up to where rounding moves the stopping step
        assertTrue(Math.abs(got.hvps() - full.hvps()) <= 2, got.hvps() + " vs " + full.hvps());
    }

    @Test
    void restartFromSemiOrthogonalBasisContinuesOrthonormal() {
        // a GOE edge (gaps ~ 0.05) with a 24-vector basis: restarts after a partially re-orthogonalised phase
        int n = 500;
        DenseOperator op = DenseOperator.goe(n, 33);
        Lanczos.Options o = Lanczos.Options.defaults().withMaxBasis(24);
        Lanczos partial = lanczos(n, o, true);
        EigenResult got = partial.solve(op, 3, null);
        EigenResult ref = LanczosTest.dense(op, 3, Which.LARGEST_ALGEBRAIC);
        // the GOE edge is clustered: values to 1e-9 relative at residual 1e-10 (as LanczosTest)
        LanczosTest.assertMatches(ref, got, op, 1e-9);
        for (int j = 0; j < 3; j++) {
            assertTrue(got.residuals()[j] <= 1e-10 * Math.abs(got.values()[j]), "converged " + j);
        }
        // after the first restart every vector is orthogonalised in full: orthonormal to rounding (~n eps)
        assertTrue(partial.engine().orthogonalityLoss() <= 1e-12, "orthonormal: " + partial.engine()
                .orthogonalityLoss());
        EigenResult again = partial.solve(op, 3, null);
        assertArrayEquals(got.vectors(), again.vectors(), "bit-reproducible");
        assertEquals(got.hvps(), again.hvps());
    }

    @Test
    void monitorThresholdIsBelowRootEps() {
        SemiOrthogonality s = new SemiOrthogonality(1000, 40);
        assertEquals(Math.sqrt(Math.ulp(1.0) / 40), s.threshold(), 1e-24);
        assertTrue(s.threshold() < ROOT_EPS);
    }
}
