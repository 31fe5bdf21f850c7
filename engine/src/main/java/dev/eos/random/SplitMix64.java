package dev.eos.random;

/**
 * SplitMix64 (Steele, Lea and Flood 2014), a 64-bit generator whose whole state is one long, so checkpoints can save
 * it and a resumed run draws the same numbers bit for bit. Gaussian draws use only IEEE basic operations
 * ({@link PortableMath}), so they are reproducible across JVMs and machines too.
 */
public final class SplitMix64 {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    /** A generator whose first output depends on the seed only. */
    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** The whole state (for checkpoints). */
    public long state() {
        return state;
    }

    /** Restores a state returned by {@link #state()}. */
    public void setState(long s) {
        this.state = s;
    }

    /** The next 64 random bits. */
    public long nextLong() {
        long z = (state += GOLDEN_GAMMA);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform on [0, 1), 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1p-53;
    }

    /** Uniform on (0, 1], 53 random bits (safe under log). */
    public double nextOpenDouble() {
        return ((nextLong() >>> 11) + 1) * 0x1p-53;
    }

    /**
     * Fills out[off .. off+n) with independent standard normals (Marsaglia's polar method: a pair per accepted
     * point of the unit disc, the second of the last pair dropped when n is odd), with {@link PortableMath#log}, so
     * the draws are the same bits on every machine and allocate nothing.
     */
    public void nextGaussians(double[] out, int off, int n) {
        int i = 0;
        while (i < n) {
            double u, v, s;
            do {
                u = 2 * nextDouble() - 1;
                v = 2 * nextDouble() - 1;
                s = u * u + v * v;
            } while (s >= 1 || s == 0);
            double f = Math.sqrt(-2 * PortableMath.log(s) / s);
            out[off + i++] = u * f;
            if (i < n) {
                out[off + i++] = v * f;
            }
        }
    }
}
