package dev.eos.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 of a file's bytes, for run identities that follow a file's content rather than its path. A file is read
 * once per (path, size, modification time): a sweep plan computes the id of every row, often with the same inputs.
 */
public final class FileDigest {

    /** The digest of a file that does not exist (its run cannot start either; the id stays defined). */
    public static final String MISSING = "missing";

    private record Key(Path path, long size, FileTime modified) {
    }

    private static final Map<Key, String> CACHE = new ConcurrentHashMap<>();

    private FileDigest() {
    }

    /**
     * SHA-256 of the bytes of {@code file} as 64 lowercase hex digits, or {@link #MISSING} when there is no such
     * file.
     *
     * @throws IllegalArgumentException when the file exists but cannot be read (the message names it)
     */
    public static String sha256(Path file) {
        Path p = file.toAbsolutePath().normalize();
        try {
            Key key = new Key(p, Files.size(p), Files.getLastModifiedTime(p));
            String known = CACHE.get(key);
            if (known != null) {
                return known;
            }
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(p)) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
            String hex = HexFormat.of().formatHex(md.digest());
            CACHE.put(key, hex);
            return hex;
        } catch (NoSuchFileException e) {
            return MISSING;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getMessage() + ")", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
