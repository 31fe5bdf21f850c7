package dev.eos.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.models.DeepLinear;
import dev.eos.models.MatrixSensing;
import dev.eos.models.Model;
import dev.eos.models.Models;
import dev.eos.models.Quadratic;
import dev.eos.models.SeparableToy;
import dev.eos.models.SymmetricFactorization;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lanczos (single-vector and block) and ARPACK on every model's Hessian, against the dense eigensolver on
 * Model.denseHessian: at generic points (random starts) and at points of Gamma, where the spectra have exact
 * multiplicities (THEORY 6.1: balanced deep linear pairs u_i v_j^T / u_j v_i^T; 6.2: s_i^2 with multiplicity d - r).
 * Eigenvalues agree to 1e-10 lambda_1: converged pairs have residual &lt;= 1e-10 |lambda|, and the error of an
 * eigenvalue is at most its residual even inside a cluster (Weyl / Bauer-Fike for symmetric matrices).
 */
class ModelHessianTest {

    static Stream<Arguments> generic() {
        return Stream.of(
                Arguments.of("toy2d", SeparableToy.toy2d(), new double[] {0.7, -0.4}),
                Arguments.of("toy3d", SeparableToy.toy3d(), new double[] {1.2, 0.3, -0.5}),
                Arguments.of("quadratic", Quadratic.withSpectrum(LanczosTest.separated(30, 2), 3), null),
                Arguments.of("deep-linear", DeepLinear.random(DeepLinear.squareWidths(3, 4),
                        Models.decaySpectrum(4), 5), null),
                Arguments.of("factorization", SymmetricFactorization.random(6, 2, Models.decaySpectrum(2), 6), null),
                Arguments.of("sensing", MatrixSensing.random(20, 5, 2, 2, 7), null));
    }

    static double[] point(Model m, double[] given) {
        return given != null ? given : Models.randomStart(m, 11, 1.0);
    }

    /** True when the top k + 1 eigenvalues are separated by more than 1e-8 lambda_1. */
    static boolean simpleTop(EigenResult all, int k) {
        for (int j = 1; j <= k && j < all.k(); j++) {
            if (all.values()[j - 1] - all.values()[j] <= 1e-8 * Math.abs(all.values()[0])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every reported value is an eigenvalue, and no eigenvalue is reported more often than its multiplicity (a
     * ghost is a spurious extra copy of a converged eigenvalue).
     */
    static void assertNoGhosts(EigenResult all, EigenResult got, String what) {
        double tol = 1e-9 * Math.abs(all.values()[0]);
        for (double v : got.values()) {
            int reported = 0;
            int multiplicity = 0;
            for (double w : got.values()) {
                reported += Math.abs(w - v) <= tol ? 1 : 0;
            }
            for (double w : all.values()) {
                multiplicity += Math.abs(w - v) <= tol ? 1 : 0;
            }
            assertTrue(multiplicity >= 1, what + ": " + v + " is not an eigenvalue");
            assertTrue(reported <= multiplicity, what + ": " + v + " reported " + reported + " times, multiplicity "
                    + multiplicity);
        }
    }

    static void assertSpectrum(EigenResult ref, EigenResult got, String what) {
        double scale = Math.abs(ref.values()[0]);
        for (int j = 0; j < ref.k(); j++) {
            assertEquals(ref.values()[j], got.values()[j], 1e-10 * scale, what + " eigenvalue " + j);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generic")
    void genericPoints(String name, Model model, double[] given) {
        double[] x = point(model, given);
        int d = model.dim();
        int k = Math.min(4, d);
        EigenResult all = new DenseEigensolver(d).solve(model.denseHessian(x), d, Which.LARGEST_ALGEBRAIC);
        EigenResult ref = new DenseEigensolver(d).solve(model.denseHessian(x), k, Which.LARGEST_ALGEBRAIC);
        var ev = model.evaluator();
        EigenResult single = new Lanczos(d).solve(ev.hessianAt(x), k, null);
        assertNoGhosts(all, single, name);
        if (simpleTop(all, k)) {
            assertSpectrum(ref, single, name + " lanczos");
        }
        // the factorization Hessian has exact double eigenvalues even at random points: a block of 3 finds them
        assertSpectrum(ref, new Lanczos(d, Lanczos.Options.defaults().withBlockSize(3))
                .solve(ev.hessianAt(x), k, null), name + " block");
        if (d > 2 * k + 1) {
            ArpackOracle.Result ar = ArpackOracle.solve(ev.hessianAt(x), k, Which.LARGEST_ALGEBRAIC, 1e-10,
                    Math.min(d, Math.max(2 * k + 1, 20)), null);
            for (int j = 0; j < k; j++) {
                assertEquals(ref.values()[j], ar.values()[j], 1e-10 * Math.abs(ref.values()[0]), name + " arpack " + j);
            }
        }
    }

    static Stream<Arguments> onGamma() {
        DeepLinear dl = DeepLinear.random(DeepLinear.squareWidths(3, 4), new double[] {2, 0.6, 0.3, 0.1}, 5);
        SymmetricFactorization f = SymmetricFactorization.random(6, 2, Models.decaySpectrum(2), 6);
        MatrixSensing s = MatrixSensing.random(20, 5, 2, 2, 7);
        return Stream.of(
                // balanced deep linear: eigenvalues of u_i v_j^T and u_j v_i^T coincide (pairs)
                Arguments.of("deep-linear", dl, dl.balancedMinimizer(), 8),
                // factorization on Gamma: 2, 5/3, 4/3, then 1 with multiplicity d - r = 4
                Arguments.of("factorization", f, factorOf(f), 7),
                Arguments.of("sensing", s, s.groundTruth().orElseThrow(), 3));
    }

    /** U with U U^T = M from the top-k eigenpairs of the target M. */
    static double[] factorOf(SymmetricFactorization f) {
        int d = f.size();
        int k = f.rank();
        EigenResult e = new DenseEigensolver(d).solve(f.target(), k, Which.LARGEST_ALGEBRAIC);
        double[] u = new double[d * k];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < d; i++) {
                u[i * k + j] = Math.sqrt(e.values()[j]) * e.vectors()[j * d + i];
            }
        }
        return u;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("onGamma")
    void pointsOnGammaWithMultiplicities(String name, Model model, double[] x, int k) {
        int d = model.dim();
        EigenResult ref = new DenseEigensolver(d).solve(model.denseHessian(x), k, Which.LARGEST_ALGEBRAIC);
        Lanczos block = new Lanczos(d, Lanczos.Options.defaults().withBlockSize(4));
        assertSpectrum(ref, block.solve(model.evaluator().hessianAt(x), k, null), name + " block");
    }
}
