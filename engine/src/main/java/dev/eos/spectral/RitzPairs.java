package dev.eos.spectral;

import dev.eos.kernels.Kernels;

/**
 * The candidate eigenpairs of a {@link RestartedSolver}: locked pairs (exact, basis rows &lt; nLock) and the active
 * Ritz pairs of {@link RitzSolver}, in the wanted order; their convergence test, residual
 * max(tol |theta|, 32 sqrt(n) eps ||H||_est) with ||H||_est the largest |theta| or ||H v|| seen; and the
 * assembly of the result with explicit residuals from the stored products (x = V y, H x = W y, no extra HVP).
 */
final class RitzPairs {

    private static final double EPS = Math.ulp(1.0);

    private final int n;
    private final KrylovBasis basis;
    private final RitzSolver ritz;
    private final Kernels k;
    private final Lanczos.Options options;
    private final int[] cand;
    private final double[] lockedVal;
    private final double[] x;
    private final double[] hx;
    private int kEff;
    private int nLock;
    private double anorm;

    RitzPairs(int n, int mb, KrylovBasis basis, RitzSolver ritz, Kernels k, Lanczos.Options options) {
        this.n = n;
        this.basis = basis;
        this.ritz = ritz;
        this.k = k;
        this.options = options;
        this.cand = new int[mb];
        this.lockedVal = new double[mb];
        this.x = new double[n];
        this.hx = new double[n];
    }

    void reset(int wanted) {
        kEff = wanted;
        anorm = 0;
        nLock = 0;
    }

    /** Records a norm ||H v|| (v unit) as a lower bound of ||H||. */
    void seeNorm(double norm) {
        anorm = Math.max(anorm, norm);
    }

    /** Basis row i now holds a locked eigenpair with eigenvalue value. */
    void lockValue(int i, double value) {
        lockedVal[i] = value;
    }

    int[] cand() {
        return cand;
    }

    /** A scratch vector of length n. */
    double[] scratch() {
        return hx;
    }

    double bound(double theta) {
        return Math.max(options.tol() * Math.abs(theta), 32 * Math.sqrt(n) * EPS * anorm);
    }

    /**
     * Sorts the m candidates (locked rows &lt; nLock, then nLock + Ritz rank) into cand in the wanted order; locked
     * values made at different times are not sorted among themselves, so everything is sorted here.
     */
    int merge(int m, int locked) {
        nLock = locked;
        Which which = options.which();
        for (int c = 0; c < m; c++) {
            cand[c] = c;
        }
        for (int i = 1; i < m; i++) {
            int c = cand[i];
            double v = value(c);
            int j = i - 1;
            while (j >= 0 && RitzSolver.before(v, c, value(cand[j]), cand[j], which)) {
                cand[j + 1] = cand[j];
                j--;
            }
            cand[j + 1] = c;
        }
        for (int r = 0; r < m - locked; r++) {
            anorm = Math.max(anorm, Math.abs(ritz.value(r)));
        }
        return m;
    }

    private double value(int c) {
        return c < nLock ? lockedVal[c] : ritz.value(c - nLock);
    }

    /** ||B y_last||: the residual norm of active Ritz pair r under the Krylov relation H V = V T + Q B E^T. */
    private double estimate(int r, double[] b, int p, int lastBlock, int lastBlockSize, int nextSize) {
        int base = lastBlock - nLock;
        double s = 0;
        for (int c2 = 0; c2 < nextSize; c2++) {
            double e = 0;
            for (int c = 0; c < lastBlockSize; c++) {
                e += b[c2 * p + c] * ritz.vector(r, base + c);
            }
            s += e * e;
        }
        return Math.sqrt(s);
    }

    /**
     * Krylov rule: true when the k wanted candidates have converged by estimate and, after a lock, so has the best
     * active Ritz pair (the complement has been explored).
     */
    boolean convergedByEstimate(int m, int locked, double[] b, int p, int lastBlock, int lastBlockSize,
                                int nextSize) {
        int total = merge(m, locked);
        if (total < kEff) {
            return false;
        }
        boolean activeSeen = false;
        for (int s = 0; s < kEff; s++) {
            int c = cand[s];
            if (c >= nLock) {
                activeSeen = true;
                int r = c - nLock;
                if (estimate(r, b, p, lastBlock, lastBlockSize, nextSize) > bound(ritz.value(r))) {
                    return false;
                }
            }
        }
        return activeSeen || nLock == 0 || m == nLock
                || estimate(0, b, p, lastBlock, lastBlockSize, nextSize) <= bound(ritz.value(0));
    }

    /**
     * Writes the residual H x - theta x of active Ritz pair r (x = V_act y, H x = W_act y, |x| ~ 1) into out at off
     * and returns its norm.
     */
    double residual(int r, int m, int locked, double[] out, int off) {
        int mAct = m - locked;
        k.gemvT(mAct, n, 1.0, basis.v, locked * n, n, ritz.vectorData(), ritz.offset(r), 0.0, x, 0);
        k.gemvT(mAct, n, 1.0, basis.w, locked * n, n, ritz.vectorData(), ritz.offset(r), 0.0, out, off);
        k.axpy(n, -ritz.value(r), x, 0, out, off);
        return k.nrm2(n, out, off);
    }

    /**
     * Writes the k wanted pairs with explicit residuals, sorted by their Rayleigh quotients
     * lambda = x^T H x / x^T x; returns true when every residual meets the bound.
     */
    boolean assemble(int m, int locked, double[] values, double[] vectors, double[] residuals) {
        int total = merge(m, locked);
        int mAct = m - locked;
        double[] v = basis.v;
        double[] w = basis.w;
        boolean ok = true;
        for (int s = 0; s < kEff; s++) {
            int xo = s * n;
            if (s >= total) {
                values[s] = Double.NaN;
                residuals[s] = Double.POSITIVE_INFINITY;
                java.util.Arrays.fill(vectors, xo, xo + n, Double.NaN);
                ok = false;
                continue;
            }
            int c = cand[s];
            if (c < locked) {
                System.arraycopy(v, c * n, vectors, xo, n);
                System.arraycopy(w, c * n, hx, 0, n);
            } else {
                int r = c - locked;
                k.gemvT(mAct, n, 1.0, v, locked * n, n, ritz.vectorData(), ritz.offset(r), 0.0, vectors, xo);
                k.gemvT(mAct, n, 1.0, w, locked * n, n, ritz.vectorData(), ritz.offset(r), 0.0, hx, 0);
            }
            double nx = k.nrm2(n, vectors, xo);
            k.scal(n, 1.0 / nx, vectors, xo);
            k.scal(1.0 / nx, hx);
            double lambda = k.dot(n, vectors, xo, hx, 0);
            k.axpy(n, -lambda, vectors, xo, hx, 0);
            values[s] = lambda;
            residuals[s] = k.nrm2(hx);
            anorm = Math.max(anorm, Math.abs(lambda));
        }
        int cnt = Math.min(kEff, total);
        sortPairs(values, vectors, residuals, cnt);
        for (int s = 0; s < cnt; s++) {
            ok &= residuals[s] <= bound(values[s]);
        }
        return ok;
    }

    /** Insertion sort of the first cnt pairs by the wanted order of their values (swaps vectors via hx). */
    private void sortPairs(double[] values, double[] vectors, double[] residuals, int cnt) {
        Which which = options.which();
        for (int i = 1; i < cnt; i++) {
            for (int j = i; j > 0 && values[j] != values[j - 1]
                    && RitzSolver.before(values[j], 0, values[j - 1], 1, which); j--) {
                double tv = values[j];
                values[j] = values[j - 1];
                values[j - 1] = tv;
                double tr = residuals[j];
                residuals[j] = residuals[j - 1];
                residuals[j - 1] = tr;
                System.arraycopy(vectors, j * n, hx, 0, n);
                System.arraycopy(vectors, (j - 1) * n, vectors, j * n, n);
                System.arraycopy(hx, 0, vectors, (j - 1) * n, n);
            }
        }
    }
}
