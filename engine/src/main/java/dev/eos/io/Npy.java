package dev.eos.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * NumPy {@code .npy} files: reads float64 and float32 arrays of any shape (C or Fortran order, either byte order)
 * into a flat row-major (C order) {@code double[]} with its shape, and writes float64 C-order files (format 1.0, or
 * 2.0 when the header does not fit in 65535 bytes).
 *
 * <p>Format (numpy.lib.format): the magic {@code \x93NUMPY}, a major and minor version byte, the header length
 * (2 bytes little-endian in 1.0, 4 bytes in 2.0 and 3.0), then an ASCII (3.0: UTF-8) Python dict literal such as
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }} padded with spaces to a multiple of 64 bytes
 * and ended by a newline, then the raw data.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private Npy() {
    }

    /**
     * An array read from or written to a file: {@code data} is row-major (C order) and holds the product of
     * {@code shape} elements; a 0-d array has the empty shape and one element.
     */
    public record Array(double[] data, int[] shape) {

        /** Checks that data holds exactly prod(shape) elements. */
        public Array {
            long n = 1;
            for (int s : shape) {
                if (s < 0) {
                    throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
                }
                n *= s;
            }
            if (n != data.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n
                        + " elements, data has " + data.length);
            }
        }

        /** The number of dimensions. */
        public int ndim() {
            return shape.length;
        }

        /** The shape written as NumPy does, e.g. "(3, 4)" or "(5,)". */
        public String shapeString() {
            return Npy.shapeString(shape);
        }
    }

    /** "(3, 4)", "(5,)" or "()". */
    public static String shapeString(int[] shape) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return s.append(shape.length == 1 ? ",)" : ")").toString();
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads a float64 or float32 array (any shape, C or Fortran order, any byte order) into C order.
     *
     * @throws NoSuchFileException      when the file does not exist
     * @throws IOException              on read errors
     * @throws IllegalArgumentException when the file is not .npy, is truncated, or has an unsupported dtype; the
     *                                  message names the file
     */
    public static Array read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such .npy file");
        }
        byte[] bytes = Files.readAllBytes(file);
        return parse(bytes, file.toString());
    }

    /** Parses the bytes of a .npy file; {@code name} is used in error messages. */
    public static Array parse(byte[] bytes, String name) {
        if (bytes.length < 10 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IllegalArgumentException(name + ": not a .npy file (missing the \\x93NUMPY magic)");
        }
        int major = bytes[6] & 0xff;
        int headerLen;
        int headerStart;
        if (major == 1) {
            headerLen = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new IllegalArgumentException(name + ": truncated .npy header");
            }
            long len = ByteBuffer.wrap(bytes, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
            if (len > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name + ": .npy header length " + len + " is too large");
            }
            headerLen = (int) len;
            headerStart = 12;
        } else {
            throw new IllegalArgumentException(name + ": unsupported .npy format version " + major + "."
                    + (bytes[7] & 0xff) + " (supported: 1.0, 2.0, 3.0)");
        }
        if ((long) headerStart + headerLen > bytes.length) {
            throw new IllegalArgumentException(name + ": truncated .npy header (needs " + headerLen + " bytes, file has "
                    + (bytes.length - headerStart) + ")");
        }
        String header = new String(bytes, headerStart, headerLen,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Header h = Header.parse(header, name);
        long n = 1;
        for (int s : h.shape) {
            n *= s;
        }
        int itemSize = h.float32 ? 4 : 8;
        long need = n * itemSize;
        long have = bytes.length - (long) headerStart - headerLen;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(name + ": array of shape " + shapeString(h.shape)
                    + " is too large for one Java array");
        }
        if (have < need) {
            throw new IllegalArgumentException(name + ": truncated data: shape " + shapeString(h.shape) + " of "
                    + h.descr + " needs " + need + " bytes, the file has " + have);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, headerStart + headerLen, (int) need).order(h.order);
        double[] raw = new double[(int) n];
        if (h.float32) {
            for (int i = 0; i < raw.length; i++) {
                raw[i] = buf.getFloat();
            }
        } else {
            buf.asDoubleBuffer().get(raw);
        }
        double[] data = h.fortran && h.shape.length > 1 ? fortranToC(raw, h.shape) : raw;
        return new Array(data, h.shape);
    }

    /** Reorders column-major (first index fastest) data into row-major (last index fastest). */
    private static double[] fortranToC(double[] f, int[] shape) {
        int nd = shape.length;
        double[] c = new double[f.length];
        int[] idx = new int[nd];
        // Fortran strides, in elements
        long[] fs = new long[nd];
        long s = 1;
        for (int d = 0; d < nd; d++) {
            fs[d] = s;
            s *= shape[d];
        }
        for (int i = 0; i < c.length; i++) {
            long off = 0;
            for (int d = 0; d < nd; d++) {
                off += idx[d] * fs[d];
            }
            c[i] = f[(int) off];
            // increment the C-order multi-index (last fastest)
            for (int d = nd - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return c;
    }

    /** The parsed header dict. */
    private record Header(String descr, boolean float32, ByteOrder order, boolean fortran, int[] shape) {

        static Header parse(String h, String name) {
            String descr = stringValue(h, "descr", name);
            String fortranText = rawValue(h, "fortran_order", name);
            boolean fortran;
            if (fortranText.startsWith("True")) {
                fortran = true;
            } else if (fortranText.startsWith("False")) {
                fortran = false;
            } else {
                throw bad(name, "fortran_order is neither True nor False", h);
            }
            String shapeText = rawValue(h, "shape", name);
            if (!shapeText.startsWith("(")) {
                throw bad(name, "shape is not a tuple", h);
            }
            int close = shapeText.indexOf(')');
            if (close < 0) {
                throw bad(name, "shape tuple is not closed", h);
            }
            String inner = shapeText.substring(1, close).trim();
            int[] shape;
            if (inner.isEmpty()) {
                shape = new int[0];
            } else {
                String[] parts = inner.split(",");
                int count = parts[parts.length - 1].isBlank() ? parts.length - 1 : parts.length;
                shape = new int[count];
                for (int i = 0; i < count; i++) {
                    String p = parts[i].trim();
                    if (p.endsWith("L")) {
                        p = p.substring(0, p.length() - 1);
                    }
                    try {
                        long v = Long.parseLong(p);
                        if (v < 0 || v > Integer.MAX_VALUE) {
                            throw bad(name, "dimension " + v + " out of range", h);
                        }
                        shape[i] = (int) v;
                    } catch (NumberFormatException e) {
                        throw bad(name, "cannot read shape entry '" + p + "'", h);
                    }
                }
            }
            if (descr.length() != 3) {
                throw unsupported(name, descr);
            }
            char endian = descr.charAt(0);
            String type = descr.substring(1);
            boolean f32;
            if (type.equals("f8")) {
                f32 = false;
            } else if (type.equals("f4")) {
                f32 = true;
            } else {
                throw unsupported(name, descr);
            }
            ByteOrder order = switch (endian) {
                case '<' -> ByteOrder.LITTLE_ENDIAN;
                case '>' -> ByteOrder.BIG_ENDIAN;
                case '=', '|' -> ByteOrder.nativeOrder();
                default -> throw unsupported(name, descr);
            };
            return new Header(descr, f32, order, fortran, shape);
        }

        private static IllegalArgumentException unsupported(String name, String descr) {
            return new IllegalArgumentException(name + ": unsupported dtype '" + descr
                    + "' (supported: float64 '<f8'/'>f8' and float32 '<f4'/'>f4'; convert with arr.astype(np.float64))");
        }

        private static IllegalArgumentException bad(String name, String why, String header) {
            return new IllegalArgumentException(name + ": malformed .npy header (" + why + "): " + header.strip());
        }

        /** The text right after {@code 'key':}. */
        private static String rawValue(String h, String key, String name) {
            int k = h.indexOf("'" + key + "'");
            if (k < 0) {
                k = h.indexOf("\"" + key + "\"");
            }
            if (k < 0) {
                throw bad(name, "no '" + key + "' entry", h);
            }
            int colon = h.indexOf(':', k + key.length() + 2);
            if (colon < 0) {
                throw bad(name, "no value for '" + key + "'", h);
            }
            return h.substring(colon + 1).stripLeading();
        }

        private static String stringValue(String h, String key, String name) {
            String v = rawValue(h, key, name);
            if (v.isEmpty() || (v.charAt(0) != '\'' && v.charAt(0) != '"')) {
                throw bad(name, "'" + key + "' is not a string", h);
            }
            int end = v.indexOf(v.charAt(0), 1);
            if (end < 0) {
                throw bad(name, "'" + key + "' string is not closed", h);
            }
            return v.substring(1, end);
        }
    }

    // ---------------------------------------------------------------- checks

    /**
     * Throws when the array holds NaN or an infinity, naming the file and the first bad index (as a C-order
     * multi-index). Callers that load model data run this after {@link #read}.
     */
    public static void requireFinite(Array a, String name) {
        double[] d = a.data();
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) {
                throw new IllegalArgumentException(name + ": contains " + d[i] + " at index "
                        + multiIndex(i, a.shape()) + " (shape " + a.shapeString() + "); every entry must be finite");
            }
        }
    }

    private static String multiIndex(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return shapeString(idx).replace(",)", ")");
    }

    // ---------------------------------------------------------------- writing

    /** Writes a float64 C-order .npy file (format 1.0, or 2.0 when the header needs it). */
    public static void write(Path file, double[] data, int... shape) throws IOException {
        new Array(data, shape); // validates the element count
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(encode(data, shape));
        }
    }

    /** Writes an array (float64, C order). */
    public static void write(Path file, Array a) throws IOException {
        write(file, a.data(), a.shape());
    }

    /** The bytes of a float64 C-order .npy file holding data with this shape. */
    public static byte[] encode(double[] data, int... shape) {
        new Array(data, shape);
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': " + shapeString(shape) + ", }";
        byte[] header = padHeader(dict, 10);
        int version = 1;
        if (header.length > 0xffff) {
            header = padHeader(dict, 12);
            version = 2;
        }
        int pre = version == 1 ? 10 : 12;
        ByteBuffer b = ByteBuffer.allocate(pre + header.length + 8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) version).put((byte) 0);
        if (version == 1) {
            b.putShort((short) header.length);
        } else {
            b.putInt(header.length);
        }
        b.put(header);
        b.asDoubleBuffer().put(data);
        return b.array();
    }

    /** The dict padded with spaces and a final newline so that the data starts at a multiple of 64 bytes. */
    private static byte[] padHeader(String dict, int preamble) {
        int len = dict.length() + 1;
        int total = preamble + len;
        int pad = (64 - total % 64) % 64;
        return (dict + " ".repeat(pad) + "\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}
