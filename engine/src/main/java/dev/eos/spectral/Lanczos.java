package dev.eos.spectral;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import dev.eos.models.SymmetricOperator;
import java.util.Random;

/**
 * Top-k eigenpairs of a symmetric operator given by its products (the Hessian of a model, via HVPs): thick-restart
 * (block) Lanczos with full re-orthogonalisation.
 *
 * <p>API contract used by the dynamics and the CLI: construct once per thread for a dimension (a workspace), then
 * call {@link #solve} as often as needed; a non-null start vector warm-starts the solve (e.g. the previous Ritz
 * vectors during a run). A solve allocates only its result.
 *
 * <p>The method (Wu &amp; Simon's thick restart, block form when {@code blockSize > 1}):
 * <ul>
 *   <li>Expansion: W_J = H V_J for the current block (one {@link SymmetricOperator#applyBatch} of p vectors, or
 *       {@link SymmetricOperator#apply} when p = 1); the residual block is orthogonalised against the whole basis
 *       (DGKS, so no ghost eigenvalues) and normalised column by column, giving H V = V T + Q B E^T with
 *       T = V^T H V assembled from the Gram-Schmidt coefficients.</li>
 *   <li>Rayleigh-Ritz after every expansion: T y = theta y by EJML ({@link RitzSolver}); the residual of the Ritz
 *       pair is ||B y_last|| (y_last: the components on the last block). A pair is converged when its residual is
 *       at most max(tol |theta|, 32 sqrt(n) eps ||H||_est): the second term is the rounding level of the products,
 *       so exact zero eigenvalues converge too.</li>
 *   <li>Converged candidates are checked against explicit residuals ||H x - lambda x||, computed from the stored
 *       products H V (no extra HVP): x = V y and H x = W y, lambda = x^T H x / x^T x.</li>
 *   <li>Thick restart when the basis would exceed {@code maxBasis} vectors: keep the wanted Ritz vectors and about
 *       half of the others (V := V Y, W := W Y, T := diag(theta)) and continue from the residual block.</li>
 *   <li>Breakdown (a residual column with norm &le; 1e-12 of ||H v||): the column is replaced by a seeded random
 *       vector orthogonal to the basis, with zero coupling. When the whole block breaks down, the active space is
 *       invariant: its wanted Ritz pairs are exact and are locked, and the solve continues on the orthogonal
 *       complement until the largest Ritz value there has converged too (so an invariant start vector, e.g. an
 *       exact eigenvector, cannot hide a larger eigenvalue). When the basis spans R^n the answer is exact.</li>
 * </ul>
 * Single-vector Lanczos (p = 1) finds one copy of a repeated eigenvalue quickly and further copies only slowly
 * (from rounding); a block size at least the multiplicity finds all copies.
 *
 * <p>Reproducible: the random start and breakdown vectors come from {@code new Random(seed)} re-seeded at each
 * solve, and all arithmetic is in a fixed order ({@link Kernels}), so equal inputs give bit-identical results.
 * Not thread-safe: one instance per thread.
 */
public final class Lanczos {

    /**
     * Solver options.
     *
     * @param tol       convergence when ||H v - lambda v|| &lt;= tol * |lambda| for every wanted pair
     *                  (or when the residual is at the rounding level of the products)
     * @param maxBasis  the Krylov basis size kept in memory before a restart (at least k + 2 * blockSize when the
     *                  dimension exceeds it)
     * @param maxHvps   a budget of operator products; the result carries the residuals it reached
     * @param which     which end of the spectrum
     * @param seed      the seed of the random start vector when none is given
     * @param blockSize vectors per Lanczos block: 1 for single-vector Lanczos, p &gt; 1 for block Lanczos with
     *                  batched products (finds eigenvalues of multiplicity up to p)
     */
    public record Options(double tol, int maxBasis, int maxHvps, Which which, long seed, int blockSize) {

        /** Validates the options. */
        public Options {
            if (!(tol > 0) || maxBasis < 2 || maxHvps < 1 || which == null || blockSize < 1) {
                throw new IllegalArgumentException("Lanczos options: need tol > 0, maxBasis >= 2, maxHvps >= 1, "
                        + "blockSize >= 1, got tol = " + tol + ", maxBasis = " + maxBasis + ", maxHvps = " + maxHvps
                        + ", which = " + which + ", blockSize = " + blockSize);
            }
        }

        /** Single-vector options (block size 1). */
        public Options(double tol, int maxBasis, int maxHvps, Which which, long seed) {
            this(tol, maxBasis, maxHvps, which, seed, 1);
        }

        /** Defaults: tol 1e-10, basis 40, 10000 products, algebraically largest, seed 0, block size 1. */
        public static Options defaults() {
            return new Options(1e-10, 40, 10_000, Which.LARGEST_ALGEBRAIC, 0L, 1);
        }

        public Options withTol(double t) {
            return new Options(t, maxBasis, maxHvps, which, seed, blockSize);
        }

        public Options withWhich(Which w) {
            return new Options(tol, maxBasis, maxHvps, w, seed, blockSize);
        }

        public Options withSeed(long s) {
            return new Options(tol, maxBasis, maxHvps, which, s, blockSize);
        }

        public Options withMaxBasis(int b) {
            return new Options(tol, b, maxHvps, which, seed, blockSize);
        }

        public Options withMaxHvps(int h) {
            return new Options(tol, maxBasis, h, which, seed, blockSize);
        }

        public Options withBlockSize(int p) {
            return new Options(tol, maxBasis, maxHvps, which, seed, p);
        }
    }

    /** A residual column keeping at most this fraction of ||H v|| is a breakdown (invariant subspace). */
    private static final double BREAKDOWN = 1e-12;
    private static final double EPS = Math.ulp(1.0);

    private final int n;
    private final Options options;
    private final int p;
    /** The largest basis: min(maxBasis, n). */
    private final int mb;
    private final Kernels k;
    private final KrylovBasis basis;
    private final RitzSolver ritz;
    private final double[] t;
    private final double[] b;
    private final double[] blockIn;
    private final double[] blockOut;
    private final double[] tmp;
    private final double[] ysel;
    private final double[] lockedVal;
    private final double[] hx;
    private final int[] cand;
    private final Random rng = new Random(0);

    // state of the current solve
    private int kEff;
    private int m;
    private int nLock;
    private int nextSize;
    private int lastBlock;
    private int lastBlockSize;
    private int hvps;
    private double anorm;

    /** A solver (workspace) for operators of dimension n with default options. */
    public Lanczos(int n) {
        this(n, Options.defaults());
    }

    /** A solver (workspace) for operators of dimension n. */
    public Lanczos(int n, Options options) {
        this(n, options, KernelProvider.get());
    }

    /** A solver on given kernels (tests use the scalar twin to measure allocation without JIT noise). */
    Lanczos(int n, Options options, Kernels kernels) {
        if (n < 1) {
            throw new IllegalArgumentException("Lanczos: dimension must be >= 1, got " + n);
        }
        this.n = n;
        this.options = options;
        this.p = options.blockSize();
        this.mb = Math.min(options.maxBasis(), n);
        this.k = kernels;
        this.basis = new KrylovBasis(n, mb + p, mb, k);
        this.ritz = new RitzSolver(mb);
        this.t = new double[mb * mb];
        this.b = new double[p * p];
        this.blockIn = new double[p * n];
        this.blockOut = new double[p * n];
        this.tmp = new double[mb * n];
        this.ysel = new double[mb * mb];
        this.lockedVal = new double[mb];
        this.hx = new double[n];
        this.cand = new int[mb];
    }

    public int dim() {
        return n;
    }

    public Options options() {
        return options;
    }

    /**
     * The k wanted eigenpairs of op (min(k, n) of them), in the wanted order (descending for the algebraically
     * largest), with explicit residuals and the number of products spent.
     *
     * @param start a start vector (length n, need not be normalised) or several (j*n, e.g. the previous Ritz
     *              vectors; single-vector Lanczos starts from their sum, block Lanczos from them as its first
     *              block), or null for a random start from the seed
     */
    public EigenResult solve(SymmetricOperator op, int k, double[] start) {
        if (start != null && (start.length == 0 || start.length % n != 0)) {
            throw new IllegalArgumentException("Lanczos: start length " + start.length + " is not a multiple of n = " + n);
        }
        return solve(op, k, start, start == null ? 0 : start.length / n);
    }

    /**
     * As {@link #solve(SymmetricOperator, int, double[])}, starting from the first {@code starts} vectors of
     * {@code start} (rows of length n; 0 for a random start), so a caller can keep one buffer for warm starts.
     */
    public EigenResult solve(SymmetricOperator op, int k, double[] start, int starts) {
        if (op.dim() != n) {
            throw new IllegalArgumentException("Lanczos: operator dimension " + op.dim() + " != " + n);
        }
        if (k < 1) {
            throw new IllegalArgumentException("Lanczos: need k >= 1, got " + k);
        }
        if (starts < 0 || (starts > 0 && (start == null || start.length < starts * n))) {
            throw new IllegalArgumentException("Lanczos: " + starts + " start vectors of length " + n
                    + " do not fit the start array");
        }
        kEff = Math.min(k, n);
        if (n > options.maxBasis() && options.maxBasis() < kEff + 2 * p) {
            throw new IllegalArgumentException("Lanczos: maxBasis " + options.maxBasis() + " < k + 2 * blockSize = "
                    + (kEff + 2 * p));
        }
        rng.setSeed(options.seed());
        m = 0;
        nLock = 0;
        hvps = 0;
        anorm = 0;
        double[] values = new double[kEff];
        double[] vectors = new double[kEff * n];
        double[] residuals = new double[kEff];
        initialBlock(start, starts);
        while (nextSize > 0 && hvps + nextSize <= options.maxHvps()) {
            boolean invariant = expand(op);
            ritz.solve(t, mb, nLock, m - nLock, options.which());
            if (nextSize == 0) {
                break; // the basis spans R^n: the Ritz pairs are exact
            }
            if (invariant && lock()) {
                continue;
            }
            if (converged() && assemble(values, vectors, residuals)) {
                return result(values, vectors, residuals);
            }
            if (m + nextSize > mb) {
                restart();
            }
        }
        if (m > nLock) {
            ritz.solve(t, mb, nLock, m - nLock, options.which());
        }
        assemble(values, vectors, residuals);
        return result(values, vectors, residuals);
    }

    private EigenResult result(double[] values, double[] vectors, double[] residuals) {
        return new EigenResult(n, values, vectors, residuals, hvps, p == 1 ? "lanczos" : "block-lanczos");
    }

    // ---------------------------------------------------------------- start

    /** The first block: the start vectors (single-vector: their sum; block: column c sums starts c, c+p, ...). */
    private void initialBlock(double[] start, int j) {
        double[] v = basis.v;
        int formed = 0;
        for (int c = 0; c < Math.min(p, n); c++) {
            int off = formed * n;
            java.util.Arrays.fill(v, off, off + n, 0.0);
            for (int i = c; i < j; i += p) {
                double norm = k.nrm2(n, start, i * n);
                if (norm > 0) {
                    k.axpy(n, 1.0 / norm, start, i * n, v, off);
                }
            }
            double after = basis.orthogonalize(formed);
            if (after > 1e-10 * basis.normBefore) {
                basis.normalize(formed, after);
            } else if (!basis.randomOrthogonal(formed, rng)) {
                break;
            }
            formed++;
        }
        nextSize = formed;
    }

    // ---------------------------------------------------------------- expansion

    /**
     * Multiplies the pending block by H, orthogonalises the residuals into the next block and records T and B.
     * Returns true when every residual column broke down (the active space is invariant).
     */
    private boolean expand(SymmetricOperator op) {
        int bs = nextSize;
        int j0 = m;
        double[] v = basis.v;
        double[] w = basis.w;
        if (bs == 1) {
            System.arraycopy(v, j0 * n, blockIn, 0, n);
            op.apply(blockIn, blockOut);
        } else {
            System.arraycopy(v, j0 * n, blockIn, 0, bs * n);
            op.applyBatch(blockIn, bs, blockOut);
        }
        System.arraycopy(blockOut, 0, w, j0 * n, bs * n);
        hvps += bs;
        int r0 = j0 + bs;
        java.util.Arrays.fill(b, 0.0);
        int formed = 0;
        boolean invariant = true;
        boolean spans = false;
        for (int c = 0; c < bs; c++) {
            int pos = r0 + formed;
            int j = j0 + c;
            System.arraycopy(w, j * n, v, pos * n, n);
            double after = basis.orthogonalize(pos);
            double before = basis.normBefore;
            if (!Double.isFinite(before)) {
                throw new NonFiniteOperatorException("the operator's product is not finite after " + hvps
                        + " products (an overflowing Hessian, e.g. at a diverging iterate)");
            }
            anorm = Math.max(anorm, before);
            double[] coef = basis.coef;
            // T = V^T H V from the coefficients <v_i, H v_j>; locked vectors stay decoupled (exact eigenvectors)
            for (int i = nLock; i < r0; i++) {
                if (i < j0 || i <= j) {
                    t[i * mb + j] = coef[i];
                    t[j * mb + i] = coef[i];
                }
            }
            for (int c2 = 0; c2 < formed; c2++) {
                b[c2 * p + c] = coef[r0 + c2];
            }
            if (spans) {
                continue;
            }
            if (after > BREAKDOWN * before) {
                invariant = false;
                basis.normalize(pos, after);
                b[formed * p + c] = after;
                formed++;
            } else if (basis.randomOrthogonal(pos, rng)) {
                formed++; // zero coupling: b stays 0
            } else {
                spans = true;
            }
        }
        m = r0;
        lastBlock = j0;
        lastBlockSize = bs;
        nextSize = formed;
        return invariant;
    }

    // ---------------------------------------------------------------- convergence

    /**
     * Sorts the candidates, locked pairs (indices &lt; nLock) and active Ritz pairs (nLock + rank), into cand in the
     * wanted order (locked values are not sorted among themselves once several locks happened).
     */
    private int merge() {
        int total = m;
        Which which = options.which();
        for (int c = 0; c < total; c++) {
            cand[c] = c;
        }
        for (int i = 1; i < total; i++) {
            int c = cand[i];
            double v = candidateValue(c);
            int j = i - 1;
            while (j >= 0 && RitzSolver.before(v, c, candidateValue(cand[j]), cand[j], which)) {
                cand[j + 1] = cand[j];
                j--;
            }
            cand[j + 1] = c;
        }
        return total;
    }

    private double candidateValue(int c) {
        return c < nLock ? lockedVal[c] : ritz.value(c - nLock);
    }

    /** ||B y_last||: the residual norm of active Ritz pair r (the Krylov relation H V = V T + Q B E^T). */
    private double estimate(int r) {
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

    private double bound(double theta) {
        return Math.max(options.tol() * Math.abs(theta), 32 * Math.sqrt(n) * EPS * anorm);
    }

    /** True when the k wanted candidates (and, after a lock, the best active one) have converged by estimate. */
    private boolean converged() {
        int total = merge();
        if (total < kEff) {
            return false;
        }
        for (int r = 0; r < m - nLock; r++) {
            anorm = Math.max(anorm, Math.abs(ritz.value(r)));
        }
        boolean activeSeen = false;
        for (int s = 0; s < kEff; s++) {
            int c = cand[s];
            if (c >= nLock) {
                activeSeen = true;
                int r = c - nLock;
                if (estimate(r) > bound(ritz.value(r))) {
                    return false;
                }
            }
        }
        // after a lock, the complement must have been explored: its largest Ritz value must have converged too
        return activeSeen || nLock == 0 || m == nLock || estimate(0) <= bound(ritz.value(0));
    }

    /**
     * Writes the k wanted pairs with explicit residuals from the stored products (x = V y, H x = W y), sorted by
     * their Rayleigh quotients; returns true when every residual meets the bound.
     */
    private boolean assemble(double[] values, double[] vectors, double[] residuals) {
        int total = merge();
        int mAct = m - nLock;
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
            if (c < nLock) {
                System.arraycopy(v, c * n, vectors, xo, n);
                System.arraycopy(w, c * n, hx, 0, n);
            } else {
                int r = c - nLock;
                k.gemvT(mAct, n, 1.0, v, nLock * n, n, ritz.vectorData(), ritz.offset(r), 0.0, vectors, xo);
                k.gemvT(mAct, n, 1.0, w, nLock * n, n, ritz.vectorData(), ritz.offset(r), 0.0, hx, 0);
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
        sortPairs(values, vectors, residuals, Math.min(kEff, total));
        for (int s = 0; s < Math.min(kEff, total); s++) {
            ok &= residuals[s] <= bound(values[s]);
        }
        return ok;
    }

    /** Insertion sort of the first cnt pairs by the wanted order of their values (swaps vectors via hx). */
    private void sortPairs(double[] values, double[] vectors, double[] residuals, int cnt) {
        Which which = options.which();
        for (int i = 1; i < cnt; i++) {
            for (int j = i; j > 0 && RitzSolver.before(values[j], 0, values[j - 1], 1, which)
                    && values[j] != values[j - 1]; j--) {
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

    // ---------------------------------------------------------------- restart and locking

    /** Thick restart: keeps the wanted active Ritz vectors and about half of the rest. */
    private void restart() {
        merge();
        int mAct = m - nLock;
        int kAct = 0;
        for (int s = 0; s < kEff; s++) {
            if (cand[s] >= nLock) {
                kAct++;
            }
        }
        kAct = Math.max(kAct, 1);
        int keep = kAct + (mAct - kAct) / 2;
        keep = Math.min(keep, mb - nextSize - nLock);
        compress(Math.max(keep, 1), false);
    }

    /**
     * After a breakdown of the whole block: locks the wanted Ritz pairs of the invariant active space (exact
     * eigenpairs) and continues from the random block on its complement. Returns false when there is no room.
     */
    private boolean lock() {
        int c = Math.min(Math.min(kEff, m - nLock), mb - 2 * p - kEff - nLock);
        if (c <= 0) {
            return false;
        }
        compress(c, true);
        return true;
    }

    /**
     * Replaces the active basis by its first keep Ritz vectors (V := V Y, W := W Y, T := diag(theta)), moves the
     * pending block after them, and optionally locks them.
     */
    private void compress(int keep, boolean lockThem) {
        int mAct = m - nLock;
        double[] q = ritz.vectorData();
        for (int r = 0; r < keep; r++) {
            System.arraycopy(q, ritz.offset(r), ysel, r * mAct, mAct);
        }
        double[] v = basis.v;
        double[] w = basis.w;
        k.gemm(keep, n, mAct, 1.0, ysel, 0, mAct, v, nLock * n, n, 0.0, tmp, 0, n);
        System.arraycopy(tmp, 0, v, nLock * n, keep * n);
        System.arraycopy(v, m * n, v, (nLock + keep) * n, nextSize * n);
        k.gemm(keep, n, mAct, 1.0, ysel, 0, mAct, w, nLock * n, n, 0.0, tmp, 0, n);
        System.arraycopy(tmp, 0, w, nLock * n, keep * n);
        for (int i = nLock; i < mb; i++) {
            java.util.Arrays.fill(t, i * mb + nLock, i * mb + mb, 0.0);
        }
        for (int r = 0; r < keep; r++) {
            int i = nLock + r;
            t[i * mb + i] = ritz.value(r);
            if (lockThem) {
                lockedVal[i] = ritz.value(r);
            }
        }
        if (lockThem) {
            nLock += keep;
            m = nLock;
        } else {
            m = nLock + keep;
        }
    }
}
