package dev.eos.cli.backend;

import dev.eos.cli.options.ModelOptions;
import dev.eos.cli.options.StartOptions;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A model and start point as the command line describes them: the model name, its options and input files keyed
 * by flag name without dashes (the run engine stores the same keys in run.json), and the seed.
 *
 * @param name    the model name, e.g. "deep-linear"
 * @param options depth, width, widths, dim, rank, target-rank, spectrum, measurements, init-scale (only those set)
 * @param files   target, sensing-a, sensing-y, data-x, data-y, init (only those set), as given
 * @param seed    seed of the random data and start
 */
public record ModelRequest(String name, SortedMap<String, Object> options, SortedMap<String, String> files,
                           long seed) {

    /** Read-only copies. */
    public ModelRequest {
        options = Collections.unmodifiableSortedMap(new TreeMap<>(options));
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /**
     * The request of the model and start options; with {@code builtIn}, the built-in experiment's network
     * (depth 3, width 3, singular values 2, 0.6, 0.3) fills the shape.
     */
    public static ModelRequest of(ModelOptions m, StartOptions s, boolean builtIn) {
        TreeMap<String, Object> o = new TreeMap<>();
        TreeMap<String, String> f = new TreeMap<>();
        if (builtIn) {
            o.put("depth", ModelOptions.BUILT_IN_DEPTH);
            o.put("width", ModelOptions.BUILT_IN_WIDTH);
            o.put("spectrum", ModelOptions.BUILT_IN_SPECTRUM);
        }
        put(o, "depth", m.depth);
        put(o, "width", m.width);
        put(o, "widths", m.widths == null ? null : List.copyOf(m.widths));
        put(o, "dim", m.dim);
        put(o, "rank", m.rank);
        put(o, "target-rank", m.targetRank);
        put(o, "spectrum", m.spectrum == null ? null : List.copyOf(m.spectrum));
        put(o, "measurements", m.measurements);
        put(o, "init-scale", s.initScale);
        file(f, "target", m.target);
        file(f, "sensing-a", m.sensingA);
        file(f, "sensing-y", m.sensingY);
        file(f, "data-x", m.dataX);
        file(f, "data-y", m.dataY);
        file(f, "init", s.init);
        return new ModelRequest(m.model.cliName(), o, f, m.seed);
    }

    private static void put(TreeMap<String, Object> o, String key, Object value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    private static void file(TreeMap<String, String> f, String key, Path value) {
        if (value != null) {
            f.put(key, value.toString());
        }
    }
}
