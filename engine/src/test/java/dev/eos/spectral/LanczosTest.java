package dev.eos.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lanczos against the dense symmetric eigensolver (EJML) on random symmetric matrices with prescribed spectra.
 *
 * <p>Tolerances: with tol = 1e-10 the residual r of each pair is at most 1e-10 |lambda|; for an eigenvalue
 * separated from the rest by a gap g the Rayleigh quotient error is at most r^2 / g (Kato-Temple), far below the
 * 1e-10 relative error asserted; the dense reference itself is accurate to ~1e-15 ||H||. Eigenvectors: the angle
 * to the true one is at most r / g, so |&lt;v, v_true&gt;| &ge; 1 - (r/g)^2 / 2.
 */
class LanczosTest {

    static final double TOL = 1e-10;

    /** n eigenvalues: a well-separated top (10, 9, 8, 7, 6) above a bulk uniform in [-1, 1]. */
    static double[] separated(int n, long seed) {
        Random r = new Random(seed);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = i < 5 ? 10 - i : 2 * r.nextDouble() - 1;
        }
        return s;
    }

    static EigenResult dense(DenseOperator op, int k, Which which) {
        return new DenseEigensolver(op.n).solve(op.a, k, which);
    }

    static void assertMatches(EigenResult ref, EigenResult got, DenseOperator op, double relTol) {
        assertEquals(ref.k(), got.k());
        int n = op.n;
        for (int j = 0; j < ref.k(); j++) {
            double scale = Math.max(Math.abs(ref.values()[j]), 1e-300);
            assertEquals(ref.values()[j], got.values()[j], relTol * scale, "eigenvalue " + j);
            // the reported residual is the true one (independent dense computation)
            double r = op.residual(got.vectors(), j * n, got.values()[j]);
            assertEquals(r, got.residuals()[j], 1e-13 * Math.max(1, scale) + 1e-3 * r, "residual " + j);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5})
    void topKOfSeparatedSpectrumMatchesDense(int k) {
        DenseOperator op = DenseOperator.withSpectrum(separated(300, 1), 2);
        EigenResult got = new Lanczos(300).solve(op, k, null);
        EigenResult ref = dense(op, k, Which.LARGEST_ALGEBRAIC);
        assertMatches(ref, got, op, 1e-10);
        for (int j = 0; j < k; j++) {
            assertTrue(got.residuals()[j] <= TOL * Math.abs(got.values()[j]), "converged " + j);
            double dot = 0;
            for (int i = 0; i < 300; i++) {
                dot += got.vectors()[j * 300 + i] * ref.vectors()[j * 300 + i];
            }
            assertEquals(1.0, Math.abs(dot), 1e-12, "eigenvector " + j);
        }
        assertEquals(got.hvps(), op.products);
        assertEquals("lanczos", got.method());
    }

    @Test
    void blockVariantMatchesDense() {
        DenseOperator op = DenseOperator.withSpectrum(separated(300, 3), 4);
        Lanczos l = new Lanczos(300, Lanczos.Options.defaults().withBlockSize(3));
        EigenResult got = l.solve(op, 5, null);
        assertMatches(dense(op, 5, Which.LARGEST_ALGEBRAIC), got, op, 1e-10);
        assertEquals("block-lanczos", got.method());
        assertEquals(got.hvps(), op.products);
    }

    @Test
    void sameSeedGivesIdenticalBits() {
        DenseOperator op = DenseOperator.goe(200, 5);
        EigenResult a = new Lanczos(200).solve(op, 3, null);
        Lanczos reused = new Lanczos(200);
        reused.solve(DenseOperator.goe(200, 6), 2, null);
        EigenResult b = reused.solve(op, 3, null);
        assertArrayEquals(a.values(), b.values());
        assertArrayEquals(a.vectors(), b.vectors());
        assertArrayEquals(a.residuals(), b.residuals());
        assertEquals(a.hvps(), b.hvps());
    }

    @Test
    void negativeEigenvaluesAndBothEnds() {
        // spectrum in [-20, 3]: algebraically largest 3, 2.5; largest magnitude -20, -19
        int n = 250;
        Random r = new Random(11);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = -18 * r.nextDouble();
        }
        s[0] = 3;
        s[1] = 2.5;
        s[2] = -20;
        s[3] = -19;
        DenseOperator op = DenseOperator.withSpectrum(s, 12);
        EigenResult la = new Lanczos(n).solve(op, 2, null);
        assertMatches(dense(op, 2, Which.LARGEST_ALGEBRAIC), la, op, 1e-10);
        assertEquals(3.0, la.values()[0], 1e-12 * 20);
        Lanczos lm = new Lanczos(n, Lanczos.Options.defaults().withWhich(Which.LARGEST_MAGNITUDE));
        EigenResult got = lm.solve(op, 2, null);
        assertMatches(dense(op, 2, Which.LARGEST_MAGNITUDE), got, op, 1e-10);
        assertEquals(-20.0, got.values()[0], 1e-12 * 20);
        assertEquals(-19.0, got.values()[1], 1e-12 * 20);
    }

    @Test
    void allNegativeSpectrum() {
        double[] s = separated(120, 13);
        for (int i = 0; i < s.length; i++) {
            s[i] -= 30; // top is -20
        }
        DenseOperator op = DenseOperator.withSpectrum(s, 14);
        EigenResult got = new Lanczos(120).solve(op, 3, null);
        assertMatches(dense(op, 3, Which.LARGEST_ALGEBRAIC), got, op, 1e-10);
        assertEquals(-20.0, got.values()[0], 1e-10 * 20);
    }

    @Test
    void repeatedTopEigenvalueFoundWithItsMultiplicityByBlock() {
        // top eigenvalue 5 with multiplicity 3, then 4: a block of 3 must report 5, 5, 5, 4 (no missing copy)
        int n = 200;
        double[] s = separated(n, 15);
        s[0] = 5;
        s[1] = 5;
        s[2] = 5;
        s[3] = 4;
        s[4] = 3.5;
        DenseOperator op = DenseOperator.withSpectrum(s, 16);
        Lanczos block = new Lanczos(n, Lanczos.Options.defaults().withBlockSize(3));
        EigenResult got = block.solve(op, 4, null);
        assertArrayEquals(new double[] {5, 5, 5, 4}, got.values(), 1e-10 * 5);
        // the three copies span the eigenspace: orthonormal vectors, each with a small residual
        for (int a = 0; a < 3; a++) {
            assertTrue(op.residual(got.vectors(), a * n, 5) <= 1e-9 * 5);
            for (int c = 0; c < a; c++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += got.vectors()[a * n + i] * got.vectors()[c * n + i];
                }
                assertEquals(0.0, dot, 1e-10);
            }
        }
    }

    @Test
    void noGhostCopiesOfSimpleEigenvalues() {
        // a hard spectrum that needs several restarts with a small basis: full re-orthogonalisation must not
        // report a simple eigenvalue twice
        int n = 400;
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = 1.0 / (1 + i); // 1, 1/2, 1/3, ... slowly decaying, clustered below
        }
        DenseOperator op = DenseOperator.withSpectrum(s, 17);
        Lanczos l = new Lanczos(n, Lanczos.Options.defaults().withMaxBasis(16));
        EigenResult got = l.solve(op, 6, null);
        assertMatches(dense(op, 6, Which.LARGEST_ALGEBRAIC), got, op, 1e-10);
        for (int j = 1; j < 6; j++) {
            assertTrue(got.values()[j - 1] - got.values()[j] > 1e-3, "distinct " + j);
        }
    }

    @Test
    void clusteredTopEigenvalues() {
        // top three within 1e-6 of each other: values still to 1e-10 (error <= r^2 / gap with gap 1e-6 * 10)
        int n = 200;
        double[] s = separated(n, 18);
        s[0] = 10;
        s[1] = 10 - 1e-5;
        s[2] = 10 - 2e-5;
        s[3] = 9;
        DenseOperator op = DenseOperator.withSpectrum(s, 19);
        EigenResult got = new Lanczos(n).solve(op, 3, null);
        assertArrayEquals(new double[] {10, 10 - 1e-5, 10 - 2e-5}, got.values(), 1e-10 * 10);
        Lanczos block = new Lanczos(n, Lanczos.Options.defaults().withBlockSize(3));
        assertArrayEquals(new double[] {10, 10 - 1e-5, 10 - 2e-5}, block.solve(op, 3, null).values(), 1e-10 * 10);
    }

    @Test
    void rankDeficientReportsExactZeros() {
        // rank 3: the 4th and 5th eigenvalues are 0; they converge at the rounding floor of the products
        int n = 60;
        double[] s = new double[n];
        s[0] = 3;
        s[1] = 2;
        s[2] = 1;
        DenseOperator op = DenseOperator.withSpectrum(s, 20);
        EigenResult got = new Lanczos(n).solve(op, 5, null);
        assertArrayEquals(new double[] {3, 2, 1}, java.util.Arrays.copyOf(got.values(), 3), 1e-10 * 3);
        assertEquals(0.0, got.values()[3], 1e-13);
        assertEquals(0.0, got.values()[4], 1e-13);
        for (int j = 0; j < 5; j++) {
            assertTrue(got.residuals()[j] <= 1e-12, "residual " + j);
        }
    }

    @Test
    void exhaustedSmallSpaceReportsEveryCopyInOrder() {
        // single-vector Lanczos sees one copy of each repeated eigenvalue: the Krylov space breaks down, the wanted
        // pairs are locked, and the complement (the other copies) is explored and locked in turn; locks made at
        // different times must still come out in descending order
        // a clustered spectrum, so that nothing converges before the Krylov space is exhausted (14 distinct values):
        // the first lock takes 5, 4, 3.9, 3.8; the complement holds the second copies 4 and 3.9
        double[] s = {5, 4, 4, 3.9, 3.9, 3.8, 3.7, 3.6, 3.5, 3.4, 3.3, 3.2, 3.1, 3.0, 2.9, 2.8};
        DenseOperator op = DenseOperator.withSpectrum(s, 28);
        EigenResult got = new Lanczos(16).solve(op, 4, null);
        assertArrayEquals(new double[] {5, 4, 4, 3.9}, got.values(), 1e-12);
        for (int j = 0; j < 4; j++) {
            // locked pairs carry the breakdown level (<= 1e-12 ||H v||), within the contract tol |lambda|
            assertTrue(got.residuals()[j] <= TOL * got.values()[j], "residual " + j);
            assertEquals(op.residual(got.vectors(), j * 16, got.values()[j]), got.residuals()[j], 1e-14);
        }
    }

    @Test
    void zeroOperator() {
        DenseOperator op = new DenseOperator(30, new double[900]);
        EigenResult got = new Lanczos(30).solve(op, 2, null);
        assertArrayEquals(new double[] {0, 0}, got.values());
        assertArrayEquals(new double[] {0, 0}, got.residuals());
        for (int j = 0; j < 2; j++) {
            double norm = 0;
            for (int i = 0; i < 30; i++) {
                norm += got.vectors()[j * 30 + i] * got.vectors()[j * 30 + i];
            }
            assertEquals(1.0, norm, 1e-14);
        }
    }

    @Test
    void tinyDimensionsAndKAtLeastN() {
        DenseOperator one = new DenseOperator(1, new double[] {-2.5});
        EigenResult r1 = new Lanczos(1).solve(one, 3, null);
        assertArrayEquals(new double[] {-2.5}, r1.values());
        assertEquals(1.0, Math.abs(r1.vectors()[0]));
        DenseOperator two = new DenseOperator(2, new double[] {1, 2, 2, -2});
        // eigenvalues of [[1, 2], [2, -2]]: 2 and -3
        assertArrayEquals(new double[] {2, -3}, new Lanczos(2).solve(two, 2, null).values(), 1e-14);
        assertArrayEquals(new double[] {-3, 2},
                new Lanczos(2, Lanczos.Options.defaults().withWhich(Which.LARGEST_MAGNITUDE)).solve(two, 5, null)
                        .values(), 1e-14);
        DenseOperator small = DenseOperator.withSpectrum(new double[] {4, 3, 2, 1, 0, -1}, 21);
        EigenResult all = new Lanczos(6, Lanczos.Options.defaults().withBlockSize(4)).solve(small, 6, null);
        assertArrayEquals(new double[] {4, 3, 2, 1, 0, -1}, all.values(), 1e-13);
        assertArrayEquals(new double[] {4, 3, 2, 1, 0, -1},
                new Lanczos(6).solve(small, 6, null).values(), 1e-13);
    }

    @Test
    void invariantStartStillFindsTheTop() {
        // diagonal operator and a start that is exactly the eigenvector of the 3rd eigenvalue: the Krylov space is
        // invariant after one product; the solver must lock it and keep looking
        int n = 50;
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            a[i * n + i] = n - i;
        }
        DenseOperator op = new DenseOperator(n, a);
        double[] start = new double[n];
        start[2] = 1;
        EigenResult got = new Lanczos(n).solve(op, 2, start);
        assertArrayEquals(new double[] {50, 49}, got.values(), 1e-10 * 50);
    }

    @Test
    void smallBasisForcesRestartsAndStillConverges() {
        DenseOperator op = DenseOperator.goe(500, 22);
        EigenResult ref = dense(op, 3, Which.LARGEST_ALGEBRAIC);
        EigenResult got = new Lanczos(500, Lanczos.Options.defaults().withMaxBasis(12)).solve(op, 3, null);
        // the GOE edge is clustered (gaps ~ 0.05): values to 1e-9 relative at residual 1e-10
        assertMatches(ref, got, op, 1e-9);
        EigenResult blk = new Lanczos(500, Lanczos.Options.defaults().withMaxBasis(15).withBlockSize(3))
                .solve(op, 3, null);
        assertMatches(ref, blk, op, 1e-9);
    }

    @Test
    void budgetStopsWithHonestResiduals() {
        DenseOperator op = DenseOperator.goe(300, 23);
        EigenResult got = new Lanczos(300, Lanczos.Options.defaults().withMaxHvps(10)).solve(op, 1, null);
        assertEquals(10, got.hvps());
        assertEquals(op.residual(got.vectors(), 0, got.values()[0]), got.residuals()[0], 1e-12);
        assertTrue(got.residuals()[0] > 1e-3);
    }

    @Test
    void warmStartFromNearbyOperatorNeedsFewerProducts() {
        int n = 300;
        double[] s = separated(n, 24);
        DenseOperator before = DenseOperator.withSpectrum(s, 25);
        // a nearby operator: A + 1e-4 E with E symmetric Gaussian
        DenseOperator e = DenseOperator.goe(n, 26);
        double[] a2 = before.a.clone();
        for (int i = 0; i < a2.length; i++) {
            a2[i] += 1e-4 * e.a[i];
        }
        DenseOperator after = new DenseOperator(n, a2);
        Lanczos l = new Lanczos(n);
        EigenResult first = l.solve(before, 3, null);
        EigenResult cold = l.solve(after, 3, null);
        EigenResult warm1 = l.solve(after, 1, first.vectors());
        EigenResult cold1 = l.solve(after, 1, null);
        EigenResult warm3 = l.solve(after, 3, first.vectors());
        assertArrayEquals(cold.values(), warm3.values(), 1e-10 * 10);
        assertEquals(cold1.values()[0], warm1.values()[0], 1e-10 * 10);
        assertTrue(warm1.hvps() < cold1.hvps(), warm1.hvps() + " vs cold " + cold1.hvps());
        assertTrue(warm3.hvps() < cold.hvps(), warm3.hvps() + " vs cold " + cold.hvps());
    }

    @Test
    void nonFiniteOrOverflowingProductsAreRefused() {
        // an operator scaled by c: products with NaN or with entries whose squares overflow (1e200) are refused
        // with NonFiniteOperatorException (the run loop reports a diverging iterate); large finite ones (1e100,
        // squares 1e200 < 1.8e308) are an ordinary operator
        int n = 50;
        DenseOperator base = DenseOperator.goe(n, 28);
        for (double c : new double[] {Double.NaN, 1e200, 1e100}) {
            dev.eos.models.SymmetricOperator op = new dev.eos.models.SymmetricOperator() {
                @Override
                public int dim() {
                    return n;
                }

                @Override
                public void apply(double[] v, double[] out) {
                    base.apply(v, out);
                    for (int i = 0; i < n; i++) {
                        out[i] *= c;
                    }
                }
            };
            Lanczos l = new Lanczos(n);
            if (c == 1e100) {
                EigenResult r = l.solve(op, 1, null);
                assertEquals(1e100 * dense(base, 1, Which.LARGEST_ALGEBRAIC).values()[0], r.values()[0], 1e90);
            } else {
                assertThrows(NonFiniteOperatorException.class, () -> l.solve(op, 1, null), "c = " + c);
            }
        }
    }

    @Test
    void solveAllocatesOnlyItsResult() {
        int n = 400;
        // the scalar kernel twin, for the solver and the operator: the Vector API allocates until C2 has compiled
        // every kernel shape (31 MB per block solve for the first few solves), which is JIT noise rather than an
        // allocation of ours, and under load C2 may not be done within the warm-up
        dev.eos.kernels.Kernels scalar = dev.eos.kernels.KernelProvider.scalar();
        DenseOperator op = DenseOperator.goe(n, 27).on(scalar);
        Lanczos l = new Lanczos(n, Lanczos.Options.defaults(), scalar);
        Lanczos b = new Lanczos(n, Lanczos.Options.defaults().withBlockSize(2).withMaxBasis(12), scalar);
        for (int i = 0; i < 30; i++) {
            l.solve(op, 2, null);
            b.solve(op, 2, null);
        }
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = mx.getCurrentThreadAllocatedBytes();
        l.solve(op, 2, null);
        long t1 = mx.getCurrentThreadAllocatedBytes();
        b.solve(op, 2, null);
        long t2 = mx.getCurrentThreadAllocatedBytes();
        // the result: 2 values + 2*400 vector entries + 2 residuals (+ array headers and the record): ~6.5 KB
        long result = 8L * (2 + 2 * n + 2) + 256;
        assertTrue(t1 - t0 <= result, "single-vector solve allocated " + (t1 - t0));
        assertTrue(t2 - t1 <= result, "block solve allocated " + (t2 - t1));
    }
}
