package dev.eos.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eos.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The layout of a run directory, and read access for tools (report, resume checks):
 * <pre>
 *   run.json              spec, environment, status, timing, sessions (atomic rewrite at session start and end)
 *   metrics.csv           one row per scheduled step, appended and flushed row by row
 *   checkpoint.npz        the latest checkpoint (x.npy + state.json + meters/*.npy + checksum.sha256)
 *   final.npy             the final iterate (completed runs only)
 *   snapshots/x_&lt;t&gt;.npy  the iterate every snapshot-every steps, t zero-padded to 12 digits
 *   .lock                 locked by the session writing the run (a second session is refused)
 * </pre>
 */
public final class RunDirectory {

    public static final String RUN_JSON = RunJson.NAME;
    public static final String METRICS = "metrics.csv";
    public static final String CHECKPOINT = CheckpointFile.NAME;
    public static final String FINAL = "final.npy";
    public static final String SNAPSHOTS = "snapshots";

    private RunDirectory() {
    }

    /** Whether {@code dir} holds a run (a run.json or a checkpoint). */
    public static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve(RUN_JSON)) || Files.isRegularFile(dir.resolve(CHECKPOINT));
    }

    /** The snapshot file of step t. */
    public static Path snapshot(Path dir, long t) {
        return dir.resolve(SNAPSHOTS).resolve(String.format("x_%012d.npy", t));
    }

    /** The parsed run.json of {@code dir}. */
    public static JsonNode runJson(Path dir) throws IOException {
        Path f = dir.resolve(RUN_JSON);
        if (!Files.isRegularFile(f)) {
            throw new InvalidRunException(dir + " is not a run directory (no " + RUN_JSON + ")");
        }
        return Json.read(f);
    }

    /** The spec recorded in run.json. */
    public static RunSpec spec(Path dir) throws IOException {
        return RunSpec.fromJson(runJson(dir).get("spec"));
    }

    /** The status recorded in run.json (RUNNING for a run that was killed without a chance to say otherwise). */
    public static RunStatus status(Path dir) throws IOException {
        return RunStatus.valueOf(runJson(dir).path("status").asText("running").toUpperCase(java.util.Locale.ROOT));
    }

    /** The step of the verified checkpoint (a corrupt one raises {@link CorruptCheckpointException}). */
    public static long checkpointStep(Path dir) throws IOException {
        return CheckpointFile.read(dir).step();
    }
}
