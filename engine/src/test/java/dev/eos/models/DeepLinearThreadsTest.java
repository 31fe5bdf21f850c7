package dev.eos.models;

import static dev.eos.models.Vec.close;
import static dev.eos.models.Vec.dot;
import static dev.eos.models.Vec.norm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import org.junit.jupiter.api.Test;

/**
 * Deep linear networks on several threads ({@link DeepLinear#withThreads}): a call is cut into column segments (one
 * per thread) and weight blocks that never add into one another's outputs, and a block of a gemm has the bits of the
 * same block of the whole product, so every evaluator output is bit-identical for any number of segments (one
 * included: a split network gives the bits of the unsplit code) and so for T = 1, 2, 3 and 8.
 */
class DeepLinearThreadsTest {

    /**
     * Widths 176, 72, 64, 96, 40: a forward sweep of 2.6M multiply-adds, above the threshold; d_0 = 176 is cut into
     * at most 5 segments (32, 32, 32, 32, 48 columns), and the weight outputs of W_2, W_3, W_4 into at most 2, 2 and 3
     * blocks.
     */
    static DeepLinear model() {
        return DeepLinear.random(new int[] {176, 72, 64, 96, 40}, new double[] {2, 1.5, 1, 0.5}, 31);
    }

    /** Every evaluator output at one seeded point and three seeded directions ({@link ModelCases#everyOutput}). */
    static double[] everything(LeastSquaresEvaluator ev) {
        DeepLinear m = (DeepLinear) ev.model();
        return ModelCases.everyOutput(ev, m.randomStart(3, 1), ModelCases.gaussian(3 * m.dim(), 1, 4), 3);
    }

    @Test
    void everyOutputIsBitIdenticalForAnyThreadCount() {
        DeepLinear m = model();
        DeepLinearEvaluator ev1 = (DeepLinearEvaluator) m.evaluator();
        assertEquals(1, ev1.segments(), "one thread runs the unsplit code");
        assertEquals(1, ev1.team().size());
        double[] one = everything(ev1);
        for (int t : new int[] {2, 3, 8}) {
            DeepLinear mt = m.withThreads(t);
            assertEquals(t, mt.threads());
            DeepLinearEvaluator ev = (DeepLinearEvaluator) mt.evaluator();
            assertEquals(Math.min(t, 5), ev.segments(), "a segment per thread, at most d_0 / 32");
            assertEquals(Math.min(t, 5), ev.team().size());
            ModelCases.sameBits(one, everything(ev), "T = " + t);
        }
    }

    @Test
    void resultsDoNotDependOnTheSegments() {
        // the unsplit code (S = 1), segments of 32 (S = 5) and cuts that are not multiples of 32 (S = 7: 25 or 26
        // columns) give the same bits, on both kernel families, with fewer threads than segments
        DeepLinear m = model().withThreads(3);
        for (Kernels k : new Kernels[] {KernelProvider.get(), KernelProvider.scalar()}) {
            double[] five = everything(new DeepLinearEvaluator(m, k, 5));
            for (int s : new int[] {1, 7}) {
                DeepLinearEvaluator ev = new DeepLinearEvaluator(m, k, s);
                assertEquals(s, ev.segments());
                ModelCases.sameBits(five, everything(ev), k.name() + " kernels, S = " + s);
            }
        }
    }

    @Test
    void smallNetworksStayOnOneSegmentAndThread() {
        // d = 32, N = 4: 98,304 multiply-adds per forward sweep (about 10 us per gradient): waking workers would cost
        // more than they save
        DeepLinear small = DeepLinear.random(DeepLinear.squareWidths(4, 32), Models.decaySpectrum(32), 1)
                .withThreads(4);
        DeepLinearEvaluator ev = (DeepLinearEvaluator) small.evaluator();
        assertEquals(1, ev.segments());
        assertEquals(1, ev.team().size());
        assertEquals(1, DeepLinearEvaluator.segmentsFor(new int[] {512, 512}), "depth 1 is never split");
        assertEquals(2, DeepLinearEvaluator.segmentsFor(DeepLinear.squareWidths(4, 64)));
        assertEquals(4, DeepLinearEvaluator.segmentsFor(DeepLinear.squareWidths(4, 128)));
        assertEquals(8, DeepLinearEvaluator.segmentsFor(DeepLinear.squareWidths(4, 256)));
        assertEquals(8, DeepLinearEvaluator.segmentsFor(DeepLinear.squareWidths(3, 1024)), "at most 8");
        assertSame(small, small.withThreads(4));
        assertThrows(IllegalArgumentException.class, () -> small.withThreads(0));
    }

    /**
     * The segmented network's derivatives against central differences along random unit directions, with the
     * tolerances of {@link ModelContractTest} (its error model: first differences at h = 1e-5 err by about 1e-9
     * relative, the tolerance 1e-8 sits 10x above and far below a wrong term's O(1) error). That suite runs on small
     * networks (one segment); this one runs the split code on threads.
     */
    @Test
    void segmentedDerivativesMatchFiniteDifferences() {
        DeepLinear m = model().withThreads(2);
        Evaluator ev = m.evaluator();
        assertTrue(((DeepLinearEvaluator) ev).segments() > 1);
        double[] x = m.randomStart(5, 1);
        int n = x.length;
        double[] g = new double[n];
        double l = ev.lossAndGradient(x, g);
        double h = 1e-5;
        for (long s = 0; s < 2; s++) {
            double[] u = ModelContractTest.unit(ModelCases.gaussian(n, 1, 100 + s));
            double fd = (ev.loss(Vec.axpy(h, u, x)) - ev.loss(Vec.axpy(-h, u, x))) / (2 * h);
            close(fd, dot(g, u), 1e-8, 1 + Math.abs(l) + norm(g),
                    "directional derivative " + s);
            double[] hv = ModelContractTest.hvp(ev, x, u);
            double[] gp = ModelContractTest.grad(ev, Vec.axpy(h, u, x));
            double[] gm = ModelContractTest.grad(ev, Vec.axpy(-h, u, x));
            double[] fdh = new double[n];
            for (int i = 0; i < n; i++) {
                fdh[i] = (gp[i] - gm[i]) / (2 * h);
            }
            close(fdh, hv, 1e-8, 1 + norm(hv) + norm(g), "H u vs gradient differences " + s);
            // D^3 L[u, u, .] against the second difference of the gradient (h = 1e-4: error about 4e-8 |grad|,
            // tolerance 1e-6 as in ModelContractTest)
            double h2 = 1e-4;
            double[] out = new double[n];
            ev.curvatureGradient(x, u, out);
            double[] g2p = ModelContractTest.grad(ev, Vec.axpy(h2, u, x));
            double[] g2m = ModelContractTest.grad(ev, Vec.axpy(-h2, u, x));
            double[] fd3 = new double[n];
            for (int i = 0; i < n; i++) {
                fd3[i] = (g2p[i] - 2 * g[i] + g2m[i]) / (h2 * h2);
            }
            close(fd3, out, 1e-6, 1 + norm(out) + norm(g), "D^3 L[u, u, .] vs second difference " + s);
        }
    }
}
