package dev.eos.cli.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eos.cli.backend.Backend;
import dev.eos.cli.backend.RunObserver;
import dev.eos.cli.backend.RunOutcome;
import dev.eos.cli.output.OutDirectory;
import dev.eos.io.AtomicFiles;
import dev.eos.io.Json;
import dev.eos.run.RunDirectory;
import dev.eos.run.RunStatus;
import dev.eos.run.StopToken;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;

/**
 * Runs one sweep row into SWEEP/runs/&lt;id&gt;/ with the engine of {@code eos run}: a row with a DONE marker is a
 * no-op; a row with a run directory resumes from its checkpoint ({@code eos resume}); otherwise it starts. A
 * completed or diverged run gets its DONE marker, written atomically. Rows are independent: different rows may run
 * at once on different threads, machines or cluster nodes (sharing the sweep directory).
 */
final class RowRunner {

    private final SweepDir sweep;
    private final Backend backend;

    RowRunner(SweepDir sweep, Backend backend) {
        this.sweep = sweep;
        this.backend = backend;
    }

    /**
     * Runs (or resumes) the row.
     *
     * @param row     the manifest row
     * @param resolve builds the row's plan (called only when the row has to start)
     * @param stop    set when a signal asks the run to stop (it checkpoints, then returns STOPPED)
     */
    RowOutcome run(ManifestRow row, Supplier<RowCommand.Resolved> resolve, StopToken stop, RunObserver observer)
            throws IOException {
        Path dir = sweep.run(row.id());
        Path done = sweep.done(row.id());
        if (Files.isRegularFile(done)) {
            return alreadyDone(done);
        }
        if (lockedElsewhere(dir)) {
            return new RowOutcome(RowOutcome.Status.BUSY, -1, Double.NaN, Double.NaN, "");
        }
        RunOutcome outcome;
        if (RunDirectory.isRun(dir)) {
            RunStatus status = statusOf(dir);
            if (status == RunStatus.COMPLETED || status == RunStatus.DIVERGED) {
                // it finished, but the process died before the marker was written
                JsonNode json = RunDirectory.runJson(dir);
                writeDone(done, status, json.path("step").asLong(), json.path("message").asText(""));
                return alreadyDone(done);
            }
            outcome = backend.resume(dir, null, stop, observer);
        } else {
            RowCommand.Resolved resolved = resolve.get();
            clearLeftovers(dir);
            Files.createDirectories(sweep.runs());
            outcome = backend.run(resolved.into(dir, stop), observer);
        }
        RowOutcome.Status s = switch (outcome.status()) {
            case COMPLETED -> RowOutcome.Status.COMPLETED;
            case DIVERGED -> RowOutcome.Status.DIVERGED;
            case STOPPED -> RowOutcome.Status.STOPPED;
        };
        if (s != RowOutcome.Status.STOPPED) {
            writeDone(done, s == RowOutcome.Status.COMPLETED ? RunStatus.COMPLETED : RunStatus.DIVERGED,
                    outcome.step(), outcome.message());
        }
        return new RowOutcome(s, outcome.step(), outcome.seconds(), outcome.stepsPerSecond(), outcome.message());
    }

    private static RunStatus statusOf(Path dir) {
        try {
            return RunDirectory.status(dir);
        } catch (IOException | IllegalArgumentException e) {
            return RunStatus.RUNNING; // no readable run.json: the checkpoint decides (resume)
        }
    }

    /** The DONE marker: {"status": "completed"|"diverged", "step": N, "message": ...}, replaced atomically. */
    static void writeDone(Path done, RunStatus status, long step, String message) throws IOException {
        ObjectNode n = Json.object();
        n.put("status", status.jsonName());
        n.put("step", step);
        n.put("message", message == null ? "" : message);
        AtomicFiles.write(done, Json.pretty(n).getBytes(StandardCharsets.UTF_8));
    }

    /** The status recorded in a DONE marker ("completed" or "diverged"). */
    static JsonNode readDone(Path done) throws IOException {
        return Json.read(done);
    }

    private static RowOutcome alreadyDone(Path done) throws IOException {
        JsonNode n = readDone(done);
        return new RowOutcome(RowOutcome.Status.ALREADY_DONE, n.path("step").asLong(), Double.NaN, Double.NaN,
                n.path("status").asText("completed"));
    }

    /**
     * Whether another eos session (another process, or another thread of this one) holds the run directory's lock:
     * the engine locks {@code .lock} for a whole session.
     */
    private static boolean lockedElsewhere(Path dir) throws IOException {
        Path lock = dir.resolve(".lock");
        if (!Files.exists(lock)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }

    /**
     * A run directory without run.json or checkpoint is what a start killed in its first moments leaves (a lock
     * file, an empty metrics.csv): nothing to resume, so it is cleared for a fresh start.
     */
    private static void clearLeftovers(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            OutDirectory.deleteTree(dir);
        }
    }
}
