package dev.eos.spectral;

import dev.eos.models.SymmetricOperator;

/**
 * An eigensolver with memory (or the dense exact path). For the top eigenpair (k = 1) it recycles the top vectors
 * of past solves ({@link Lanczos#solveRecycled}), only as many as needed: normally the last {@value #NEWEST}, newest
 * first; in a 2-cycle (the iterates of a run at the edge of stability alternate, THEORY 4.4), detected from the
 * memory itself because the top vector two solves back is closer to the last one than the previous one is, the
 * same-parity vectors of the last {@value #HISTORY} solves, whose span contains their polynomial extrapolation, and
 * none of the other parity (they add a product each and almost nothing to the span). Matrix sensing, NGD 2-cycle,
 * residual 1e-10 (mean products over 20 steps): cold 52.5, from the previous vector 43.5, the last six 15.0, the
 * same-parity three 13.1, four 11.0. For k &gt; 1 it starts from the previous solve's k vectors. The remembered
 * vectors are the whole state a resumed run needs to reproduce the next solves bit for bit ({@link #state},
 * {@link #restore}).
 */
final class WarmStart {

    /** Solves whose top vectors are remembered. */
    static final int HISTORY = 8;
    /** Top vectors recycled, newest first, outside a 2-cycle. */
    static final int NEWEST = 6;

    private final int n;
    private final Lanczos lanczos;
    private final DenseEigensolver dense;
    private final Which which;
    private final double[] history;
    /** The same-parity vectors of a 2-cycle, gathered from history. */
    private final double[] parity;
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
        this.parity = new double[HISTORY / 2 * n];
    }

    /** The k wanted pairs of op, warm-started from memory. */
    EigenResult solve(SymmetricOperator op, int k) {
        EigenResult r;
        if (dense != null) {
            r = dense.solve(op, k, which);
        } else if (k == 1 && twoCycle()) {
            int c = 0;
            for (int i = 1; i < depth; i += 2) {
                System.arraycopy(history, i * n, parity, c++ * n, n);
            }
            r = lanczos.solveRecycled(op, 1, parity, c);
        } else if (k == 1) {
            r = lanczos.solveRecycled(op, 1, history, Math.min(depth, NEWEST));
        } else {
            r = lanczos.solve(op, k, last, count);
        }
        remember(r);
        hvps += r.hvps();
        return r;
    }

    /**
     * True when the last three top vectors h_1, h_2, h_3 (newest first) alternate: h_3 is closer to h_1 than h_2 is
     * (|&lt;h_1, h_3&gt;| &gt; |&lt;h_1, h_2&gt;|, unit vectors), so the point two solves back predicts the next one.
     */
    private boolean twoCycle() {
        if (depth < 3) {
            return false;
        }
        double c12 = 0;
        double c13 = 0;
        for (int i = 0; i < n; i++) {
            c12 += history[i] * history[n + i];
            c13 += history[i] * history[2 * n + i];
        }
        return Math.abs(c13) > Math.abs(c12);
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
