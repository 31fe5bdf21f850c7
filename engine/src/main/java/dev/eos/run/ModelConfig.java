package dev.eos.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eos.io.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable, JSON-serialisable description of a model and its start point: a model name (e.g. "deep-linear"),
 * options (numbers, strings, booleans, lists of them; e.g. depth = 4, width = 8, init-scale = 0.1) and named input
 * files (e.g. target = "/data/M.npy"). The engine treats it as opaque and hands it to a {@link ProblemFactory}.
 * File paths are kept apart from the options because they are excluded from a run's identity (see {@link RunSpec#id}).
 */
public final class ModelConfig {

    private final String name;
    private final SortedMap<String, Object> options;
    private final SortedMap<String, String> files;

    private ModelConfig(String name, SortedMap<String, Object> options, SortedMap<String, String> files) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("model name must not be empty");
        }
        this.name = name;
        this.options = Collections.unmodifiableSortedMap(options);
        this.files = Collections.unmodifiableSortedMap(files);
    }

    /** A model with no options. */
    public static ModelConfig of(String name) {
        return new ModelConfig(name, new TreeMap<>(), new TreeMap<>());
    }

    /**
     * A copy with option {@code key} set to {@code value}: a String, Boolean, integer (stored as Long), finite
     * double (stored as Double), or a List / int[] / long[] / double[] of those (stored as an unmodifiable List).
     */
    public ModelConfig with(String key, Object value) {
        TreeMap<String, Object> o = new TreeMap<>(options);
        o.put(checkKey(key), normalise(key, value));
        return new ModelConfig(name, o, new TreeMap<>(files));
    }

    /** A copy with input file {@code key} set to {@code path}. */
    public ModelConfig withFile(String key, String path) {
        TreeMap<String, String> f = new TreeMap<>(files);
        f.put(checkKey(key), Objects.requireNonNull(path, "path"));
        return new ModelConfig(name, new TreeMap<>(options), f);
    }

    public String name() {
        return name;
    }

    /** The options, sorted by key (values as stored: String, Boolean, Long, Double or List). */
    public SortedMap<String, Object> options() {
        return options;
    }

    /** The named input files, sorted by key. */
    public SortedMap<String, String> files() {
        return files;
    }

    /** The option {@code key}, if set. */
    public Optional<Object> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    /** The integer option {@code key}, or {@code fallback}. */
    public long longOption(String key, long fallback) {
        Object v = options.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Long l) {
            return l;
        }
        throw new IllegalArgumentException("model option " + key + " must be an integer, got " + v);
    }

    /** The file {@code key}, if set. */
    public Optional<String> file(String key) {
        return Optional.ofNullable(files.get(key));
    }

    /** JSON {"name": ..., "options": {...}, "files": {...}}; files only when {@code withFiles}. */
    public ObjectNode toJson(boolean withFiles) {
        ObjectNode n = Json.object();
        n.put("name", name);
        n.set("options", Json.valueOf(options));
        if (withFiles) {
            n.set("files", Json.valueOf(files));
        }
        return n;
    }

    /** Parses what {@link #toJson} wrote. */
    public static ModelConfig fromJson(JsonNode n) {
        if (n == null || !n.isObject() || !n.hasNonNull("name")) {
            throw new IllegalArgumentException("model: expected an object with a \"name\"");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("name") && !k.equals("options") && !k.equals("files")) {
                throw new IllegalArgumentException("model: unknown key \"" + k + "\"");
            }
        }
        ModelConfig m = of(n.get("name").asText());
        JsonNode o = n.get("options");
        if (o != null && !o.isNull()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                m = m.with(e.getKey(), fromNode(e.getKey(), e.getValue()));
            }
        }
        JsonNode f = n.get("files");
        if (f != null && !f.isNull()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = f.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                m = m.withFile(e.getKey(), e.getValue().asText());
            }
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelConfig m && name.equals(m.name) && options.equals(m.options) && files.equals(m.files);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, options, files);
    }

    @Override
    public String toString() {
        return Json.compact(toJson(true));
    }

    private static String checkKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("model option names must not be empty");
        }
        return key;
    }

    private static Object fromNode(String key, JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isArray()) {
            List<Object> l = new ArrayList<>();
            for (JsonNode e : v) {
                l.add(fromNode(key, e));
            }
            return l;
        }
        throw new IllegalArgumentException("model option " + key + ": unsupported JSON value " + v);
    }

    private static Object normalise(String key, Object v) {
        if (v instanceof String || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("model option " + key + " must be finite, got " + d);
            }
            return d;
        }
        List<Object> l = new ArrayList<>();
        if (v instanceof List<?> list) {
            for (Object e : list) {
                l.add(normalise(key, e));
            }
        } else if (v instanceof int[] a) {
            for (int e : a) {
                l.add((long) e);
            }
        } else if (v instanceof long[] a) {
            for (long e : a) {
                l.add(e);
            }
        } else if (v instanceof double[] a) {
            for (double e : a) {
                l.add(normalise(key, e));
            }
        } else {
            throw new IllegalArgumentException("model option " + key + ": unsupported value " + v);
        }
        return Collections.unmodifiableList(l);
    }
}
