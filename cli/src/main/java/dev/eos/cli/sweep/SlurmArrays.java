package dev.eos.cli.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slurm job-array facts: the cluster's MaxArraySize (array indices run 0 .. MaxArraySize - 1), read from
 * {@code scontrol show config}, and how a manifest of n rows splits into arrays below it.
 */
final class SlurmArrays {

    /** The MaxArraySize assumed when scontrol cannot say (Slurm's own default is 1001). */
    static final int FALLBACK = 1000;

    private static final Pattern MAX_ARRAY = Pattern.compile("(?m)^\\s*MaxArraySize\\s*=\\s*(\\d+)\\s*$");

    private SlurmArrays() {
    }

    /**
     * The cluster's limit and where it came from.
     *
     * @param maxArraySize array indices must be below this
     * @param source       "scontrol show config", or why the fallback is used
     */
    record Limit(int maxArraySize, String source) {
    }

    /** MaxArraySize from {@code scontrol show config}, else {@link #FALLBACK}. */
    static Limit detect() {
        try {
            Process p = new ProcessBuilder("scontrol", "show", "config").redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Limit(FALLBACK, "scontrol did not answer; assumed " + FALLBACK);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            Integer m = parse(text);
            if (p.exitValue() == 0 && m != null) {
                return new Limit(m, "scontrol show config");
            }
            String first = text.strip().lines().findFirst().orElse("no output");
            return new Limit(FALLBACK, "scontrol show config " + (p.exitValue() != 0 ? "failed (" + first + ")"
                    : "gave no MaxArraySize") + "; assumed " + FALLBACK);
        } catch (IOException e) {
            return new Limit(FALLBACK, "no scontrol here; assumed " + FALLBACK);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Limit(FALLBACK, "interrupted; assumed " + FALLBACK);
        }
    }

    /** The MaxArraySize in the output of {@code scontrol show config}, or null. */
    static Integer parse(String scontrolOutput) {
        Matcher m = MAX_ARRAY.matcher(scontrolOutput);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    /**
     * One array: rows offset .. offset + size - 1, submitted as indices 0 .. size - 1 with EOS_INDEX_OFFSET = offset.
     *
     * @param offset the first row
     * @param size   the number of rows (at most MaxArraySize)
     */
    record Chunk(int offset, int size) {
    }

    /** The arrays that cover {@code rows} rows with at most {@code maxArraySize} tasks each. */
    static List<Chunk> chunks(int rows, int maxArraySize) {
        List<Chunk> out = new ArrayList<>();
        for (int off = 0; off < rows; off += maxArraySize) {
            out.add(new Chunk(off, Math.min(maxArraySize, rows - off)));
        }
        return out;
    }
}
