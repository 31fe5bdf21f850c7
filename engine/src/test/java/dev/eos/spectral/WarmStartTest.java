package dev.eos.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link WarmStart}'s choice of recycled vectors for lambda_1: the newest six along a drifting sequence of operators,
 * the same-parity ones of the last eight in a 2-cycle (detected from the remembered vectors). Values to 1e-10
 * relative: every solve reaches residual 1e-10 |lambda| and the top gap is ~1, so the value error is ~r^2.
 */
class WarmStartTest {

    private static final int N = 300;

    /** A0 + a E + b F with A0 a separated spectrum (top 10, 9, ...) and E, F GOE. */
    private static DenseOperator family(double a, double b) {
        DenseOperator a0 = DenseOperator.withSpectrum(LanczosTest.separated(N, 41), 42);
        DenseOperator e = DenseOperator.goe(N, 43);
        DenseOperator f = DenseOperator.goe(N, 44);
        double[] m = a0.a.clone();
        for (int i = 0; i < m.length; i++) {
            m[i] += a * e.a[i] + b * f.a[i];
        }
        return new DenseOperator(N, m);
    }

    @Test
    void driftingSequenceRecyclesTheNewestSixAsBefore() {
        WarmStart ws = new WarmStart(N, Lanczos.Options.defaults(), false);
        Lanczos l = new Lanczos(N);
        double[] history = new double[6 * N];
        int depth = 0;
        for (int s = 0; s < 12; s++) {
            DenseOperator op = family(1e-3 * s, 0);
            EigenResult got = ws.solve(op, 1);
            EigenResult ref = l.solveRecycled(op, 1, history, depth);
            assertArrayEquals(ref.vectors(), got.vectors(), "step " + s);
            assertEquals(ref.hvps(), got.hvps());
            System.arraycopy(history, 0, history, N, 5 * N);
            System.arraycopy(ref.vectors(), 0, history, 0, N);
            depth = Math.min(depth + 1, 6);
        }
    }

    @Test
    void twoCycleRecyclesTheSameParityAndSavesProducts() {
        // the Hessians of a 2-cycle: A0 +- 0.05 E alternating, drifting slowly along F
        WarmStart ws = new WarmStart(N, Lanczos.Options.defaults(), false);
        Lanczos l = new Lanczos(N);
        double[] history = new double[8 * N];
        double[] parity = new double[4 * N];
        int depth = 0;
        long newest = 0;
        long got = 0;
        for (int s = 0; s < 20; s++) {
            DenseOperator op = family(s % 2 == 0 ? 0.05 : -0.05, 1e-4 * s);
            EigenResult r = ws.solve(op, 1);
            int c = 0;
            for (int i = 1; i < depth; i += 2) {
                System.arraycopy(history, i * N, parity, c++ * N, N);
            }
            EigenResult ref = l.solveRecycled(op, 1, depth >= 3 ? parity : history, depth >= 3 ? c : depth);
            EigenResult six = l.solveRecycled(op, 1, history, Math.min(depth, 6));
            assertEquals(six.values()[0], r.values()[0], 1e-10 * 10);
            if (depth >= 3) {
                assertArrayEquals(ref.vectors(), r.vectors(), "the same-parity subspace at step " + s);
            }
            if (s >= 8) {
                newest += six.hvps();
                got += r.hvps();
            }
            System.arraycopy(history, 0, history, N, 7 * N);
            System.arraycopy(r.vectors(), 0, history, 0, N);
            depth = Math.min(depth + 1, 8);
        }
        assertTrue(got < newest, "same parity " + got + " vs newest six " + newest + " products");
    }
}
