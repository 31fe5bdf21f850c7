package dev.eos.run;

import dev.eos.models.Evaluator;
import dev.eos.models.Model;
import dev.eos.optim.Optimizer;

/**
 * Test stand-in for the geometry issue's optimizers: GD, normalized GD and GD on sqrt(L - L_min) (THEORY 2), with an
 * optional perturbation every k steps from a SplitMix64 generator whose state is checkpointed. Allocation-free steps.
 */
final class SimpleOptimizer implements Optimizer {

    private final String name;
    private final Model model;
    private final Evaluator ev;
    private final double eta;
    private final double radius;
    private final long every;
    private final double[] g;
    private long steps;
    private long rng;
    private double loss = Double.NaN;
    private double gradNorm = Double.NaN;
    private double etaEff = Double.NaN;

    SimpleOptimizer(String name, Model model, double eta, double radius, long every, long seed) {
        if (!name.equals("gd") && !name.equals("ngd") && !name.equals("sqrt")) {
            throw new IllegalArgumentException("unknown algorithm '" + name + "'");
        }
        this.name = name;
        this.model = model;
        this.ev = model.evaluator();
        this.eta = eta;
        this.radius = radius;
        this.every = every;
        this.g = new double[model.dim()];
        this.rng = seed;
    }

    static OptimizerFactory factory() {
        return (spec, model) -> new SimpleOptimizer(spec.algorithm(), model, spec.eta(), spec.noiseRadius(),
                spec.noiseEvery(), spec.seed());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Model model() {
        return model;
    }

    @Override
    public double eta() {
        return eta;
    }

    @Override
    public void step(double[] x) {
        double l = ev.lossAndGradient(x, g);
        double s = 0;
        for (double v : g) {
            s += v * v;
        }
        double n = Math.sqrt(s);
        double e = switch (name) {
            case "ngd" -> n > 0 ? eta / n : 0;
            case "sqrt" -> {
                double lm = l - model.minLoss();
                yield lm > 0 ? eta / (2 * Math.sqrt(lm)) : 0;
            }
            default -> eta;
        };
        for (int i = 0; i < x.length; i++) {
            x[i] -= e * g[i];
        }
        loss = l;
        gradNorm = n;
        etaEff = e;
        steps++;
        if (radius > 0 && every > 0 && steps % every == 0) {
            for (int i = 0; i < x.length; i++) {
                x[i] += radius * (2 * uniform() - 1) / Math.sqrt(x.length);
            }
        }
    }

    private double uniform() {
        long z = (rng += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return ((z ^ (z >>> 31)) >>> 11) * 0x1.0p-53;
    }

    @Override
    public double lastLoss() {
        return loss;
    }

    @Override
    public double lastGradNorm() {
        return gradNorm;
    }

    @Override
    public double lastEtaEff() {
        return etaEff;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public long[] state() {
        return new long[] {steps, rng};
    }

    @Override
    public void restore(long[] state) {
        steps = state[0];
        rng = state[1];
    }
}
