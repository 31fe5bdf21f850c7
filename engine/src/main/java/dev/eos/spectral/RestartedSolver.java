package dev.eos.spectral;

import dev.eos.kernels.Kernels;
import dev.eos.models.SymmetricOperator;
import java.util.Random;

/**
 * The engine behind {@link Lanczos}: thick-restart Rayleigh-Ritz on an orthonormal basis V (rows) with stored
 * products W = H V and the projected matrix T = V^T H V (see {@link Lanczos} for the method). Two expansion rules:
 * <ul>
 *   <li>Krylov (from at most one block of start vectors): the next block is H v_last orthogonalised, so that
 *       H V = V T + Q B E^T and a Ritz pair's residual is ||B y_last|| (Lanczos);</li>
 *   <li>residual (from a recycled subspace of more start vectors than the block size): the next block is the
 *       explicit residuals H x - theta x of the first unconverged wanted Ritz pairs (Davidson with the identity
 *       preconditioner; from a single vector it generates the same Krylov space as Lanczos).</li>
 * </ul>
 * All buffers are sized once; one instance per {@link Lanczos}.
 */
final class RestartedSolver {

    /** A residual column keeping at most this fraction of ||H v|| is a breakdown (invariant subspace). */
    static final double BREAKDOWN = 1e-12;

    private final int n;
    private final int p;
    private final int mb;
    private final Lanczos.Options options;
    private final Kernels k;
    private final KrylovBasis basis;
    private final RitzSolver ritz;
    private final RitzPairs pairs;
    private final double[] t;
    private final double[] b;
    private final double[] blockIn;
    private final double[] blockOut;
    private final double[] tmp;
    private final double[] ysel;
    private final double[] col;
    private final Random rng = new Random(0);
    private final StartBlock startBlock;
    /** Partial re-orthogonalisation of plain single-vector Lanczos (else a full pass at every step). */
    private final int partialMaxK;
    private final SemiOrthogonality monitor;
    /** True when full passes were skipped since the basis was last made orthonormal. */
    private boolean semiBasis;

    private int kEff;
    private int m;
    private int nLock;
    private int nextSize;
    private int lastBlock;
    private int lastBlockSize;
    private int hvps;
    private boolean residualRule;
    /** True once a thick restart has put an arrow into the active T (no longer tridiagonal). */
    private boolean arrow;

    RestartedSolver(int n, Lanczos.Options options, Kernels k, int partialMaxK) {
        this.n = n;
        this.partialMaxK = partialMaxK;
        this.options = options;
        this.p = options.blockSize();
        this.mb = Math.min(options.maxBasis(), n);
        this.k = k;
        this.basis = new KrylovBasis(n, mb + p, mb, k);
        this.ritz = new RitzSolver(mb);
        this.t = new double[mb * mb];
        this.pairs = new RitzPairs(n, mb, basis, ritz, k, options);
        this.b = new double[p * p];
        this.blockIn = new double[p * n];
        this.blockOut = new double[p * n];
        this.tmp = new double[mb * n];
        this.ysel = new double[mb * mb];
        this.col = new double[mb];
        this.monitor = new SemiOrthogonality(n, mb + p);
        this.startBlock = new StartBlock(n, p, mb, k, basis, rng);
    }

    EigenResult solve(SymmetricOperator op, int kWanted, double[] start, int starts, boolean recycle) {
        kEff = Math.min(kWanted, n);
        if (n > options.maxBasis() && options.maxBasis() < kEff + 2 * p) {
            throw new IllegalArgumentException("Lanczos: maxBasis " + options.maxBasis() + " < k + 2 * blockSize = "
                    + (kEff + 2 * p));
        }
        rng.setSeed(options.seed());
        m = 0;
        nLock = 0;
        hvps = 0;
        arrow = false;
        semiBasis = false;
        monitor.reset();
        pairs.reset(kEff);
        double[] values = new double[kEff];
        double[] vectors = new double[kEff * n];
        double[] residuals = new double[kEff];
        if (recycle) {
            // entered lazily: further recycled vectors join one block at a time ahead of any residual while the
            // wanted pairs have not converged (a good start costs one product); then the residual rule
            nextSize = startBlock.recycled(start, starts);
            residualRule = startBlock.pending();
        } else {
            nextSize = startBlock.initial(start, starts);
            residualRule = false;
        }
        while (nextSize > 0 && hvps + nextSize <= options.maxHvps()) {
            if (residualRule) {
                expandProducts(op);
                fullRitz();
                boolean done = nextResiduals();
                if (done && basis.invariant(nLock, m, t, mb, pairs.scratch()) && m < n && lock(true)) {
                    residualRule = false; // explore the complement from a random vector by Lanczos
                    continue;
                }
                if (done && pairs.assemble(m, nLock, values, vectors, residuals)) {
                    return result(values, vectors, residuals);
                }
                if (nextSize == 0 && !fillRandom()) {
                    break;
                }
            } else {
                boolean invariant = expandKrylov(op);
                if (nextSize == 0) {
                    break; // the basis spans R^n: the Ritz pairs are exact
                }
                boolean maybe = true;
                if (p == 1 && !arrow && !invariant) {
                    // plain Lanczos: T is tridiagonal and the estimates need only eigenvalues and last components;
                    // the best active pair first (its convergence is necessary), the other wanted ones after it
                    ritz.solveTridiagonalValues(t, mb, nLock, m - nLock, 1, options.which());
                    maybe = pairs.topConverged(nLock, b, p, lastBlock, lastBlockSize, nextSize);
                    if (maybe && kEff > 1) {
                        ritz.solveTridiagonalValues(t, mb, nLock, m - nLock, kEff, options.which());
                    }
                } else {
                    cleanBasis();
                    fullRitz();
                }
                if (invariant && lock(false)) {
                    continue;
                }
                if (maybe && pairs.convergedByEstimate(m, nLock, b, p, lastBlock, lastBlockSize, nextSize)) {
                    if (ritz.valuesOnly()) {
                        fullRitz();
                    }
                    if (pairs.assemble(m, nLock, values, vectors, residuals)) {
                        return result(values, vectors, residuals);
                    }
                    // a semi-orthogonal basis passed the estimate but not the explicit residual (a tolerance near
                    // the rounding level): go on from the exact projection
                    cleanBasis();
                }
            }
            if (m + nextSize > mb) {
                restart();
            }
        }
        if (m > nLock) {
            fullRitz();
        }
        pairs.assemble(m, nLock, values, vectors, residuals);
        return result(values, vectors, residuals);
    }

    /**
     * Plain single-vector Lanczos for at most partialMaxK wanted pairs (no restart or lock yet): full passes only
     * when {@link #monitor} asks. {@link Lanczos} uses it for k = 1: a semi-orthogonal phase saves about half the
     * Gram-Schmidt work of its m steps, but a restart must first clean the basis ({@link #cleanBasis}, about three
     * times that work), and top-k solves usually restart (deep linear d = 32, k = 5: 6.0 ms against 4.5 ms with full
     * passes; k = 1, which usually converges within one basis: 0.97 ms against 1.41 ms).
     */
    private boolean partialNow() {
        return kEff <= partialMaxK && p == 1 && !arrow && nLock == 0;
    }

    /**
     * Ends a semi-orthogonal phase: the active basis is made orthonormal with W = H V kept exact and T recomputed as
     * V^T H V ({@link KrylovBasis#orthonormalizeKept}). Needed before any Ritz vector leaves the phase (restart, lock,
     * a failed explicit check): the tridiagonal T drops the full passes' coefficients along older vectors, which
     * are O(sqrt(eps) ||H||) at worst and limit a Ritz vector's residual to about that times its last component
     * (1e-12 |lambda| where an orthonormal basis reaches 1e-15); a restart or lock would keep that error, and the
     * Krylov rule never sees it again. After this the thick-restart relation H V = V T + f s^T holds to rounding.
     */
    private void cleanBasis() {
        if (semiBasis) {
            semiBasis = false;
            arrow = true; // T is no longer tridiagonal: full Rayleigh-Ritz and full passes from here on
            basis.orthonormalizeKept(nLock, m - nLock, nextSize, t, mb, ysel);
        }
    }

    /** The Rayleigh-Ritz step for the convergence test and the result: only the wanted pair when k = 1. */
    private void fullRitz() {
        if (kEff == 1) {
            ritz.solveTop(t, mb, nLock, m - nLock, options.which());
        } else {
            ritz.solve(t, mb, nLock, m - nLock, options.which());
        }
    }

    private EigenResult result(double[] values, double[] vectors, double[] residuals) {
        return new EigenResult(n, values, vectors, residuals, hvps, p == 1 ? "lanczos" : "block-lanczos");
    }

    // ---------------------------------------------------------------- expansion

    /** W := H V on the pending block ({@link KrylovBasis#multiply}). */
    private void products(SymmetricOperator op, int j0, int bs) {
        hvps += bs;
        basis.multiply(op, j0, bs, p, blockIn, blockOut, tmp, hvps);
    }

    /**
     * Krylov rule: multiplies the pending block by H, orthogonalises the residuals into the next block and records
     * T and B. Returns true when every residual column broke down (the active space is invariant).
     */
    private boolean expandKrylov(SymmetricOperator op) {
        int bs = nextSize;
        int j0 = m;
        products(op, j0, bs);
        double[] v = basis.v;
        double[] w = basis.w;
        int r0 = j0 + bs;
        java.util.Arrays.fill(b, 0.0);
        int formed = 0;
        boolean invariant = true;
        boolean spans = false;
        for (int c = 0; c < bs; c++) {
            int pos = r0 + formed;
            int j = j0 + c;
            System.arraycopy(w, j * n, v, pos * n, n);
            // H v_j lies mostly in the current and previous blocks (three-term recurrence): remove those first
            int local = pos - Math.max(nLock, j0 - p);
            double after;
            boolean tridiagonal = partialNow();
            if (tridiagonal) {
                after = basis.orthogonalizeLocal(pos, local);
                double[] cf = basis.coef;
                boolean full = monitor.needsFullPass(cf[j], j > 0 ? cf[j - 1] : 0, after, basis.normBefore);
                if (full && after > 0) {
                    after = basis.fullPasses(pos, after);
                }
                monitor.advance(full);
                semiBasis |= !full;
            } else {
                after = basis.orthogonalize(pos, local);
            }
            double before = basis.normBefore;
            pairs.seeNorm(before);
            double[] coef = basis.coef;
            // T = V^T H V from the coefficients <v_i, H v_j>; locked vectors stay decoupled (exact eigenvectors)
            for (int i = nLock; i <= j; i++) {
                // semi-orthogonal phase: T stays the Lanczos tridiagonal (Simon: the full pass's coefficients along
                // older vectors, ~delta beta, are dropped; T is then the projection of H to O(eps ||H||))
                double tij = tridiagonal && i < j - 1 ? 0 : coef[i];
                t[i * mb + j] = tij;
                t[j * mb + i] = tij;
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

    /** Residual rule: products of the pending block and the new columns of T, T[i][j] = &lt;v_i, H v_j&gt;. */
    private void expandProducts(SymmetricOperator op) {
        int bs = nextSize;
        int j0 = m;
        products(op, j0, bs);
        double[] v = basis.v;
        double[] w = basis.w;
        int rows = j0 + bs - nLock;
        for (int c = 0; c < bs; c++) {
            int j = j0 + c;
            k.gemv(rows, n, 1.0, v, nLock * n, n, w, j * n, 0.0, col, 0);
            pairs.seeNorm(k.nrm2(n, w, j * n));
            for (int i = nLock; i <= j; i++) {
                t[i * mb + j] = col[i - nLock];
                t[j * mb + i] = col[i - nLock];
            }
        }
        m = j0 + bs;
        lastBlock = j0;
        lastBlockSize = bs;
        nextSize = 0;
    }

    /**
     * Residual rule: explicit residuals of the wanted Ritz pairs. The normalised residuals of the unconverged ones
     * are dealt round-robin into p columns (summed with aligned signs when there are more than p: in a Krylov
     * space all residuals are parallel and the sum is the next Lanczos vector), which, orthogonalised, become the
     * next block. Returns true when all wanted pairs have converged.
     */
    private boolean nextResiduals() {
        int total = pairs.merge(m, nLock);
        int[] cand = pairs.cand();
        double[] v = basis.v;
        int columns = 0;
        int unconverged = 0;
        for (int s = 0; s < Math.min(kEff, total); s++) {
            int c = cand[s];
            if (c < nLock) {
                continue;
            }
            double res = pairs.residual(c - nLock, m, nLock, blockOut, 0);
            if (res <= pairs.bound(ritz.value(c - nLock))) {
                continue;
            }
            int col0 = (m + unconverged % p) * n;
            if (unconverged < p) {
                k.axpby(n, 1.0 / res, blockOut, 0, 0.0, v, col0);
                columns++;
            } else {
                double sign = k.dot(n, v, col0, blockOut, 0) < 0 ? -1.0 : 1.0;
                k.axpy(n, sign / res, blockOut, 0, v, col0);
            }
            unconverged++;
        }
        if ((unconverged > 0 || total < kEff) && startBlock.pending()) {
            int taken = startBlock.take(m);
            if (taken > 0) {
                nextSize = taken;
                return false;
            }
        }
        int formed = 0;
        for (int c = 0; c < columns; c++) {
            if (formed < c) {
                System.arraycopy(v, (m + c) * n, v, (m + formed) * n, n);
            }
            if (basis.orthonormalize(m + formed)) {
                formed++;
            }
        }
        nextSize = formed;
        return total >= kEff && unconverged == 0;
    }

    /** Adds one random vector orthogonal to the basis as the next block; false when the basis spans R^n. */
    private boolean fillRandom() {
        if (basis.randomOrthogonal(m, rng)) {
            nextSize = 1;
            return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- restart and locking

    /** Thick restart: keeps the wanted active Ritz vectors and about half of the rest. */
    private void restart() {
        if (semiBasis && kEff == 1) {
            restartFromTop();
            return;
        }
        if (semiBasis) {
            cleanBasis();
            ritz.solve(t, mb, nLock, m - nLock, options.which());
        } else if (!ritz.complete()) {
            ritz.solve(t, mb, nLock, m - nLock, options.which()); // every pair: about half of the others are kept
        }
        arrow = true;
        int[] cand = pairs.cand();
        pairs.merge(m, nLock);
        int mAct = m - nLock;
        int kAct = 0;
        for (int s = 0; s < Math.min(kEff, m); s++) {
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
     * The first restart after a semi-orthogonal phase of a k = 1 solve: keeps only the top Ritz vector x = V y (made
     * unit, with its product W y and Rayleigh quotient theta = x^T H x) and goes on by Lanczos from x, whose next
     * vector is its explicit residual H x - theta x: the Krylov relation then holds to rounding. Keeping more Ritz
     * vectors would need the whole basis cleaned first ({@link #cleanBasis}: their residuals are parallel to one
     * vector only to O(sqrt(eps) ||H||)), which costs more than the semi-orthogonal phase saved; a solve this long
     * is usually close to converged, so the other vectors matter little.
     */
    private void restartFromTop() {
        fullRitz();
        semiBasis = false;
        arrow = true;
        compress(1, false);
        basis.reorthonormalize(nLock, 1); // x := x / ||x||, W x likewise
        double[] v = basis.v;
        double[] w = basis.w;
        int x = nLock * n;
        double theta = k.dot(n, v, x, w, x);
        t[nLock * mb + nLock] = theta;
        int r = (nLock + 1) * n;
        System.arraycopy(w, x, v, r, n);
        k.axpy(n, -theta, v, x, v, r);
        nextSize = basis.orthonormalize(nLock + 1) || basis.randomOrthogonal(nLock + 1, rng) ? 1 : 0;
    }

    /**
     * The active space is invariant: locks its wanted Ritz pairs (exact eigenpairs) and continues on the complement
     * (Krylov rule: from the random block already pending; residual rule: from a new random vector). Returns false
     * when there is no room.
     */
    private boolean lock(boolean newRandom) {
        int c = Math.min(Math.min(kEff, m - nLock), mb - 2 * p - kEff - nLock);
        if (c <= 0) {
            return false;
        }
        if (newRandom) {
            if (!fillRandom()) {
                return false;
            }
        }
        compress(c, true);
        arrow = false; // the active space starts afresh from the random block
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
                pairs.lockValue(i, t[i * mb + i]);
            }
        }
        if (lockThem) {
            nLock += keep;
            m = nLock;
        } else {
            m = nLock + keep;
        }
    }

    /** max |&lt;v_i, v_j&gt; - delta_ij| over the current basis rows (tests: the level of orthogonality). */
    double orthogonalityLoss() {
        return basis.orthogonalityLoss(m);
    }

    /** Full passes skipped by the partial re-orthogonalisation in the last solve (tests). */
    int skippedPasses() {
        return monitor.skipped();
    }

    /** The threshold the partial re-orthogonalisation keeps (tests). */
    double semiOrthogonalityThreshold() {
        return monitor.threshold();
    }
}
