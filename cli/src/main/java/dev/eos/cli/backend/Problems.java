package dev.eos.cli.backend;

import dev.eos.cli.common.BadInputException;
import dev.eos.models.DeepLinear;
import dev.eos.models.Model;
import dev.eos.models.SeparableToy;
import dev.eos.run.ModelConfig;
import dev.eos.run.ModelProblems;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds a {@link Problem} from a {@link ModelRequest} with the engine's standard problem factory (the one runs and
 * resumes use, so that what is validated here is what runs). Every refusal (an option that does not apply, shapes
 * that do not match, a missing, truncated, non-.npy or NaN-containing file) is a {@link BadInputException} whose
 * one line names the option or file.
 */
public final class Problems {

    private static final ModelProblems FACTORY = new ModelProblems();

    private Problems() {
    }

    /** The model and start point the request describes. */
    public static Problem build(ModelRequest req) {
        try {
            dev.eos.run.Problem p = FACTORY.create(config(req), req.seed(), 1);
            return new Problem(p.model(), p.start(), flattest(p.model()));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    /** The run engine's model description of a request (files made absolute, so a resume works from anywhere). */
    public static ModelConfig config(ModelRequest req) {
        ModelConfig c = ModelConfig.of(req.name());
        for (Map.Entry<String, Object> e : req.options().entrySet()) {
            c = c.with(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : req.files().entrySet()) {
            c = c.withFile(e.getKey(), Path.of(e.getValue()).toAbsolutePath().normalize().toString());
        }
        return c;
    }

    /** The smallest sharpness on Gamma where the model knows it in closed form (THEORY 6.1, 6.4), else NaN. */
    public static double flattest(Model model) {
        if (model instanceof DeepLinear dl && dl.degenerateManifold().isEmpty()) {
            return dl.flattestSharpness();
        }
        if (model instanceof SeparableToy toy) {
            return toy.sharpnessOnGamma(0);
        }
        return Double.NaN;
    }
}
