package dev.eos.run;

import dev.eos.io.Npy;
import dev.eos.models.DeepLinear;
import dev.eos.models.MatrixSensing;
import dev.eos.models.Model;
import dev.eos.models.ModelSpec;
import dev.eos.models.Models;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The standard {@link ProblemFactory}: builds the model with {@link Models#build} and its start point with
 * {@link Models#start} / {@link Models#randomStart}, from a {@link ModelConfig} whose keys are the CLI's flag names
 * without dashes.
 *
 * <ul>
 *   <li>Options: depth, width, widths (list), dim, rank, target-rank, measurements, spectrum (list), seed (the data
 *       seed; default: the run's seed), init-scale (scale of the seeded random start; default: the model's).</li>
 *   <li>Files (.npy): target, sensing-a, sensing-y, data-x and data-y (whitened regression data, both), init (the
 *       start point in the model's layout).</li>
 * </ul>
 * The random start is drawn from the run's seed (salted by {@link Models#START_SALT}). Every refusal is an
 * IllegalArgumentException naming the option or file.
 *
 * <p>Threads: matrix sensing splits its passes over the measurements over the run's threads
 * ({@link MatrixSensing#withThreads}), and deep linear networks split each evaluation over the columns of their
 * products ({@link DeepLinear#withThreads}; both only when large enough to pay); results are bit-identical for any
 * count. The other models are evaluated on the run's thread alone (their steps are too small to share).
 */
public final class ModelProblems implements ProblemFactory {

    @Override
    public Problem create(ModelConfig config, long seed, int threads) {
        ModelSpec s = ModelSpec.of(config.name());
        double initScale = Double.NaN;
        boolean seedGiven = false;
        for (Map.Entry<String, Object> e : config.options().entrySet()) {
            String k = e.getKey();
            Object v = e.getValue();
            switch (k) {
                case "depth" -> s.depth(toInt(k, v));
                case "width" -> s.width(toInt(k, v));
                case "widths" -> s.widths(ints(k, v));
                case "dim" -> s.dim(toInt(k, v));
                case "rank" -> s.rank(toInt(k, v));
                case "target-rank" -> s.targetRank(toInt(k, v));
                case "measurements" -> s.measurements(toInt(k, v));
                case "spectrum" -> s.spectrum(doubles(k, v));
                case "seed" -> {
                    s.seed(toLong(k, v));
                    seedGiven = true;
                }
                case "init-scale" -> initScale = toDouble(k, v);
                default -> throw new IllegalArgumentException("unknown model option --" + k);
            }
        }
        if (!seedGiven) {
            s.seed(seed);
        }
        Map<String, String> files = config.files();
        for (String k : files.keySet()) {
            if (!List.of("target", "sensing-a", "sensing-y", "data-x", "data-y", "init").contains(k)) {
                throw new IllegalArgumentException("unknown model file --" + k);
            }
        }
        if (files.containsKey("target")) {
            Npy.Array a = load("target", files.get("target"));
            s.target(a.data(), a.shape());
        }
        if (files.containsKey("sensing-a")) {
            Npy.Array a = load("sensing-a", files.get("sensing-a"));
            s.sensingA(a.data(), a.shape());
        }
        if (files.containsKey("sensing-y")) {
            Npy.Array a = load("sensing-y", files.get("sensing-y"));
            s.sensingY(a.data(), a.shape());
        }
        if (files.containsKey("data-x") != files.containsKey("data-y")) {
            throw new IllegalArgumentException("--data-x and --data-y go together (whitened regression data)");
        }
        if (files.containsKey("data-x")) {
            Npy.Array x = load("data-x", files.get("data-x"));
            Npy.Array y = load("data-y", files.get("data-y"));
            s.data(x.data(), x.shape(), y.data(), y.shape());
        }
        Model model = Models.build(s);
        if (threads > 1) {
            // bit-identical results for any thread count
            if (model instanceof MatrixSensing sensing) {
                model = sensing.withThreads(threads);
            } else if (model instanceof DeepLinear net) {
                model = net.withThreads(threads);
            }
        }
        double[] start;
        if (files.containsKey("init")) {
            if (!Double.isNaN(initScale)) {
                throw new IllegalArgumentException("--init and --init-scale cannot be combined");
            }
            Npy.Array a = load("init", files.get("init"));
            start = Models.start(model, a.data(), a.shape());
        } else {
            start = Models.randomStart(model, seed, initScale);
        }
        return new Problem(model, start);
    }

    private static Npy.Array load(String option, String path) {
        try {
            Npy.Array a = Npy.read(Path.of(path));
            Npy.requireFinite(a, "--" + option + " " + path);
            return a;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--" + option + ": no such file " + path);
        } catch (IOException e) {
            throw new IllegalArgumentException("--" + option + ": cannot read " + path + ": " + e.getMessage());
        }
    }

    private static long toLong(String k, Object v) {
        if (v instanceof Long l) {
            return l;
        }
        throw new IllegalArgumentException("model option --" + k + " must be an integer, got " + v);
    }

    private static int toInt(String k, Object v) {
        long l = toLong(k, v);
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("model option --" + k + " is out of range: " + l);
        }
        return (int) l;
    }

    private static double toDouble(String k, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("model option --" + k + " must be a number, got " + v);
    }

    private static int[] ints(String k, Object v) {
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException("model option --" + k + " must be a list of integers, got " + v);
        }
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toInt(k, l.get(i));
        }
        return out;
    }

    private static double[] doubles(String k, Object v) {
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException("model option --" + k + " must be a list of numbers, got " + v);
        }
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toDouble(k, l.get(i));
        }
        return out;
    }
}
