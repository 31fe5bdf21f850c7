package dev.eos.validation;

import dev.eos.io.Npy;
import dev.eos.run.ModelConfig;
import dev.eos.run.ModelProblems;
import dev.eos.run.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A model the checks run on: its run-engine configuration (the CLI's option names), a label for the report, and
 * the scale of its seeded random ("generic") start. The seed of a run is both the data seed (a random target's
 * singular vectors, random measurements) and the start seed, so seeds differ in model and start.
 *
 * @param key       a file-name-safe key, e.g. "deep-linear"
 * @param label     the report's description
 * @param config    the model configuration without seed and start
 * @param initScale the init scale of the generic start (the engine's --init-scale)
 */
public record Subject(String key, String label, ModelConfig config, double initScale) {

    /** The configuration of seed {@code seed} (data seed set; the start comes from the run). */
    public ModelConfig config(long seed) {
        return config.with("seed", seed);
    }

    /** The configuration of a generic (seeded random) start. */
    public ModelConfig genericConfig(long seed) {
        return config(seed).with("init-scale", initScale);
    }

    /** The model of seed {@code seed} and its generic start, built exactly as the run engine builds them. */
    public Problem build(long seed) {
        return new ModelProblems().create(genericConfig(seed), seed, 1);
    }

    /** toy2d, (1 + x^2) y^2 (THEORY 6.4): generic starts (1, 0.05) + 0.2 N(0, I). */
    public static Subject toy2d() {
        return new Subject("toy2d", "toy2d (1 + x^2) y^2", ModelConfig.of("toy2d"), 0.2);
    }

    /** toy3d, (1 + x^2) y1^2 + 0.3 y2^2 (THEORY 6.4): generic starts (1, 0.05, 0.03) + 0.2 N(0, I). */
    public static Subject toy3d() {
        return new Subject("toy3d", "toy3d (1 + x^2) y1^2 + 0.3 y2^2", ModelConfig.of("toy3d"), 0.2);
    }

    /**
     * The square deep linear network of THEORY 4.3: N = 3, d = 3, target singular values (2, 0.6, 0.3) (well
     * separated: lambda_1 stays simple), random singular vectors per seed; generic starts at init scale 1.
     */
    public static Subject deepLinear() {
        return new Subject("deep-linear", "deep-linear N = 3, d = 3, sigma(M) = (2, 0.6, 0.3)",
                ModelConfig.of("deep-linear").with("widths", List.of(3, 3, 3, 3)).with("spectrum",
                        List.of(2.0, 0.6, 0.3)), 1.0);
    }

    /**
     * The ellipse of THEORY 6.2 (matrix sensing, m = 1, d = 2, k = 1, A = diag(1, 1/2), y = 1): Gamma is the ellipse
     * u_1^2 + u_2^2 / 2 = 1, a one-dimensional normal space; its A and y are written to {@code inputs}.
     */
    public static Subject ellipse(Path inputs) throws IOException {
        Files.createDirectories(inputs);
        Path a = inputs.resolve("ellipse-A.npy");
        Path y = inputs.resolve("ellipse-y.npy");
        Npy.write(a, new double[] {1, 0, 0, 0.5}, 1, 2, 2);
        Npy.write(y, new double[] {1}, 1);
        return new Subject("ellipse", "ellipse (sensing m = 1, A = diag(1, 0.5), y = 1)",
                ModelConfig.of("matrix-sensing").with("rank", 1).withFile("sensing-a", a.toString())
                        .withFile("sensing-y", y.toString()), 1.0);
    }

    /** Matrix sensing with d = k = 8 and m = 20 Gaussian measurements of a rank-8 truth (THEORY 6.2 ii). */
    public static Subject sensing() {
        return new Subject("sensing", "matrix-sensing d = k = 8, m = 20",
                ModelConfig.of("matrix-sensing").with("dim", 8).with("rank", 8).with("target-rank", 8)
                        .with("measurements", 20), 1.0);
    }

    /** Symmetric factorization 1/4 ||U U^T - M||^2, d = 4, k = r = 2, eigenvalues (1, 0.5) (THEORY 6.2 i). */
    public static Subject factorization() {
        return new Subject("factorization", "factorization d = 4, k = r = 2, lambda(M) = (1, 0.5)",
                ModelConfig.of("factorization").with("dim", 4).with("rank", 2).with("target-rank", 2)
                        .with("spectrum", List.of(1.0, 0.5)), 1.0);
    }
}
