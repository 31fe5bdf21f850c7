package dev.eos.cli.output;

import dev.eos.cli.common.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The output directory of a run or a flow as the command line handles it: its default name, the checks on
 * {@code --out} made before anything is written (so bad input never leaves a directory that looks like a run), its
 * creation, and its removal after a failed start. (The layout inside is the engine's {@link dev.eos.run.RunDirectory}.)
 */
public final class OutDirectory {

    /** The file whose presence makes a directory a run directory. */
    public static final String RUN_JSON = dev.eos.run.RunDirectory.RUN_JSON;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private OutDirectory() {
    }

    /** Where default run directories go: ./runs, or the system property eos.runs (tests). */
    public static Path runsBase() {
        return Path.of(System.getProperty("eos.runs", "runs"));
    }

    /** A fresh path base/DATE-TIME-MODEL-ALGO (e.g. 20250102-030405-deep-linear-ngd), -2, -3 ... if taken. */
    public static Path freshDefault(Path base, String model, String algo, LocalDateTime now) {
        String stem = STAMP.format(now) + "-" + model + "-" + algo;
        Path p = base.resolve(stem);
        for (int i = 2; Files.exists(p); i++) {
            p = base.resolve(stem + "-" + i);
        }
        return p;
    }

    /** Whether dir holds a run (its run.json). */
    public static boolean looksLikeRun(Path dir) {
        return Files.isRegularFile(dir.resolve(RUN_JSON));
    }

    /**
     * Refuses an --out that exists and is not an empty directory (with force: that holds files eos did not write;
     * never a regular file), or that cannot be created or written. A run directory gets the hint to resume it.
     */
    public static void checkOut(Path out, boolean force) {
        if (Files.exists(out)) {
            if (!Files.isDirectory(out)) {
                throw new BadInputException("--out " + out + " is a file, not a directory");
            }
            if (force) {
                java.util.List<String> foreign = foreignFiles(out);
                if (!foreign.isEmpty()) {
                    throw new BadInputException("--out " + out + " holds files eos did not write ("
                            + String.join(", ", foreign.subList(0, Math.min(3, foreign.size())))
                            + (foreign.size() > 3 ? ", ..." : "") + "): --force only replaces a run; choose "
                            + "another directory");
                }
            } else if (!isEmpty(out)) {
                if (looksLikeRun(out)) {
                    throw new BadInputException("--out " + out + " already holds a run: continue it with: eos "
                            + "resume " + out + " (or pass --force to overwrite it)");
                }
                throw new BadInputException("--out " + out + " is not empty (choose a new directory, or pass "
                        + "--force to write into it)");
            }
            if (!Files.isWritable(out)) {
                throw new BadInputException("--out " + out + " is not writable (permission denied)");
            }
            return;
        }
        Path ancestor = out.toAbsolutePath().getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null) {
            throw new BadInputException("--out " + out + " cannot be created (no existing parent directory)");
        }
        if (!Files.isDirectory(ancestor)) {
            throw new BadInputException("--out " + out + " cannot be created: " + ancestor + " is a file, not a "
                    + "directory");
        }
        if (!Files.isWritable(ancestor)) {
            throw new BadInputException("--out " + out + " cannot be created: " + ancestor + " is not writable "
                    + "(permission denied)");
        }
    }

    /**
     * Creates out (and missing parents) after every input was validated. With force on an existing run
     * directory, the eos files of the old run (run.json, metrics.csv, checkpoints, plots, ...) are removed first.
     *
     * @return the topmost directory this call created (out or a missing parent of it, which {@link #discard} may
     *         remove again after a failure), or null when out existed
     */
    public static Path create(Path out, boolean force) {
        try {
            if (Files.isDirectory(out)) {
                if (force) {
                    clearRunFiles(out);
                }
                return null;
            }
            Path top = out.toAbsolutePath();
            while (top.getParent() != null && !Files.exists(top.getParent())) {
                top = top.getParent();
            }
            Files.createDirectories(out);
            return top;
        } catch (IOException e) {
            throw new BadInputException("--out " + out + " cannot be created: " + e.getMessage(), e);
        }
    }

    /**
     * Creates out ({@link #create}) and does {@code work} in it. When the work fails with bad input, or before
     * run.json was written, what this call created is removed again: a failed start leaves no run-like directory.
     *
     * @return what the work returned
     */
    public static <T> T fill(Path out, boolean force, Supplier<T> work) {
        Path created = create(out, force);
        try {
            return work.get();
        } catch (RuntimeException e) {
            // bad input found late, or a failure before the engine wrote anything
            if (e instanceof BadInputException || !looksLikeRun(out)) {
                discard(created);
            }
            throw e;
        }
    }

    /** Removes a directory this invocation created (after a failure before the run started), with its files. */
    public static void discard(Path out) {
        if (out == null || !Files.isDirectory(out)) {
            return;
        }
        try {
            deleteTree(out);
        } catch (IOException e) {
            // best effort: the run's files are gone or the directory is left to the user
        }
    }

    /** Deletes {@code dir} and everything below it (deepest first); the first file that cannot go stops it. */
    public static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Whether a directory entry is one eos writes into a run or flow directory. */
    static boolean isEosFile(String name) {
        String n = name.endsWith(".tmp") ? name.substring(0, name.length() - 4) : name;
        return n.equals(RUN_JSON) || n.equals(".lock") || n.equals("metrics.csv") || n.equals("final.npy")
                || n.equals("flow.csv")
                || n.startsWith("checkpoint") || n.equals("plots") || n.equals("snapshots") || n.equals("DONE");
    }

    private static java.util.List<String> foreignFiles(Path dir) {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (!isEosFile(p.getFileName().toString())) {
                    out.add(p.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new BadInputException("--out " + dir + " cannot be read: " + e.getMessage(), e);
        }
        java.util.Collections.sort(out);
        return out;
    }

    private static void clearRunFiles(Path dir) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (isEosFile(p.getFileName().toString())) {
                    if (Files.isDirectory(p)) {
                        discard(p);
                    } else {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    private static boolean isEmpty(Path dir) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            return !ds.iterator().hasNext();
        } catch (IOException e) {
            throw new BadInputException("--out " + dir + " cannot be read: " + e.getMessage(), e);
        }
    }
}
