package dev.eos.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eos.io.Json;
import java.util.Iterator;
import java.util.Set;

/**
 * The JSON form of a {@link RunSpec}: writes it, and parses it strictly (unknown keys and wrongly typed values are
 * refused).
 */
final class RunSpecJson {

    private static final Set<String> KEYS = Set.of("model", "algo", "eta", "steps", "horizon", "max-steps", "seed",
            "noise-radius", "noise-every", "divergence-bound", "metrics-every", "phi-every", "log-points", "last-steps",
            "snapshot-every", "checkpoint-every", "checkpoint-seconds", "flow", "threads", "phase-c", "phase-every");

    private RunSpecJson() {
    }

    /** The JSON form of s: the CLI's flag names as keys, in a fixed order. */
    static ObjectNode write(RunSpec s) {
        ObjectNode n = Json.object();
        n.set("model", s.model().toJson(true));
        n.put("algo", s.algorithm());
        n.put("eta", s.eta());
        if (s.isHorizon()) {
            n.putNull("steps");
            n.put("horizon", s.horizon());
        } else {
            n.put("steps", s.steps());
            n.putNull("horizon");
        }
        n.put("max-steps", s.maxSteps());
        n.put("seed", s.seed());
        n.put("noise-radius", s.noiseRadius());
        n.put("noise-every", s.noiseEvery());
        if (s.divergenceBound() == Double.POSITIVE_INFINITY) {
            n.putNull("divergence-bound");
        } else {
            n.put("divergence-bound", s.divergenceBound());
        }
        n.put("metrics-every", s.metricsEvery());
        n.put("phi-every", s.phiEvery());
        n.put("log-points", s.logPoints());
        n.put("last-steps", s.lastSteps());
        n.put("snapshot-every", s.snapshotEvery());
        n.put("checkpoint-every", s.checkpointEvery());
        n.put("checkpoint-seconds", s.checkpointSeconds());
        n.put("flow", s.flow());
        n.put("threads", s.threads());
        n.put("phase-c", s.phaseConstant());
        n.put("phase-every", s.phaseEvery());
        return n;
    }

    static RunSpec parse(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("run spec: expected a JSON object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("run spec: unknown key \"" + k + "\"");
            }
        }
        RunSpec.Builder b = RunSpec.builder().model(ModelConfig.fromJson(n.get("model")));
        if (n.has("algo")) {
            b.algorithm(text(n, "algo"));
        }
        b.eta(number(n, "eta", Double.NaN));
        if (present(n, "steps")) {
            b.steps(integer(n, "steps", 0));
        } else if (present(n, "horizon")) {
            b.horizon(number(n, "horizon", Double.NaN));
            b.maxSteps(integer(n, "max-steps", 0));
        }
        b.seed(integer(n, "seed", 0));
        b.noise(number(n, "noise-radius", 0), integer(n, "noise-every", 0));
        b.divergenceBound(present(n, "divergence-bound") ? number(n, "divergence-bound", 0)
                : Double.POSITIVE_INFINITY);
        b.metricsEvery(integer(n, "metrics-every", 1));
        b.phiEvery(integer(n, "phi-every", 0));
        b.logPoints(Math.toIntExact(integer(n, "log-points", 0)));
        b.lastSteps(Math.toIntExact(integer(n, "last-steps", 0)));
        b.snapshotEvery(integer(n, "snapshot-every", 0));
        b.checkpointEvery(integer(n, "checkpoint-every", 0));
        b.checkpointSeconds(number(n, "checkpoint-seconds", 300));
        if (present(n, "flow")) {
            JsonNode f = n.get("flow");
            if (!f.isBoolean()) {
                throw new IllegalArgumentException("run spec: flow must be true or false, got " + f);
            }
            b.flow(f.asBoolean());
        }
        b.threads(Math.toIntExact(integer(n, "threads", 1)));
        b.phaseConstant(number(n, "phase-c", RunSpec.DEFAULT_PHASE_CONSTANT));
        b.phaseEvery(integer(n, "phase-every", 0));
        return b.build();
    }

    private static boolean present(JsonNode n, String k) {
        return n.hasNonNull(k);
    }

    private static String text(JsonNode n, String k) {
        JsonNode v = n.get(k);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("run spec: " + k + " must be a string, got " + v);
        }
        return v.asText();
    }

    private static double number(JsonNode n, String k, double fallback) {
        if (!present(n, k)) {
            return fallback;
        }
        JsonNode v = n.get(k);
        if (!v.isNumber()) {
            throw new IllegalArgumentException("run spec: " + k + " must be a number, got " + v);
        }
        return v.asDouble();
    }

    private static long integer(JsonNode n, String k, long fallback) {
        if (!present(n, k)) {
            return fallback;
        }
        JsonNode v = n.get(k);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("run spec: " + k + " must be an integer, got " + v);
        }
        return v.asLong();
    }
}
