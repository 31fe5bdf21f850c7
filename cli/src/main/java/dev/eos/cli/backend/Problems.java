package dev.eos.cli.backend;

import dev.eos.cli.BadInputException;
import dev.eos.io.Npy;
import dev.eos.models.DeepLinear;
import dev.eos.models.Model;
import dev.eos.models.ModelSpec;
import dev.eos.models.Models;
import dev.eos.models.SeparableToy;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Problem} from a {@link ModelRequest} with the engine's model factory and .npy reader. Every
 * refusal (an option that does not apply, shapes that do not match, a missing, truncated, non-.npy or
 * NaN-containing file) is a {@link BadInputException} whose one line names the option or file.
 */
public final class Problems {

    private Problems() {
    }

    /** The model and start point the request describes. */
    public static Problem build(ModelRequest req) {
        ModelSpec spec = ModelSpec.of(req.name()).seed(req.seed());
        Map<String, Object> o = req.options();
        try {
            if (o.get("depth") instanceof Number n) {
                spec.depth(n.intValue());
            }
            if (o.get("width") instanceof Number n) {
                spec.width(n.intValue());
            }
            if (o.get("widths") instanceof List<?> l) {
                spec.widths(l.stream().mapToInt(v -> ((Number) v).intValue()).toArray());
            }
            if (o.get("dim") instanceof Number n) {
                spec.dim(n.intValue());
            }
            if (o.get("rank") instanceof Number n) {
                spec.rank(n.intValue());
            }
            if (o.get("target-rank") instanceof Number n) {
                spec.targetRank(n.intValue());
            }
            if (o.get("spectrum") instanceof List<?> l) {
                spec.spectrum(l.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray());
            }
            if (o.get("measurements") instanceof Number n) {
                spec.measurements(n.intValue());
            }
            Npy.Array target = read(req, "target");
            if (target != null) {
                spec.target(target.data(), target.shape());
            }
            Npy.Array a = read(req, "sensing-a");
            if (a != null) {
                spec.sensingA(a.data(), a.shape());
            }
            Npy.Array y = read(req, "sensing-y");
            if (y != null) {
                spec.sensingY(y.data(), y.shape());
            }
            Model model = Models.build(spec);
            double[] start;
            Npy.Array init = read(req, "init");
            if (init != null) {
                try {
                    start = Models.start(model, init.data(), init.shape());
                } catch (IllegalArgumentException e) {
                    throw new BadInputException("--init " + req.files().get("init") + ": " + e.getMessage(), e);
                }
            } else {
                double scale = o.get("init-scale") instanceof Number n ? n.doubleValue() : Double.NaN;
                start = Models.randomStart(model, req.seed(), scale);
            }
            return new Problem(model, start, flattest(model), Map.of());
        } catch (BadInputException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    /** The smallest sharpness on Gamma where the model knows it in closed form (THEORY 6.1, 6.4), else NaN. */
    static double flattest(Model model) {
        if (model instanceof DeepLinear dl && dl.degenerateManifold().isEmpty()) {
            return dl.flattestSharpness();
        }
        if (model instanceof SeparableToy toy) {
            return toy.sharpnessOnGamma(0);
        }
        return Double.NaN;
    }

    /** Reads the file option {@code key} (float64 or float32, any order), refusing NaN and Inf; null when unset. */
    private static Npy.Array read(ModelRequest req, String key) {
        String file = req.files().get(key);
        if (file == null) {
            return null;
        }
        try {
            Npy.Array a = Npy.read(Path.of(file));
            Npy.requireFinite(a, file);
            return a;
        } catch (NoSuchFileException e) {
            throw new BadInputException("--" + key + " " + file + ": no such file", e);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--" + key + " " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BadInputException("--" + key + " " + file + ": cannot read it (" + e.getMessage() + ")", e);
        }
    }
}
