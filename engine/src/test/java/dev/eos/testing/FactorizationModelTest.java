package dev.eos.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.models.LeastSquaresEvaluator;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The test factorization model's derivatives against central differences (THEORY 6). */
class FactorizationModelTest {

    @Test
    void derivativesMatchFiniteDifferences() {
        double[] p = new double[(3 + 4) * 2];
        Factorization f = Factorization.random(3, 4, 2, 7, p);
        LeastSquaresEvaluator ev = (LeastSquaresEvaluator) f.evaluator();
        Random rnd = new Random(3);
        double[] x = FiniteDifferences.shift(p, Vec.gaussian(rnd, p.length), 0.3); // off Gamma: R != 0
        double[] v = Vec.gaussian(rnd, p.length);
        double[] g = new double[p.length], hv = new double[p.length], t = new double[p.length];
        ev.lossAndGradient(x, g);
        ev.hvp(x, v, hv);
        ev.curvatureGradient(x, v, t);
        // central differences: truncation O(eps^2) ~ 1e-10 relative at eps 1e-5, rounding 1e-16/eps ~ 1e-11
        assertTrue(Vec.dist(g, FiniteDifferences.gradient(ev, x, 1e-5)) <= 1e-7 * Vec.norm(g));
        assertTrue(Vec.dist(hv, FiniteDifferences.hvp(ev, x, v, 1e-5)) <= 1e-7 * Vec.norm(hv));
        // second difference (THEORY 6): rounding 1e-16 ||g|| / eps^2 ~ 1e-8 at eps 1e-4, truncation ~ eps^2
        double[] fd = FiniteDifferences.thirdDerivative(ev, x, v, 1e-4);
        assertTrue(Vec.dist(t, fd) <= 1e-5 * Vec.norm(t), "third derivative " + Vec.dist(t, fd));
        // jvp / vjp are adjoint: <J v, w> = <v, J^T w>
        double[] w = Vec.gaussian(rnd, 12), jv = new double[12], jtw = new double[p.length];
        ev.jvp(x, v, jv);
        ev.vjp(x, w, jtw);
        assertTrue(Math.abs(Vec.dot(jv, w) - Vec.dot(v, jtw)) <= 1e-12 * Vec.norm(jv) * Vec.norm(w));
    }
}
