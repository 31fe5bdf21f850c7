package dev.eos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eos.cli.output.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the command line reads back from a run's run.json (written by the run engine): the names for plot
 * titles, timing for summaries, and the closed-form flattest sharpness when the model has one. Lenient: a
 * missing field reads as empty or NaN.
 *
 * @param model          the model name
 * @param algo           the algorithm name
 * @param eta            the learning rate
 * @param flattest       the smallest sharpness on Gamma (closed form), or NaN
 * @param status         the run's status, e.g. "completed"
 * @param steps          steps done, or -1
 * @param seconds        step-loop wall time, or NaN
 * @param stepsPerSecond step-loop speed, or NaN
 */
record RunInfo(String model, String algo, double eta, double flattest, String status, long steps, double seconds,
               double stepsPerSecond) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads dir/run.json (empty info when it is missing or unreadable). */
    static RunInfo read(Path dir) {
        Path file = dir.resolve(RunDirectory.RUN_JSON);
        JsonNode root = null;
        if (Files.isRegularFile(file)) {
            try {
                root = JSON.readTree(file.toFile());
            } catch (IOException e) {
                root = null;
            }
        }
        if (root == null) {
            return new RunInfo("", "", Double.NaN, Double.NaN, "", -1, Double.NaN, Double.NaN);
        }
        return new RunInfo(text(root, "model"), text(root, "algo"), number(root, "eta"),
                number(root, "flattest_sharpness"), text(root, "status"), (long) number(root, "steps", -1),
                number(root, "seconds"), number(root, "steps_per_second"));
    }

    /** "deep-linear, ngd, eta = 0.001" (the parts that are known). */
    String subtitle() {
        StringBuilder s = new StringBuilder(model);
        if (!algo.isEmpty()) {
            s.append(s.isEmpty() ? "" : ", ").append(algo);
        }
        if (Double.isFinite(eta)) {
            s.append(s.isEmpty() ? "" : ", ").append("eta = ").append(eta);
        }
        return s.toString();
    }

    /** The first value of a field named key, at the top level or one object below (e.g. config.eta). */
    private static JsonNode find(JsonNode root, String key) {
        JsonNode v = root.get(key);
        if (v != null && !v.isObject()) {
            return v;
        }
        for (JsonNode child : root) {
            if (child.isObject()) {
                JsonNode w = child.get(key);
                if (w != null && !w.isObject()) {
                    return w;
                }
            }
        }
        if (v != null && v.isObject() && v.has("name")) {
            return v.get("name");
        }
        return null;
    }

    private static String text(JsonNode root, String key) {
        JsonNode v = find(root, key);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static double number(JsonNode root, String key) {
        return number(root, key, Double.NaN);
    }

    private static double number(JsonNode root, String key, double fallback) {
        JsonNode v = find(root, key);
        return v != null && v.isNumber() ? v.doubleValue() : fallback;
    }
}
