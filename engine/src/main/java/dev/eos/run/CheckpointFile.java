package dev.eos.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eos.io.AtomicFiles;
import dev.eos.io.Json;
import dev.eos.io.Npy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The checkpoint file {@code checkpoint.npz}: a NumPy .npz archive (a zip of stored entries) holding
 * <ul>
 *   <li>{@code x.npy}: the iterate x_t ({@code np.load(dir + "/checkpoint.npz")["x"]});</li>
 *   <li>{@code state.json}: step, spec, optimizer state, metrics.csv length, phase, timing, and the metric
 *       components' integer state; doubles stored as their IEEE bits so they restore exactly;</li>
 *   <li>{@code meters/NAME.npy}: the metric components' vectors (warm starts, flow state);</li>
 * </ul>
 * and, as the zip archive comment (the last 71 bytes of the file), {@code sha256:<hex>}: the SHA-256 of every byte
 * before it, so that any damage anywhere in the file is detected (each entry also carries its zip CRC-32).
 * Written atomically ({@link AtomicFiles}: temp file, fsync, rename), so a process killed mid-write leaves the
 * previous checkpoint intact. Read with full verification: any mismatch raises {@link CorruptCheckpointException}.
 */
final class CheckpointFile {

    /** The file name inside a run directory. */
    static final String NAME = "checkpoint.npz";
    static final String FORMAT = "eos-checkpoint-1";
    private static final String CHECKSUM_PREFIX = "sha256:";
    private static final int CHECKSUM_LENGTH = CHECKSUM_PREFIX.length() + 64;

    private CheckpointFile() {
    }

    static Path path(Path dir) {
        return dir.resolve(NAME);
    }

    /**
     * Test hook: when &ge; 0, the next {@link #write} simulates a process killed after that many bytes of the
     * temporary file (see {@link #writeAndCrash}) and resets the hook. Never set outside tests.
     */
    static volatile int crashNextWriteAfterBytes = -1;

    /** Writes {@code c} atomically into {@code dir}. */
    static void write(Path dir, Checkpoint c) throws IOException {
        int crash = crashNextWriteAfterBytes;
        if (crash >= 0) {
            crashNextWriteAfterBytes = -1;
            writeAndCrash(dir, c, crash);
        }
        AtomicFiles.write(path(dir), encode(c));
    }

    /**
     * Test hook: simulates a process killed during the write, after {@code bytes} bytes of the temporary file reached
     * the disk (the rename never happens). Throws {@link IOException} like the kill would end the write.
     */
    static void writeAndCrash(Path dir, Checkpoint c, int bytes) throws IOException {
        byte[] all = encode(c);
        Path tmp = AtomicFiles.tempFor(path(dir));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(all, 0, Math.min(bytes, all.length)));
        }
        throw new IOException("simulated crash after " + bytes + " of " + all.length + " bytes");
    }

    static byte[] encode(Checkpoint c) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("x.npy", Npy.encode(c.x(), c.x().length));
        ObjectNode s = Json.object();
        s.put("format", FORMAT);
        s.put("step", c.step());
        s.set("spec", c.spec().toJson());
        ObjectNode opt = s.putObject("optimizer");
        opt.put("name", c.optimizer());
        ArrayNode st = opt.putArray("state");
        for (long v : c.optimizerState()) {
            st.add(v);
        }
        ObjectNode m = s.putObject("metrics");
        m.put("bytes", c.metricsBytes());
        m.put("rows", c.metricsRows());
        s.put("phase2_start", c.phase2Start());
        ObjectNode last = s.putObject("last_bits");
        last.put("loss", Double.doubleToRawLongBits(c.lastLoss()));
        last.put("sharpness", Double.doubleToRawLongBits(c.lastSharpness()));
        ObjectNode timing = s.putObject("timing_bits");
        timing.put("steps", c.steps());
        timing.put("loop_seconds", Double.doubleToRawLongBits(c.loopSeconds()));
        timing.put("metric_seconds", Double.doubleToRawLongBits(c.metricSeconds()));
        ObjectNode longs = s.putObject("meter_longs");
        for (Map.Entry<String, long[]> e : c.meters().allLongs().entrySet()) {
            ArrayNode a = longs.putArray(e.getKey());
            for (long v : e.getValue()) {
                a.add(v);
            }
        }
        ArrayNode names = s.putArray("meter_arrays");
        for (Map.Entry<String, double[]> e : c.meters().allDoubles().entrySet()) {
            names.add(e.getKey());
            entries.put("meters/" + e.getKey() + ".npy", Npy.encode(e.getValue(), e.getValue().length));
        }
        entries.put("state.json", Json.pretty(s).getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + 8 * c.x().length);
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setComment("0".repeat(CHECKSUM_LENGTH)); // a placeholder of the final length, replaced below
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                byte[] b = e.getValue();
                ZipEntry z = new ZipEntry(e.getKey());
                z.setMethod(ZipEntry.STORED);
                z.setSize(b.length);
                z.setCompressedSize(b.length);
                CRC32 crc = new CRC32();
                crc.update(b);
                z.setCrc(crc.getValue());
                z.setTime(0); // reproducible bytes
                zip.putNextEntry(z);
                zip.write(b);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException("in-memory zip failed", e);
        }
        byte[] file = out.toByteArray();
        int body = file.length - CHECKSUM_LENGTH;
        byte[] sum = (CHECKSUM_PREFIX + sha256(file, body)).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(sum, 0, file, body, CHECKSUM_LENGTH);
        return file;
    }

    /** Reads and verifies the checkpoint of {@code dir}. */
    static Checkpoint read(Path dir) throws IOException {
        Path p = path(dir);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw new InvalidRunException(dir + " has no " + NAME + ": it is not a run directory, or the run "
                    + "stopped before its first checkpoint");
        }
        return parse(bytes, p.toString());
    }

    /** Verifies and decodes the bytes of a checkpoint file ({@code p} names it in messages). */
    static Checkpoint parse(byte[] bytes, String p) {
        int body = bytes.length - CHECKSUM_LENGTH;
        if (body <= 0 || !new String(bytes, body, CHECKSUM_LENGTH, StandardCharsets.US_ASCII)
                .equals(CHECKSUM_PREFIX + sha256(bytes, body))) {
            throw new CorruptCheckpointException(p + " is corrupt or truncated: its SHA-256 checksum does not match");
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry z; (z = zip.getNextEntry()) != null; ) {
                entries.put(z.getName(), zip.readAllBytes()); // ZipInputStream verifies each entry's CRC-32
            }
        } catch (IOException e) {
            throw new CorruptCheckpointException(p + " is corrupt (" + e.getMessage() + ")", e);
        }
        if (!entries.containsKey("x.npy") || !entries.containsKey("state.json")) {
            throw new CorruptCheckpointException(p + " is not an eos checkpoint (entries missing)");
        }
        try {
            return decode(entries);
        } catch (RuntimeException | IOException e) {
            throw new CorruptCheckpointException(p + " is unreadable: " + e.getMessage(), e);
        }
    }

    private static Checkpoint decode(Map<String, byte[]> entries) throws IOException {
        JsonNode s = Json.parse(new String(entries.get("state.json"), StandardCharsets.UTF_8));
        if (!FORMAT.equals(s.path("format").asText())) {
            throw new IOException("unknown checkpoint format " + s.path("format"));
        }
        JsonNode st = s.get("optimizer").get("state");
        long[] state = new long[st.size()];
        for (int i = 0; i < state.length; i++) {
            state[i] = st.get(i).longValue();
        }
        CheckpointState meters = new CheckpointState();
        Map<String, long[]> longs = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = s.get("meter_longs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            long[] a = new long[e.getValue().size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = e.getValue().get(i).longValue();
            }
            longs.put(e.getKey(), a);
        }
        Map<String, double[]> doubles = new TreeMap<>();
        for (JsonNode n : s.get("meter_arrays")) {
            byte[] b = entries.get("meters/" + n.asText() + ".npy");
            if (b == null) {
                throw new IOException("missing meters/" + n.asText() + ".npy");
            }
            doubles.put(n.asText(), Npy.parse(b, "meters/" + n.asText() + ".npy").data());
        }
        meters.putAll(doubles, longs);
        JsonNode last = s.get("last_bits");
        JsonNode timing = s.get("timing_bits");
        return new Checkpoint(RunSpec.fromJson(s.get("spec")), s.get("step").longValue(),
                s.get("optimizer").get("name").asText(), state, Npy.parse(entries.get("x.npy"), "x.npy").data(),
                s.get("metrics").get("bytes").longValue(), s.get("metrics").get("rows").longValue(),
                s.get("phase2_start").longValue(), meters, bits(last, "loss"), bits(last, "sharpness"),
                timing.get("steps").longValue(), bits(timing, "loop_seconds"), bits(timing, "metric_seconds"));
    }

    private static double bits(JsonNode n, String k) {
        return Double.longBitsToDouble(n.get(k).longValue());
    }

    private static String sha256(byte[] bytes, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(bytes, 0, length);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
