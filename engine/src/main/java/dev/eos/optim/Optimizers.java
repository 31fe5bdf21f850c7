package dev.eos.optim;

import dev.eos.models.Model;
import dev.eos.ode.GradientFlowIntegrator;
import java.util.List;
import java.util.Locale;

/**
 * Creates the optimizers of THEORY 2 by command-line name: "gd" ({@link GradientDescent}), "ngd" ({@link
 * NormalizedGD}), "sqrt" ({@link SqrtLossGD}) and "gf" ({@link GradientFlow}).
 */
public final class Optimizers {

    /** The names {@link #create} accepts. */
    public static final List<String> NAMES = List.of("gd", "ngd", "sqrt", "gf");

    /**
     * Settings beyond the model and eta.
     *
     * @param noiseRadius r of the perturbation (THEORY 2.3); 0 = off (the default). gd, ngd and sqrt only.
     * @param noiseEvery  period in steps; 0 = the default ceil(1/eta) (used only when noiseRadius &gt; 0)
     * @param seed        seed of the perturbation generator (SplitMix64)
     * @param minLoss     L_min for "sqrt"; NaN = {@link Model#minLoss()}, and 0 when the model does not know it
     * @param gf          options of the gradient-flow integrator for "gf"
     */
    public record Settings(double noiseRadius, long noiseEvery, long seed, double minLoss,
                           GradientFlowIntegrator.Options gf) {

        /** No noise, seed 0, L_min from the model, default gf integrator. */
        public static Settings defaults() {
            return new Settings(0, 0, 0, Double.NaN, GradientFlowIntegrator.Options.defaults());
        }

        public Settings withNoise(double radius, long every) {
            return new Settings(radius, every, seed, minLoss, gf);
        }

        public Settings withSeed(long s) {
            return new Settings(noiseRadius, noiseEvery, s, minLoss, gf);
        }

        public Settings withMinLoss(double m) {
            return new Settings(noiseRadius, noiseEvery, seed, m, gf);
        }

        public Settings withGf(GradientFlowIntegrator.Options o) {
            return new Settings(noiseRadius, noiseEvery, seed, minLoss, o);
        }
    }

    private Optimizers() {
    }

    /** The optimizer called name, with default settings. */
    public static Optimizer create(String name, Model model, double eta) {
        return create(name, model, eta, Settings.defaults());
    }

    /**
     * The optimizer called name ("gd", "ngd", "sqrt", "gf", case-insensitive).
     *
     * @throws IllegalArgumentException for an unknown name, a bad eta or noise setting, or noise asked of "gf"
     */
    public static Optimizer create(String name, Model model, double eta, Settings s) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (s.noiseRadius() < 0 || Double.isNaN(s.noiseRadius()) || s.noiseEvery() < 0) {
            throw new IllegalArgumentException("noise radius and period must be >= 0, got " + s.noiseRadius()
                    + " and " + s.noiseEvery());
        }
        BallNoise noise = null;
        if (s.noiseRadius() > 0 && !n.equals("gf")) {
            long every = s.noiseEvery() > 0 ? s.noiseEvery() : BallNoise.defaultEvery(eta);
            noise = new BallNoise(model.dim(), s.noiseRadius(), every, s.seed());
        }
        return switch (n) {
            case "gd" -> new GradientDescent(model, eta, noise);
            case "ngd" -> new NormalizedGD(model, eta, noise);
            case "sqrt" -> new SqrtLossGD(model, eta, resolveMinLoss(model, s.minLoss()), noise);
            case "gf" -> {
                if (s.noiseRadius() > 0) {
                    throw new IllegalArgumentException("gf (gradient flow) takes no perturbation");
                }
                yield new GradientFlow(model, eta, s.gf());
            }
            default -> throw new IllegalArgumentException("unknown algorithm '" + name + "': expected one of "
                    + String.join(", ", NAMES));
        };
    }

    /** The L_min GD on sqrt(L) uses: the given value, else the model's, else 0 (THEORY 2.2). */
    public static double resolveMinLoss(Model model, double given) {
        if (Double.isFinite(given)) {
            return given;
        }
        double m = model.minLoss();
        return Double.isFinite(m) ? m : 0.0;
    }
}
