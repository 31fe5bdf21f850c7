package dev.eos.kernels;

/** Shared rule of the two-pass nrm2: when the plain sum of squares can be trusted, and when to rescale. */
final class Norms {

    /**
     * Below this sum of squares, squares of the largest entries may have lost bits to underflow (entries near
     * 1e-154 square to subnormals); above it, whatever underflowed is below 2^-60 of the sum.
     */
    static final double SAFE_MIN_SUM = 0x1p-960;

    private Norms() {
    }

    /** True when sqrt(s) is an accurate norm: s is finite (nothing overflowed) and large enough. */
    static boolean sumOfSquaresIsSafe(double s) {
        return s >= SAFE_MIN_SUM && s <= Double.MAX_VALUE;
    }
}
