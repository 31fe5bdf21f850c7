package dev.eos.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The models (and points) every contract test runs on: each model, several shapes, generic points off Gamma. */
final class ModelCases {

    private ModelCases() {
    }

    /**
     * One test case.
     *
     * @param label    shown in test names
     * @param model    the model
     * @param x        a generic point (off Gamma)
     * @param onGamma  a point of Gamma (zero residual) for least-squares models, else null
     */
    record Case(String label, Model model, double[] x, double[] onGamma) {
        @Override
        public String toString() {
            return label;
        }
    }

    static double[] gaussian(int n, double scale, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = scale * r.nextGaussian();
        }
        return x;
    }

    static List<Case> all() {
        List<Case> c = new ArrayList<>();
        Quadratic q = Quadratic.withSpectrum(new double[] {3, 1.5, 1, 0.5, 0, 0}, 11);
        c.add(new Case("quadratic PSD D=6 rank 4", q, gaussian(6, 1, 1), null));
        double[] indef = {2, 1, 0, 1, -1, 0.5, 0, 0.5, 0.25};
        c.add(new Case("quadratic indefinite D=3", new Quadratic(indef, 3), gaussian(3, 1, 2), null));

        DeepLinear sq = DeepLinear.random(DeepLinear.squareWidths(4, 3), Models.decaySpectrum(3), 5);
        c.add(new Case("deep-linear N=4 d=3", sq, gaussian(sq.dim(), 0.7, 3), sq.balancedMinimizer(9)));
        DeepLinear rect = DeepLinear.random(new int[] {3, 4, 5, 2}, new double[] {1.3, 0.6}, 6);
        c.add(new Case("deep-linear widths 3,4,5,2", rect, gaussian(rect.dim(), 0.6, 4), rect.balancedMinimizer(3)));
        DeepLinear one = DeepLinear.random(new int[] {2, 3}, new double[] {1, 0.5}, 7);
        c.add(new Case("deep-linear N=1", one, gaussian(one.dim(), 1, 5), one.balancedMinimizer()));
        DeepLinear two = DeepLinear.random(new int[] {3, 2, 4}, new double[] {2, 0.7}, 8);
        c.add(new Case("deep-linear N=2 widths 3,2,4", two, gaussian(two.dim(), 0.8, 6), two.balancedMinimizer(1)));
        DeepLinear data = DeepLinearTest.whitenedModel(new int[] {3, 3, 3, 2}, 40, 21);
        c.add(new Case("deep-linear from whitened data", data, gaussian(data.dim(), 0.7, 7), data.balancedMinimizer()));

        SymmetricFactorization f = SymmetricFactorization.random(5, 2, new double[] {2, 0.8}, 12);
        c.add(new Case("factorization d=5 k=2", f, gaussian(10, 0.7, 8), f.minimizer(4)));
        SymmetricFactorization f3 = SymmetricFactorization.random(4, 3, new double[] {1.5, 1, 0.3}, 13);
        c.add(new Case("factorization d=4 k=3", f3, gaussian(12, 0.6, 9), f3.minimizer(2)));

        MatrixSensing s = MatrixSensing.random(10, 4, 2, 2, 14);
        c.add(new Case("sensing m=10 d=4 k=2", s, gaussian(8, 0.6, 10), s.groundTruth().orElseThrow()));
        // P = 78 <= m: Gram mode; the same model in direct mode runs several measurement blocks and a tail block
        // (block = 152 rows at d = 12)
        MatrixSensing big = MatrixSensing.random(350, 12, 3, 3, 15);
        c.add(new Case("sensing m=350 d=12 k=3 (Gram)", big, gaussian(36, 0.4, 11), big.groundTruth().orElseThrow()));
        MatrixSensing bigDirect = big.direct();
        c.add(new Case("sensing m=350 d=12 k=3 (direct, blocked)", bigDirect, gaussian(36, 0.4, 11),
                big.groundTruth().orElseThrow()));
        // P = 210 > m: direct mode by the rule; blocks of 56 rows, so 56 + 56 + 38
        MatrixSensing wide = MatrixSensing.random(150, 20, 2, 2, 16);
        c.add(new Case("sensing m=150 d=20 k=2 (direct)", wide, gaussian(40, 0.5, 12), wide.groundTruth().orElseThrow()));
        MatrixSensing e = MatrixSensing.ellipse(3, 2);
        double phi = 0.7;
        c.add(new Case("sensing ellipse a=3", e, new double[] {0.9, -0.4},
                new double[] {Math.sqrt(2) * Math.cos(phi), Math.sqrt(2 / 3.0) * Math.sin(phi)}));

        c.add(new Case("toy2d", SeparableToy.toy2d(), new double[] {0.8, 0.3}, null));
        c.add(new Case("toy3d", SeparableToy.toy3d(), new double[] {-1.2, 0.2, -0.4}, null));
        return c;
    }

    /** The least-squares cases. */
    static List<Case> leastSquares() {
        return all().stream().filter(c -> c.model().evaluator() instanceof LeastSquaresEvaluator).toList();
    }
    /**
     * Every output of a least-squares evaluator at x (directions: the k rows of v), concatenated, loss values as their
     * own entries: loss, loss + gradient, gradient + HVP, HVP, batched HVP, curvature gradient, the operator of
     * hessianAt (apply, applyBatch), residual, JVP and VJP. Thread tests compare these bit for bit across counts.
     */
    static double[] everyOutput(LeastSquaresEvaluator ev, double[] x, double[] v, int k) {
        int n = ev.model().dim();
        List<double[]> parts = new ArrayList<>();
        double[] g = new double[n];
        parts.add(new double[] {ev.loss(x), ev.lossAndGradient(x, g)});
        parts.add(g.clone());
        double[] hv = new double[n];
        parts.add(new double[] {ev.gradientAndHvp(x, v, g, hv)});
        parts.add(g.clone());
        parts.add(hv.clone());
        ev.hvp(x, v, hv);
        parts.add(hv.clone());
        double[] batch = new double[k * n];
        ev.hvpBatch(x, v, k, batch);
        parts.add(batch.clone());
        ev.curvatureGradient(x, v, hv);
        parts.add(hv.clone());
        SymmetricOperator op = ev.hessianAt(x);
        op.apply(v, hv);
        parts.add(hv.clone());
        op.applyBatch(v, k, batch);
        parts.add(batch.clone());
        double[] r = new double[ev.outputDim()];
        ev.residual(x, r);
        parts.add(r.clone());
        ev.jvp(x, v, r);
        parts.add(r.clone());
        ev.vjp(x, r, g);
        parts.add(g.clone());
        int len = parts.stream().mapToInt(p -> p.length).sum();
        double[] all = new double[len];
        int o = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, all, o, p.length);
            o += p.length;
        }
        return all;
    }

    /** Asserts equal bits entry by entry (the message names the first entry that differs). */
    static void sameBits(double[] expected, double[] actual, String what) {
        org.junit.jupiter.api.Assertions.assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
                throw new AssertionError(what + ", entry " + i + ": " + expected[i] + " vs " + actual[i] + " (bits)");
            }
        }
    }
}
