package dev.eos.spectral;

import dev.eos.models.SymmetricOperator;

/**
 * An eigensolver with memory (or the dense exact path). For the top eigenpair (k = 1) it recycles the top vectors
 * of the last {@value #HISTORY} solves, newest first and only as many as needed ({@link Lanczos#solveRecycled}):
 * during a run at the edge of stability the iterates form a 2-cycle, the same-parity point two steps back is much
 * closer than the previous one, and the span of several past vectors contains their extrapolation (matrix sensing,
 * NGD 2-cycle: 54.5 products cold, 43.5 from the previous vector, 21.0 recycling 3, 15.0 recycling 6). For k &gt; 1
 * it starts from the previous solve's k vectors. The remembered vectors are the whole state a resumed run needs to
 * reproduce the next solves bit for bit ({@link #state}, {@link #restore}).
 */
final class WarmStart {

    /** Solves whose top vectors are recycled. */
    static final int HISTORY = 6;

    private final int n;
    private final Lanczos lanczos;
    private final DenseEigensolver dense;
    private final Which which;
    private final double[] history;
    private int depth;
    private double[] last = new double[0];
    private int count;
    private long hvps;

    WarmStart(int n, Lanczos.Options options, boolean exact) {
        this.n = n;
        this.lanczos = exact ? null : new Lanczos(n, options);
        this.dense = exact ? new DenseEigensolver(n) : null;
        this.which = options.which();
        this.history = new double[HISTORY * n];
    }

    /** The k wanted pairs of op, warm-started from memory. */
    EigenResult solve(SymmetricOperator op, int k) {
        EigenResult r;
        if (dense != null) {
            r = dense.solve(op, k, which);
        } else if (k == 1) {
            r = lanczos.solveRecycled(op, 1, history, depth);
        } else {
            r = lanczos.solve(op, k, last, count);
        }
        remember(r);
        hvps += r.hvps();
        return r;
    }

    /** Pushes r's top vector onto the history and keeps all of its vectors. */
    private void remember(EigenResult r) {
        System.arraycopy(history, 0, history, n, (HISTORY - 1) * n);
        System.arraycopy(r.vectors(), 0, history, 0, n);
        depth = Math.min(depth + 1, HISTORY);
        int len = r.k() * n;
        if (last.length != len) {
            last = new double[len];
        }
        System.arraycopy(r.vectors(), 0, last, 0, len);
        count = r.k();
    }

    /** Operator products spent so far. */
    long hvps() {
        return hvps;
    }

    /** The memory as one array: [depth, count, history (depth x n), last vectors (count x n)]. */
    double[] state() {
        double[] s = new double[2 + (depth + count) * n];
        s[0] = depth;
        s[1] = count;
        System.arraycopy(history, 0, s, 2, depth * n);
        System.arraycopy(last, 0, s, 2 + depth * n, count * n);
        return s;
    }

    /** Restores {@link #state()}; an empty array forgets (the next solve starts from the seed). */
    void restore(double[] s) {
        if (s.length == 0) {
            depth = 0;
            count = 0;
            return;
        }
        int d = (int) s[0];
        int c = (int) s[1];
        if (s.length < 2 || d != s[0] || c != s[1] || d < 0 || d > HISTORY || c < 0 || s.length != 2 + (d + c) * n) {
            throw new IllegalArgumentException("not a warm-start state for dimension " + n + " (length " + s.length
                    + ")");
        }
        depth = d;
        count = c;
        System.arraycopy(s, 2, history, 0, d * n);
        last = new double[c * n];
        System.arraycopy(s, 2 + d * n, last, 0, c * n);
    }
}
