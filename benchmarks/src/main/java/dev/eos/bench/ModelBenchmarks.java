package dev.eos.bench;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import dev.eos.models.DeepLinear;
import dev.eos.models.Evaluator;
import dev.eos.models.MatrixSensing;
import dev.eos.models.Models;
import java.util.Random;

/**
 * Shared pieces of the model and spectral benchmarks: their problems (built once here, so JMH, CPU-time tables and
 * counts measure the same models), seeded vectors, the normalized-GD step they time, and the setup checks (the
 * vector kernels are in use and the evaluator is right).
 */
final class ModelBenchmarks {

    private ModelBenchmarks() {
    }

    /** The deep linear benchmark net: N = 4 square layers of width d, target spectrum 1/(1 + i/2), seed 1. */
    static DeepLinear deepLinear(int d) {
        return DeepLinear.random(DeepLinear.squareWidths(4, d), Models.decaySpectrum(d), 1);
    }

    /** The matrix sensing benchmark: m = 2000 measurements, d = k = 40, a rank-40 ground truth, seed 1. */
    static MatrixSensing sensing() {
        return MatrixSensing.random(2000, 40, 40, 40, 1);
    }

    /** One normalized-GD step of length 1e-3 from x into out (x unchanged, so a timed state does not drift). */
    static double[] ngdStep(Evaluator ev, Kernels k, double[] x, double[] g, double[] out) {
        ev.lossAndGradient(x, g);
        double norm = k.nrm2(g.length, g, 0);
        System.arraycopy(x, 0, out, 0, x.length);
        k.axpy(g.length, -1e-3 / norm, g, 0, out, 0);
        return out;
    }

    static void requireVectorKernels() {
        if (!KernelProvider.get().name().equals("vector")) {
            throw new IllegalStateException("vector kernels not chosen: " + KernelProvider.reason());
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

    /**
     * Checks once that the HVP matches central differences of the gradient along v (h = 1e-5: error ~1e-9
     * relative) and that the fused call agrees with the separate ones; throws otherwise.
     */
    static void checkEvaluator(Evaluator ev, double[] x, double[] v) {
        int n = x.length;
        double[] g = new double[n], hv = new double[n], gp = new double[n], gm = new double[n];
        double l = ev.lossAndGradient(x, g);
        ev.hvp(x, v, hv);
        double h = 1e-5;
        double[] xp = x.clone(), xm = x.clone();
        for (int i = 0; i < n; i++) {
            xp[i] += h * v[i];
            xm[i] -= h * v[i];
        }
        ev.lossAndGradient(xp, gp);
        ev.lossAndGradient(xm, gm);
        double err = 0, size = 0;
        for (int i = 0; i < n; i++) {
            err = Math.max(err, Math.abs((gp[i] - gm[i]) / (2 * h) - hv[i]));
            size = Math.max(size, Math.abs(hv[i]) + Math.abs(g[i]));
        }
        if (!(err <= 1e-6 * (1 + size))) {
            throw new IllegalStateException("HVP disagrees with gradient differences: " + err + " vs size " + size);
        }
        double[] g2 = new double[n], hv2 = new double[n];
        double l2 = ev.gradientAndHvp(x, v, g2, hv2);
        for (int i = 0; i < n; i++) {
            if (Math.abs(g2[i] - g[i]) > 1e-12 * (1 + size) || Math.abs(hv2[i] - hv[i]) > 1e-12 * (1 + size)) {
                throw new IllegalStateException("fused gradient+HVP disagrees with separate calls at " + i);
            }
        }
        if (Math.abs(l - l2) > 1e-12 * (1 + Math.abs(l))) {
            throw new IllegalStateException("fused loss disagrees: " + l + " vs " + l2);
        }
    }
}
