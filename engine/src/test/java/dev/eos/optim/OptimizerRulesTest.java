package dev.eos.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.models.Model;
import dev.eos.models.SeparableToy;
import dev.eos.testing.DiagonalQuadratic;
import dev.eos.testing.Vec;
import org.junit.jupiter.api.Test;

/** The update rules of THEORY 2, their readings, their guards, and the factory. */
class OptimizerRulesTest {

    private static final SeparableToy TOY = SeparableToy.toy2d();

    @Test
    void factoryKnowsTheFourNames() {
        for (String n : Optimizers.NAMES) {
            Optimizer o = Optimizers.create(n.toUpperCase(), TOY, 0.01);
            assertEquals(n, o.name());
            assertEquals(0.01, o.eta());
            assertEquals(TOY, o.model());
        }
        assertThrows(IllegalArgumentException.class, () -> Optimizers.create("adam", TOY, 0.01));
        assertThrows(IllegalArgumentException.class, () -> Optimizers.create("gd", TOY, -1));
        assertThrows(IllegalArgumentException.class, () -> Optimizers.create("gf", TOY, 0.01,
                Optimizers.Settings.defaults().withNoise(1e-9, 0)));
        assertThrows(IllegalArgumentException.class, () -> Optimizers.create("ngd", TOY, 0.01,
                Optimizers.Settings.defaults().withNoise(-1, 0)));
    }

    @Test
    void stepsFollowTheirFormulas() {
        // toy2d at (1, 0.05): grad = (2 x y^2, 2(1+x^2) y) = (0.005, 0.2), L = (1+x^2) y^2 = 0.005
        double[] g = {0.005, 0.2};
        double gn = Math.hypot(g[0], g[1]);
        double eta = 0.01;
        double[] expect = {
            eta,                           // gd
            eta / gn,                      // ngd
            eta / (2 * Math.sqrt(0.005))}; // sqrt
        String[] names = {"gd", "ngd", "sqrt"};
        for (int a = 0; a < 3; a++) {
            Optimizer o = Optimizers.create(names[a], TOY, eta);
            double[] x = {1, 0.05};
            o.step(x);
            // a few ulps: the model, the norm and the fused axpy each round once or twice
            assertEquals(0.005, o.lastLoss(), 1e-17, names[a]);
            assertEquals(gn, o.lastGradNorm(), 1e-16, names[a]);
            assertEquals(expect[a], o.lastEtaEff(), 1e-14 * expect[a], names[a]);
            assertEquals(1 - expect[a] * g[0], x[0], 1e-15, names[a]);
            assertEquals(0.05 - expect[a] * g[1], x[1], 1e-15, names[a]);
            assertEquals(1, o.steps());
            assertFalse(o.lastSkipped());
        }
        // every NGD step has length exactly eta (THEORY 2.1), up to rounding
        Optimizer ngd = Optimizers.create("ngd", TOY, eta);
        double[] x = {1, 0.05};
        for (int t = 0; t < 50; t++) {
            double[] before = x.clone();
            ngd.step(x);
            assertEquals(eta, Vec.dist(x, before), 1e-15);
        }
    }

    @Test
    void gdOnAQuadraticIsTheLinearRecursion() {
        // x_t = (1 - eta a)^t x_0 per coordinate
        Model q = new DiagonalQuadratic(1.0, 0.4, 0.0);
        Optimizer gd = Optimizers.create("gd", q, 0.3);
        double[] x = {1, -2, 5};
        for (int t = 0; t < 20; t++) {
            gd.step(x);
        }
        assertEquals(Math.pow(0.7, 20), x[0], 1e-15);
        assertEquals(-2 * Math.pow(0.88, 20), x[1], 1e-14);
        assertEquals(5, x[2]);
    }

    @Test
    void ngdSkipsAZeroGradientWithoutNaN() {
        Optimizer o = Optimizers.create("ngd", TOY, 0.1);
        double[] x = {0.7, 0.0}; // on Gamma: grad L = 0 exactly
        o.step(x);
        assertTrue(o.lastSkipped());
        assertEquals(0.0, o.lastEtaEff());
        assertEquals(0.0, o.lastGradNorm());
        assertEquals(0.0, o.lastLoss());
        assertArrayEquals(new double[] {0.7, 0.0}, x);
        assertEquals(1, o.steps());
        // a gradient so small that eta/||g|| overflows is skipped too: 2e-320 is subnormal
        double[] tiny = {0.0, 1e-320};
        o.step(tiny);
        assertTrue(o.lastSkipped());
        assertArrayEquals(new double[] {0.0, 1e-320}, tiny);
    }

    @Test
    void sqrtSkipsAtTheMinimumWithoutNaN() {
        Optimizer o = Optimizers.create("sqrt", TOY, 0.1);
        double[] x = {0.7, 0.0};
        o.step(x);
        assertTrue(o.lastSkipped());
        assertEquals(0.0, o.lastEtaEff());
        assertArrayEquals(new double[] {0.7, 0.0}, x);
        // below a (wrong) L_min: skipped rather than sqrt of a negative number
        Optimizer wrong = Optimizers.create("sqrt", TOY, 0.1, Optimizers.Settings.defaults().withMinLoss(1.0));
        double[] y = {1, 0.05};
        wrong.step(y);
        assertTrue(wrong.lastSkipped());
        assertArrayEquals(new double[] {1, 0.05}, y);
        // off the minimum it steps
        o.step(y);
        assertFalse(o.lastSkipped());
    }

    @Test
    void sqrtUsesTheModelsMinLossOrZero() {
        assertEquals(0.0, ((SqrtLossGD) Optimizers.create("sqrt", TOY, 0.1)).minLoss());
        assertEquals(0.25, ((SqrtLossGD) Optimizers.create("sqrt", TOY, 0.1,
                Optimizers.Settings.defaults().withMinLoss(0.25))).minLoss());
        Model unknown = new DiagonalQuadratic(1.0) {
            @Override
            public double minLoss() {
                return Double.NaN;
            }
        };
        assertEquals(0.0, Optimizers.resolveMinLoss(unknown, Double.NaN));
    }

    @Test
    void gradientFlowMatchesTheExponentialOnAQuadratic() {
        // x(t) = exp(-a t) x0; 50 steps of eta = 0.1 reach t = 5
        Model q = new DiagonalQuadratic(3.0, 0.5);
        Optimizer gf = Optimizers.create("gf", q, 0.1);
        double[] x = {1, 1};
        for (int t = 0; t < 50; t++) {
            gf.step(x);
        }
        assertEquals(50, gf.steps());
        assertEquals(0.1, gf.lastEtaEff());
        // rtol 1e-9 per substep, a few hundred substeps: global error well below 1e-7 relative
        assertEquals(Math.exp(-15), x[0], 1e-7 * Math.exp(-15) + 1e-12);
        assertEquals(Math.exp(-2.5), x[1], 1e-7 * Math.exp(-2.5));
        // the substeps respect alpha / lambda_1 = 1/3 (Cohen et al.)
        assertTrue(((GradientFlow) gf).integrator().sharpnessEstimate() <= 3.0 + 1e-9);
    }

    @Test
    void gradientFlowOnToyFollowsTheInvariantToPhi() {
        // GF keeps ln|x| + (x^2 - y^2)/2 constant on toy2d (THEORY 6.4); after long time it reaches Phi
        Optimizer gf = Optimizers.create("gf", TOY, 0.5);
        double[] x = {1, 0.3};
        double inv0 = Math.log(1) + (1 - 0.09) / 2;
        for (int t = 0; t < 20; t++) {
            gf.step(x);
            double inv = Math.log(Math.abs(x[0])) + (x[0] * x[0] - x[1] * x[1]) / 2;
            assertEquals(inv0, inv, 1e-8);
        }
        double[] phi = new double[2];
        TOY.phi(new double[] {1, 0.3}, phi);
        assertEquals(phi[0], x[0], 1e-8);
    }
}
