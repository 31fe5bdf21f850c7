package dev.eos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eos.cli.output.OutDirectory;
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
 * @param flattest       the smallest sharpness on Gamma (closed form, from the model rebuilt from the spec), or NaN
 * @param status         the run's status, e.g. "completed"
 * @param steps          steps done, or -1
 * @param seconds        step-loop wall time, or NaN
 * @param stepsPerSecond step-loop speed, or NaN
 * @param phase2Start    the step where Phase II began, or -1
 * @param totalSeconds   wall time of all sessions (setup, metrics and files included), or NaN
 */
record RunInfo(String model, String algo, double eta, double flattest, String status, long steps, double seconds,
               double stepsPerSecond, long phase2Start, double totalSeconds) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads dir/run.json (empty info when it is missing or unreadable). */
    static RunInfo read(Path dir) {
        Path file = dir.resolve(OutDirectory.RUN_JSON);
        JsonNode root = null;
        if (Files.isRegularFile(file)) {
            try {
                root = JSON.readTree(file.toFile());
            } catch (IOException e) {
                root = null;
            }
        }
        if (root == null) {
            return new RunInfo("", "", Double.NaN, Double.NaN, "", -1, Double.NaN, Double.NaN, -1, Double.NaN);
        }
        // the run engine's layout: spec (flag names), model {name, ...}, status, step, timing {...}
        JsonNode spec = root.path("spec");
        JsonNode timing = root.path("timing");
        return new RunInfo(first(root.path("model").path("name"), spec.path("model").path("name")).asText(""),
                spec.path("algo").asText(""), number(spec.path("eta")), flattest(spec),
                root.path("status").asText(""), (long) number(root.path("step"), -1),
                number(timing.path("loop_seconds")), number(timing.path("steps_per_second")),
                (long) number(root.path("phase2_start"), -1), number(timing.path("total_seconds")));
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

    /**
     * The closed-form flattest sharpness of the run's model (THEORY 6.1), rebuilt from the spec in run.json with
     * the engine's standard factory; NaN when the model has none or cannot be rebuilt (e.g. its files moved).
     */
    private static double flattest(JsonNode spec) {
        if (!spec.has("model")) {
            return Double.NaN;
        }
        try {
            dev.eos.run.Problem p = new dev.eos.run.ModelProblems().create(
                    dev.eos.run.ModelConfig.fromJson(spec.get("model")), spec.path("seed").asLong(0), 1);
            return dev.eos.cli.backend.Problems.flattest(p.model());
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static JsonNode first(JsonNode a, JsonNode b) {
        return a.isMissingNode() || a.isNull() ? b : a;
    }

    private static double number(JsonNode v) {
        return number(v, Double.NaN);
    }

    private static double number(JsonNode v, double fallback) {
        return v != null && v.isNumber() ? v.doubleValue() : fallback;
    }
}
