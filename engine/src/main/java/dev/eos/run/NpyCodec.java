package dev.eos.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PRIVATE SEAM until dev.eos.io.Npy (models issue) is merged: the minimal .npy v1.0 codec the run engine needs,
 * float64 little-endian C-order vectors only. NumPy reads what it writes with {@code np.load}.
 */
final class NpyCodec {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private NpyCodec() {
    }

    /** The .npy bytes of a float64 vector of shape (n,). */
    static byte[] encode(double[] v) {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + v.length + ",), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64; // total header length a multiple of 64 (NumPy's alignment)
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + header.length() + 8 * v.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.US_ASCII));
        for (double d : v) {
            b.putDouble(d);
        }
        return b.array();
    }

    /** Decodes a float64 little-endian C-order array (any shape, flattened). */
    static double[] decode(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10) {
            throw new IOException("not a .npy file (too short)");
        }
        for (byte m : MAGIC) {
            if (b.get() != m) {
                throw new IOException("not a .npy file (bad magic)");
            }
        }
        int major = b.get();
        b.get();
        int headerLen = major == 1 ? Short.toUnsignedInt(b.getShort()) : b.getInt();
        if (headerLen > b.remaining()) {
            throw new IOException(".npy header is truncated");
        }
        byte[] h = new byte[headerLen];
        b.get(h);
        String header = new String(h, StandardCharsets.US_ASCII);
        if (!header.contains("'descr': '<f8'") || !header.contains("'fortran_order': False")) {
            throw new IOException("expected a float64 little-endian C-order .npy, header " + header.strip());
        }
        Matcher m = SHAPE.matcher(header);
        if (!m.find()) {
            throw new IOException(".npy header has no shape: " + header.strip());
        }
        long n = 1;
        for (String s : m.group(1).split(",")) {
            if (!s.isBlank()) {
                n = Math.multiplyExact(n, Long.parseLong(s.strip()));
            }
        }
        if (b.remaining() != 8 * n) {
            throw new IOException(".npy data has " + b.remaining() + " bytes, the shape needs " + 8 * n);
        }
        double[] out = new double[Math.toIntExact(n)];
        b.asDoubleBuffer().get(out);
        return out;
    }
}
