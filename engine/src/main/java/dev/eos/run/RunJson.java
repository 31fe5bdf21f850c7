package dev.eos.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eos.Version;
import dev.eos.io.Json;
import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import dev.eos.models.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The run's metadata file {@code run.json}, rewritten atomically at every session start and end: the resolved spec and
 * its id, the model, eos version and commit, JDK, kernel provider (width, lanes, FMA policy), status and message,
 * start and end times, phase-2 start, planned end, timing (steps/s of the loop, metric overhead), and one entry per
 * session (start, resume, extend).
 */
final class RunJson {

    static final String NAME = "run.json";

    private final Path file;
    private final ObjectNode root;
    private ObjectNode session;

    private RunJson(Path file, ObjectNode root) {
        this.file = file;
        this.root = root;
    }

    /** A fresh run.json for a new run. */
    static RunJson create(Path dir, RunSpec spec, Model model) {
        ObjectNode r = Json.object();
        r.put("format", "eos-run-1");
        r.put("id", spec.id());
        ObjectNode eos = r.putObject("eos");
        eos.put("version", Version.version());
        eos.put("commit", Version.commit());
        r.put("started", Instant.now().toString());
        r.putNull("ended");
        r.set("sessions", Json.array());
        RunJson j = new RunJson(dir.resolve(NAME), r);
        j.setSpec(spec, model);
        return j;
    }

    /** The run.json of an existing run (rebuilt around {@code spec} when missing or unreadable). */
    static RunJson open(Path dir, RunSpec spec, Model model) {
        Path f = dir.resolve(NAME);
        RunJson j;
        try {
            JsonNode n = Files.exists(f) ? Json.read(f) : null;
            j = n instanceof ObjectNode o && o.get("sessions") instanceof ArrayNode ? new RunJson(f, o)
                    : create(dir, spec, model);
        } catch (IOException e) {
            j = create(dir, spec, model);
        }
        j.setSpec(spec, model);
        return j;
    }

    /** The "eigengap" object (created empty), filled by the run loop at the end of a session ({@link GapWatch}). */
    ObjectNode eigengap() {
        return root.putObject("eigengap");
    }

    /** Saves the caller's resolved configuration under "config". */
    void setConfig(JsonNode config) {
        root.set("config", config);
    }

    private void setSpec(RunSpec spec, Model model) {
        root.put("id", spec.id());
        root.set("spec", spec.toJson());
        ObjectNode m = root.putObject("model");
        m.put("name", model.name());
        m.put("dim", model.dim());
        m.put("layout", model.layout());
        m.put("description", model.describe());
        putDouble(m, "min_loss", model.minLoss());
        ObjectNode env = root.putObject("jdk");
        env.put("version", System.getProperty("java.version"));
        env.put("vendor", System.getProperty("java.vendor"));
        env.put("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        env.put("processors", Runtime.getRuntime().availableProcessors());
        Kernels k = KernelProvider.get();
        ObjectNode kn = root.putObject("kernels");
        kn.put("provider", k.name());
        kn.put("vector_bits", k.vectorBits());
        kn.put("lanes", k.lanes());
        kn.put("fma", k.fmaPolicy());
        kn.put("reason", KernelProvider.reason());
        ObjectNode files = root.putObject("files");
        files.put("metrics", RunDirectory.METRICS);
        files.put("checkpoint", CheckpointFile.NAME);
        files.put("final", RunDirectory.FINAL);
        files.put("snapshots", RunDirectory.SNAPSHOTS + "/");
    }

    /** Starts a session record ("start", "resume" or "extend") and writes run.json with status running. */
    void beginSession(String kind, long fromStep) throws IOException {
        session = Json.object();
        session.put("kind", kind);
        session.put("started", Instant.now().toString());
        session.put("from_step", fromStep);
        ((ArrayNode) root.get("sessions")).add(session);
        root.put("status", RunStatus.RUNNING.jsonName());
        root.put("message", "running");
        root.put("step", fromStep);
        root.putNull("ended");
        write();
    }

    /** Records the end of the session and writes run.json. */
    void endSession(RunResult r, long end, boolean endKnown) throws IOException {
        String now = Instant.now().toString();
        root.put("status", r.status().jsonName());
        root.put("message", r.message());
        root.put("step", r.step());
        root.put("phase2_start", r.phase2Start());
        if (endKnown) {
            root.put("end", end);
        } else {
            root.putNull("end");
        }
        root.put("ended", now);
        root.set("timing", timing(r.total()));
        if (session != null) {
            session.put("ended", now);
            session.put("to_step", r.step());
            session.put("status", r.status().jsonName());
            session.put("message", r.message());
            session.set("timing", timing(r.session()));
        }
        write();
    }

    private static ObjectNode timing(Timing t) {
        ObjectNode n = Json.object();
        n.put("steps", t.steps());
        putDouble(n, "loop_seconds", t.loopSeconds());
        putDouble(n, "metric_seconds", t.metricSeconds());
        putDouble(n, "total_seconds", t.totalSeconds());
        putDouble(n, "steps_per_second", t.stepsPerSecond());
        putDouble(n, "metric_overhead", t.metricOverhead());
        return n;
    }

    private static void putDouble(ObjectNode n, String k, double v) {
        if (Double.isFinite(v)) {
            n.put(k, v);
        } else {
            n.putNull(k);
        }
    }

    void write() throws IOException {
        Json.writeAtomically(file, root);
    }
}
