package dev.eos.bench;

import dev.eos.models.Evaluator;
import dev.eos.models.Model;
import dev.eos.models.Models;

/**
 * The spectral benchmark problems: a point x0 (the seeded random start) and the point x1 one normalized-GD step of
 * length eta = 0.01 later, where the measured solves run ("warm" starts from the Ritz vectors at x0).
 */
public final class SpectralProblems {

    /** The step length of the NGD step from x0 to x1. */
    public static final double ETA = 0.01;

    private SpectralProblems() {
    }

    /** deep-linear-8 / deep-linear-32 (N = 4, d = 8 or 32, random target of full rank), sensing (d = k = 40, m = 2000). */
    public static Model model(String name) {
        return switch (name) {
            case "deep-linear-8" -> ModelBenchmarks.deepLinear(8);
            case "deep-linear-32" -> ModelBenchmarks.deepLinear(32);
            case "sensing" -> ModelBenchmarks.sensing();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** x0: the seeded random start (default init scale). */
    public static double[] x0(Model model) {
        return Models.randomStart(model, 1, Double.NaN);
    }

    /**
     * The sum of k vectors (the rows of a k x d row-major array): ARPACK takes one start vector, so a warm start from
     * k Ritz vectors becomes their sum.
     */
    public static double[] sum(double[] vectors, int k, int d) {
        double[] sum = new double[d];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < d; i++) {
                sum[i] += vectors[j * d + i];
            }
        }
        return sum;
    }

    /** x1 = x0 - eta grad L / ||grad L||. */
    public static double[] x1(Model model, double[] x0) {
        Evaluator ev = model.evaluator();
        double[] g = new double[x0.length];
        ev.lossAndGradient(x0, g);
        double norm = 0;
        for (double v : g) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        double[] x = x0.clone();
        for (int i = 0; i < x.length; i++) {
            x[i] -= ETA * g[i] / norm;
        }
        return x;
    }
}
