package dev.eos.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.models.SeparableToy;
import dev.eos.testing.Factorization;
import dev.eos.testing.DenseEigen;
import dev.eos.testing.FiniteDifferences;
import dev.eos.testing.Vec;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** theta of THEORY 1 against closed forms (toy3d) and a dense computation of x~ (least squares). */
class AlignmentAngleTest {

    @Test
    void toy3dClosedForm() {
        // H(Phi) = diag(0, a_1, a_2), v_1 = e_y1: tan theta = a_2 |y_2| / (a_1 |y_1|) (NGD),
        // sqrt(a_2) |y_2| / (sqrt(a_1) |y_1|) (sqrt)
        SeparableToy toy = SeparableToy.toy3d();
        Alignment al = new Alignment(toy);
        double[] x = {0.8, 0.02, -0.01}, p = new double[3];
        toy.phi(x, p);
        double a1 = toy.a1(p[0]), a2 = 0.6;
        assertEquals(Math.atan2(a2 * 0.01, a1 * 0.02), al.theta("ngd", x, p), 1e-12);
        assertEquals(a1, al.sharpnessAtPhi(), 1e-12);
        assertEquals(Math.atan2(Math.sqrt(a2) * 0.01, Math.sqrt(a1) * 0.02), al.theta("sqrt", x, p), 1e-12);
        // aligned: exactly 0; on Gamma: undefined
        assertEquals(0.0, al.theta("ngd", new double[] {0.8, 0.02, 0}, p), 1e-15);
        assertTrue(Double.isNaN(al.theta("ngd", p, p)));
        assertThrows(IllegalArgumentException.class, () -> al.theta("adam", x, p));
    }

    @Test
    void matchesADenseTransformedIterate() {
        int m = 3, n = 3, r = 2;
        double[] q = new double[(m + n) * r];
        Factorization f = Factorization.random(m, n, r, 41, q);
        double[] x = FiniteDifferences.shift(q, Vec.gaussian(new Random(42), q.length), 1e-3);
        double[] p = new double[q.length];
        new Phi(f).apply(x, p);
        int d = q.length;
        DenseEigen eig = new DenseEigen(f.denseHessian(p), d);
        double[] delta = Vec.sub(x, p);
        // x~ in the eigenbasis: NGD lambda_i c_i, sqrt sqrt(2 lambda_i) c_i, c_i = v_i . delta (lambda_i >= 0)
        double ngdAlong = 0, ngdAll = 0, sqAlong = 0, sqAll = 0;
        for (int i = 0; i < d; i++) {
            double c = Vec.dot(eig.vectors[i], delta), lam = Math.max(eig.values[i], 0);
            ngdAll += lam * lam * c * c;
            sqAll += 2 * lam * c * c;
            if (i == 0) {
                ngdAlong = lam * Math.abs(c);
                sqAlong = Math.sqrt(2 * lam) * Math.abs(c);
            }
        }
        Alignment al = new Alignment(f);
        // acos of a dense cosine: fine at these angles (not near 0); agreement to 1e-8 (eigenvectors ~1e-12)
        assertEquals(Math.acos(Math.min(1, ngdAlong / Math.sqrt(ngdAll))), al.theta("ngd", x, p), 1e-8);
        assertEquals(Math.acos(Math.min(1, sqAlong / Math.sqrt(sqAll))), al.theta("sqrt", x, p), 1e-8);
        assertEquals(eig.values[0], al.sharpnessAtPhi(), 1e-10 * eig.values[0]);
    }

    @Test
    void agreesWithTheSpectralTransformedIterate() {
        // the same angle as spectral.TransformedIterate (top-M eigenpairs for sqrt), with one HVP instead
        int m = 3, n = 3, r = 2;
        double[] q = new double[(m + n) * r];
        Factorization f = Factorization.random(m, n, r, 43, q);
        double[] x = FiniteDifferences.shift(q, Vec.gaussian(new Random(44), q.length), 1e-3);
        double[] p = new double[q.length];
        new Phi(f).apply(x, p);
        dev.eos.spectral.EigenResult top = new dev.eos.spectral.Lanczos(q.length,
                dev.eos.spectral.Lanczos.Options.defaults().withTol(1e-13)).solve(f.evaluator().hessianAt(p),
                f.normalRank(), null);
        dev.eos.spectral.TransformedIterate ti = new dev.eos.spectral.TransformedIterate(q.length);
        double[] xt = new double[q.length];
        Alignment al = new Alignment(f);
        ti.compute(dev.eos.spectral.TransformedIterate.Kind.NGD, x, p, top, xt);
        assertEquals(ti.theta(xt, top), al.theta("ngd", x, p), 1e-9);
        ti.compute(dev.eos.spectral.TransformedIterate.Kind.SQRT, x, p, top, xt);
        assertEquals(ti.theta(xt, top), al.theta("sqrt", x, p), 1e-9);
    }
}
