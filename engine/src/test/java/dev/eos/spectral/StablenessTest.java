package dev.eos.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.models.Quadratic;
import dev.eos.models.SeparableToy;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.eig.SymmetricQRAlgorithmDecomposition_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Stableness against closed forms: on the quadratic S_L(x, eta_t) = eta_t lambda_1 and, along NGD in its 2-cycle,
 * 1/S_t + 1/S_{t+1} -&gt; 1 (THEORY 3, "Consequences"); on the toys against a brute-force sup over a fine grid of
 * the segment with closed-form Hessians (THEORY 5, Figure 1: the Hessian of sqrt L is (2H - g g^T / L) / (4 sqrt L)).
 */
class StablenessTest {

    /** Brute-force sup of f over [0, eta]: a uniform grid of 200001 points, then 20001 points around the best. */
    static double bruteSup(DoubleUnaryOperator f, double eta) {
        int n = 200_000;
        double best = Double.NEGATIVE_INFINITY;
        int arg = 0;
        for (int i = 0; i <= n; i++) {
            double v = f.applyAsDouble(eta * i / n);
            if (v > best) {
                best = v;
                arg = i;
            }
        }
        double lo = eta * Math.max(arg - 2, 0) / n;
        double hi = eta * Math.min(arg + 2, n) / n;
        for (int i = 0; i <= 20_000; i++) {
            best = Math.max(best, f.applyAsDouble(lo + (hi - lo) * i / 20_000));
        }
        return best;
    }

    /** The toy3d Hessian (L = (1 + x^2) y1^2 + 0.3 y2^2; toy2d when y2 is absent) at p, 3 x 3 row-major. */
    static double[] toyHessian(double[] p) {
        double x = p[0];
        double y = p[1];
        return new double[] {2 * y * y, 4 * x * y, 0, 4 * x * y, 2 * (1 + x * x), 0, 0, 0, 0.6};
    }

    static double[] toyGradient(double[] p) {
        return new double[] {2 * p[0] * p[1] * p[1], 2 * (1 + p[0] * p[0]) * p[1], p.length > 2 ? 0.6 * p[2] : 0};
    }

    static double toyLoss(double[] p) {
        return (1 + p[0] * p[0]) * p[1] * p[1] + (p.length > 2 ? 0.3 * p[2] * p[2] : 0);
    }

    static final SymmetricQRAlgorithmDecomposition_DDRM EIG = new SymmetricQRAlgorithmDecomposition_DDRM(false);

    static double lambdaMax(double[] h, int d) {
        DMatrixRMaj m = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                m.set(i, j, h[i * 3 + j]);
            }
        }
        EIG.decompose(m);
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < d; i++) {
            best = Math.max(best, EIG.getEigenvalue(i).real);
        }
        return best;
    }

    /** lambda_1 of the toy's L Hessian at x - s grad L(x). */
    static DoubleUnaryOperator lossSegment(double[] x) {
        double[] g = toyGradient(x);
        int d = x.length;
        return s -> {
            double[] y = new double[d];
            for (int i = 0; i < d; i++) {
                y[i] = x[i] - s * g[i];
            }
            return lambdaMax(toyHessian(y), d);
        };
    }

    /** lambda_1 of the Hessian of sqrt L at x - s grad sqrt L(x). */
    static DoubleUnaryOperator sqrtSegment(double[] x) {
        double[] g = toyGradient(x);
        double root = Math.sqrt(toyLoss(x));
        int d = x.length;
        return s -> {
            double[] y = new double[d];
            for (int i = 0; i < d; i++) {
                y[i] = x[i] - s * g[i] / (2 * root);
            }
            double l = toyLoss(y);
            double[] h = toyHessian(y);
            double[] gy = toyGradient(y);
            double[] f = new double[9];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    f[i * 3 + j] = (2 * h[i * 3 + j] - gy[i] * gy[j] / l) / (4 * Math.sqrt(l));
                }
            }
            return lambdaMax(f, d);
        };
    }

    @ParameterizedTest
    @CsvSource({
        "1, 0.05, 0.1", // NGD near Gamma: the segment crosses y = 0, lambda_1 is largest at an end
        "14.7, -3, 5", // the Figure-1 NGD start
        "-2, 1.5, 0.3",
        "0.4, 0.8, 2",
        "0.02, 0.3, 0.05"
    })
    void toy2dLossStablenessMatchesBruteForce(double px, double py, double eta) {
        double[] x = {px, py};
        double[] g = toyGradient(x);
        double etaT = Stableness.ngdStep(eta, Math.hypot(g[0], g[1]));
        Stableness st = new Stableness(SeparableToy.toy2d());
        double s = st.ofLoss(x, etaT);
        double brute = etaT * bruteSup(lossSegment(x), etaT);
        // each lambda_1 is exact to ~1e-15 (n = 2), the brute force to its grid: 1e-9 relative covers both
        assertEquals(brute, s, 1e-9 * brute);
        assertTrue(st.lastArgmax() >= 0 && st.lastArgmax() <= etaT);
    }

    @ParameterizedTest
    @CsvSource({"0.8, -0.9, 0.21", "-1.4, -0.9, 0.21", "-1.2, 1.0, 0.31", "-1.7, 0.9, 0.09"})
    void interiorMaximaAreRefined(double px, double py, double eta) {
        // a(x) = 2 + sin(3x): lambda_1 peaks inside these segments (brute-force argmax at 2-30% of the length)
        double[] x = {px, py};
        double[] g = BumpToy.gradient(x);
        DoubleUnaryOperator f = s -> BumpToy.lambda1(new double[] {px - s * g[0], py - s * g[1]});
        Stableness st = new Stableness(new BumpToy());
        double s = st.ofLoss(x, eta);
        double brute = eta * bruteSup(f, eta);
        assertEquals(brute, s, 1e-11 * brute);
        double uniform = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= 17; i++) {
            uniform = Math.max(uniform, eta * f.applyAsDouble(eta * i / 17));
        }
        assertTrue(brute - uniform > 1e-8 * brute, "the samples alone already find the peak: not a refinement test");
        assertTrue(st.lastArgmax() > 0 && st.lastArgmax() < eta);
    }

    @ParameterizedTest
    @CsvSource({
        "1, 0.05, 0.03, 0.1", // Phase-II-like: the segment passes near Gamma, missing it by the y2 offset
        "0.5, -0.02, 0.01, 0.05",
        "2, 0.3, -0.2, 0.5"
    })
    void toy3dSqrtStablenessFindsTheSpike(double px, double py, double pz, double eta) {
        double[] x = {px, py, pz};
        Stableness st = new Stableness(SeparableToy.toy3d());
        double s = st.ofSqrtLoss(x, eta);
        double brute = eta * bruteSup(sqrtSegment(x), eta);
        // golden-section over the spike (20 iterations, bracket / 1.5e4) leaves a relative error ~ 1e-8 at the
        // quadratic top of the spike; the two-level brute-force grid is finer
        assertEquals(brute, s, 1e-6 * brute);
        // a uniform sampling alone misses the spike: the sup is far above lambda_1 / (2 sqrt L) at the ends
        DoubleUnaryOperator f = sqrtSegment(x);
        assertTrue(s > eta * Math.max(f.applyAsDouble(0), f.applyAsDouble(eta)));
    }

    @Test
    void toy2dSqrtStablenessIsInfiniteWhenTheSegmentHitsGamma() {
        // M = 1 (THEORY 1): theta = 0, the step on sqrt L crosses y = 0 where sqrt L is a cone
        Stableness st = new Stableness(SeparableToy.toy2d());
        double s = st.ofSqrtLoss(new double[] {1, 0.05}, 0.1);
        assertTrue(s > 1e8, "S = " + s);
        assertEquals(Double.POSITIVE_INFINITY, st.ofSqrtLoss(new double[] {1, 0}, 0.1));
    }

    @Test
    void quadraticStablenessIsEtaTimesLambda1() {
        int d = 40;
        Quadratic q = Quadratic.withSpectrum(LanczosTest.separated(d, 1), 2);
        Random r = new Random(3);
        double[] x = new double[d];
        for (int i = 0; i < d; i++) {
            x[i] = r.nextGaussian();
        }
        double[] ax = new double[d];
        q.evaluator().lossAndGradient(x, ax);
        double norm = 0;
        for (double v : ax) {
            norm += v * v;
        }
        double etaT = Stableness.ngdStep(0.01, Math.sqrt(norm));
        Stableness st = new Stableness(q);
        // S_L(x, eta_t) = eta_t lambda_1 = lambda_1 / ||x~|| with x~ = A x / eta (THEORY 3)
        assertEquals(10 * etaT, st.ofLoss(x, etaT), 1e-10 * 10 * etaT);
    }

    @Test
    void ngdTwoCycleOnTheQuadraticHasReciprocalStablenessSumOne() {
        // A with spectrum 1, 0.4, ... (the authors' Figure 2 uses diag(1, 0.4)); after the 2-cycle is reached,
        // 1/S_L(x_t, eta_t) + 1/S_L(x_{t+1}, eta_{t+1}) = C + (1 - C) = 1 (THEORY 3)
        int d = 6;
        Quadratic q = Quadratic.withSpectrum(new double[] {1, 0.4, 0.3, 0.2, 0.1, 0.05}, 4);
        Random r = new Random(5);
        double eta = 0.01;
        double[] x = new double[d];
        for (int i = 0; i < d; i++) {
            x[i] = 0.05 * r.nextGaussian();
        }
        double[] ax = new double[d];
        Stableness st = new Stableness(q);
        var ev = q.evaluator();
        double prev = Double.NaN;
        for (int t = 0; t < 3000; t++) {
            ev.lossAndGradient(x, ax);
            double norm = Math.sqrt(dot(ax, ax));
            if (t >= 2990) {
                double inv = 1 / st.ofLoss(x, Stableness.ngdStep(eta, norm));
                if (!Double.isNaN(prev)) {
                    // the v_2.. components have decayed to ~1e-15 by then (they shrink geometrically)
                    assertEquals(1.0, prev + inv, 1e-9, "t = " + t);
                }
                prev = inv;
            }
            for (int i = 0; i < d; i++) {
                x[i] -= eta * ax[i] / norm;
            }
        }
    }

    @Test
    void warmStateReproducesBits() {
        double[] x = {1, 0.05, 0.03};
        Stableness a = new Stableness(SeparableToy.toy3d());
        a.ofLoss(x, 0.4);
        double[] state = a.warmStart();
        double sa = a.ofSqrtLoss(x, 0.1);
        double la = a.ofLoss(new double[] {1.01, -0.04, 0.03}, 0.4);
        Stableness b = new Stableness(SeparableToy.toy3d());
        b.restoreWarmStart(state);
        assertEquals(sa, b.ofSqrtLoss(x, 0.1), 0.0);
        assertEquals(la, b.ofLoss(new double[] {1.01, -0.04, 0.03}, 0.4), 0.0);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
