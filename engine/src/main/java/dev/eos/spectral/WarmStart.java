package dev.eos.spectral;

import dev.eos.models.SymmetricOperator;

/**
 * An eigensolver with memory: each solve starts from the Ritz vectors of the previous one (Lanczos), or uses the
 * dense exact path. The remembered vectors are the whole state a resumed run needs to reproduce the next solve bit
 * for bit ({@link #state}, {@link #restore}).
 */
final class WarmStart {

    private final int n;
    private final Lanczos lanczos;
    private final DenseEigensolver dense;
    private final Which which;
    private double[] warm = new double[0];
    private int count;
    private long hvps;

    WarmStart(int n, Lanczos.Options options, boolean exact) {
        this.n = n;
        this.lanczos = exact ? null : new Lanczos(n, options);
        this.dense = exact ? new DenseEigensolver(n) : null;
        this.which = options.which();
    }

    /**
     * The k wanted pairs of op, warm-started from the remembered vectors: for k = 1 only the previous top vector
     * (a sum with further vectors would dilute it), for k &gt; 1 all of them.
     */
    EigenResult solve(SymmetricOperator op, int k) {
        EigenResult r = dense != null ? dense.solve(op, k, which) : lanczos.solve(op, k, warm, k == 1 ? Math.min(count, 1) : count);
        remember(r);
        hvps += r.hvps();
        return r;
    }

    /** Remembers the vectors of r as the next start. */
    void remember(EigenResult r) {
        int len = r.k() * n;
        if (warm.length != len) {
            warm = new double[len];
        }
        System.arraycopy(r.vectors(), 0, warm, 0, len);
        count = r.k();
    }

    /** Operator products spent so far. */
    long hvps() {
        return hvps;
    }

    /** A copy of the remembered vectors (count x n, row-major), empty before the first solve. */
    double[] state() {
        return java.util.Arrays.copyOf(warm, count * n);
    }

    /** Restores {@link #state()} (an empty array forgets: the next solve starts from the seed). */
    void restore(double[] state) {
        if (state.length % n != 0) {
            throw new IllegalArgumentException("warm-start state length " + state.length + " is not a multiple of "
                    + n);
        }
        warm = state.clone();
        count = state.length / n;
    }
}
