package dev.eos.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Atomic file replacement: write a temporary file beside the target, fsync it, rename it over the target, then
 * fsync the directory. A reader (or a process killed at any point) sees either the old file or the new one, never a
 * mix. Temporary files are named {@code <name>.tmp}; a stale one left by a killed writer is simply overwritten.
 */
public final class AtomicFiles {

    /** The suffix of temporary files. */
    public static final String TMP_SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    /** Atomically replaces {@code target} with {@code bytes}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, ByteBuffer.wrap(bytes));
    }

    /** Atomically replaces {@code target} with the remaining bytes of {@code data}. */
    public static void write(Path target, ByteBuffer data) throws IOException {
        Path tmp = tempFor(target);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (data.hasRemaining()) {
                ch.write(data);
            }
            ch.force(true);
        }
        commit(tmp, target);
    }

    /** The temporary file used while replacing {@code target}. */
    public static Path tempFor(Path target) {
        return target.resolveSibling(target.getFileName() + TMP_SUFFIX);
    }

    /** Renames a fully written and synced {@code tmp} over {@code target}, then syncs the directory. */
    public static void commit(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target + " cannot rename atomically", e);
        }
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /** fsyncs a directory so that a rename in it survives a power loss (a no-op where the OS refuses). */
    public static void syncDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory for fsync; the rename itself is still atomic.
        }
    }
}
