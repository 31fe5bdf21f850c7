package dev.eos.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * x~, theta and R_j on the quadratic L = x^T A x / 2 (THEORY 3: Gamma = {0} when A &gt; 0, Phi = 0, so x~ = A x for
 * NGD and (2A)^{1/2} x for GD on sqrt L, in the Section 4 units without 1/eta).
 */
class TransformedIterateTest {

    static final double[] SPECTRUM = {1, 0.4, 0.3, 0.2, 0.1, 0.05};

    static DenseOperator a() {
        return DenseOperator.withSpectrum(SPECTRUM, 4);
    }

    static EigenResult all(DenseOperator a) {
        return new DenseEigensolver(a.n).solve(a.a, a.n, Which.LARGEST_ALGEBRAIC);
    }

    @Test
    void transformedIterateOfBothAlgorithms() {
        DenseOperator a = a();
        EigenResult eig = all(a);
        Random r = new Random(1);
        double[] x = new double[6];
        for (int i = 0; i < 6; i++) {
            x[i] = r.nextGaussian();
        }
        double[] phi = new double[6];
        TransformedIterate ti = new TransformedIterate(6);
        double[] spectral = new double[6];
        double[] product = new double[6];
        ti.compute(TransformedIterate.Kind.NGD, x, phi, eig, spectral);
        ti.ngd(a, x, phi, product);
        assertArrayEquals(product, spectral, 1e-14);
        // (2A)^{1/2} x: applying it twice gives 2 A x
        double[] root = new double[6];
        ti.compute(TransformedIterate.Kind.SQRT, x, phi, eig, root);
        double[] twice = new double[6];
        ti.compute(TransformedIterate.Kind.SQRT, root, phi, eig, twice);
        for (int i = 0; i < 6; i++) {
            assertEquals(2 * product[i], twice[i], 1e-14);
        }
        // ||(2A)^{1/2} x||^2 = 2 x^T A x = 4 L(x)  (near Gamma ||x~|| ~ 2 sqrt L, THEORY 1)
        double l = 0.5 * StablenessTest.dot(x, product);
        assertEquals(4 * l, StablenessTest.dot(root, root), 1e-13);
    }

    @Test
    void thetaOfKnownAngles() {
        DenseOperator a = a();
        EigenResult eig = all(a);
        TransformedIterate ti = new TransformedIterate(6);
        double[] v = new double[6];
        for (double angle : new double[] {0, 1e-9, 0.3, 1.2, Math.PI / 2}) {
            // x~ = cos(angle) v_1 + sin(angle) v_3, scaled by -2 (theta ignores sign and scale)
            for (int i = 0; i < 6; i++) {
                v[i] = -2 * (Math.cos(angle) * eig.vectors()[i] + Math.sin(angle) * eig.vectors()[2 * 6 + i]);
            }
            assertEquals(angle, ti.theta(v, eig), 1e-15 + 1e-14 * angle, "angle " + angle);
        }
    }

    @Test
    void rjOfTheQuadraticNgdDynamics() {
        // NGD on the quadratic: x~_{t+1} = x~_t - eta A x~_t / ||x~_t|| (THEORY 3 in eos units). Lemma Q: the set
        // {R_j <= 0 for all j} is entered in finitely many steps and never left; Theorem 3.1: x~ aligns with v_1
        // (theta -> 0) and ||x~_t|| + ||x~_{t+1}|| -> eta lambda_1.
        DenseOperator a = a();
        EigenResult eig = all(a);
        int d = 6;
        double eta = 0.01;
        Random r = new Random(7);
        double[] x = new double[d];
        for (int i = 0; i < d; i++) {
            x[i] = 0.3 * r.nextGaussian();
        }
        double[] phi = new double[d];
        double[] xt = new double[d];
        double[] rj = new double[d];
        double[] ax = new double[d];
        TransformedIterate ti = new TransformedIterate(d);
        int entered = -1;
        double prevNorm = Double.NaN;
        double theta = Double.NaN;
        for (int t = 0; t < 4000; t++) {
            ti.compute(TransformedIterate.Kind.NGD, x, phi, eig, xt);
            ti.r(xt, eig, eta, rj);
            // R_1 = ||x~|| - eta lambda_1 (the tail from j = 1 is the whole vector)
            assertEquals(Math.sqrt(StablenessTest.dot(xt, xt)) - eta * SPECTRUM[0], rj[0], 1e-15);
            double max = Double.NEGATIVE_INFINITY;
            for (double v : rj) {
                max = Math.max(max, v);
            }
            if (entered < 0 && max <= 0) {
                entered = t;
            }
            if (entered >= 0) {
                // rounding: components are ~1e-2, the test of <= 0 allows 1e-15
                assertTrue(max <= 1e-15, "left the invariant set at t = " + t + ": max R_j = " + max);
            }
            double norm = Math.sqrt(StablenessTest.dot(xt, xt));
            if (t == 3999) {
                assertEquals(eta * SPECTRUM[0], prevNorm + norm, 1e-12);
            }
            prevNorm = norm;
            theta = ti.theta(xt, eig);
            a.apply(x, ax);
            double g = Math.sqrt(StablenessTest.dot(ax, ax));
            for (int i = 0; i < d; i++) {
                x[i] -= eta * ax[i] / g;
            }
        }
        assertTrue(entered >= 0 && entered < 4000, "never entered the invariant set");
        assertTrue(theta < 1e-10, "theta = " + theta);
    }

    @Test
    void rjCountsTheTailBeyondM() {
        // with only the top 2 pairs, R_2 must still see the components along v_3..v_6
        DenseOperator a = a();
        EigenResult eig = all(a);
        EigenResult top2 = new EigenResult(6, java.util.Arrays.copyOf(eig.values(), 2),
                java.util.Arrays.copyOf(eig.vectors(), 12), new double[2], 0, "dense");
        double[] xt = new double[6];
        for (int i = 0; i < 6; i++) {
            xt[i] = eig.vectors()[6 + i] + 2 * eig.vectors()[4 * 6 + i]; // v_2 + 2 v_5
        }
        double[] full = new double[6];
        double[] part = new double[2];
        TransformedIterate ti = new TransformedIterate(6);
        ti.r(xt, eig, 0.1, full);
        ti.r(xt, top2, 0.1, part);
        assertEquals(full[0], part[0], 1e-15);
        assertEquals(full[1], part[1], 1e-15);
        assertEquals(Math.sqrt(5) - 0.1 * 0.4, part[1], 1e-15);
    }
}
