package dev.eos.spectral;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import dev.eos.models.SymmetricOperator;

/**
 * Top-k eigenpairs of a symmetric operator given by its products (the Hessian of a model, via HVPs): thick-restart
 * (block) Lanczos with partial or full re-orthogonalisation (no ghost eigenvalues either way).
 *
 * <p>API contract used by the dynamics and the CLI: construct once per thread for a dimension (a workspace), then
 * call {@link #solve} as often as needed; a non-null start vector warm-starts the solve (e.g. the previous Ritz
 * vectors during a run). A solve allocates only its result.
 *
 * <p>The method (Wu &amp; Simon's thick restart, block form when {@code blockSize > 1}; the engine is
 * {@link RestartedSolver}):
 * <ul>
 *   <li>Expansion: W_J = H V_J for the current block (one {@link SymmetricOperator#applyBatch} of p vectors, or
 *       {@link SymmetricOperator#apply} when p = 1); the residual block is orthogonalised against the whole basis
 *       (classical Gram-Schmidt with DGKS re-orthogonalisation, so no ghost eigenvalues; the current and previous
 *       blocks, where the three-term recurrence puts almost all of H v, are removed first, so that one full pass
 *       usually suffices) and normalised column by column, giving H V = V T + Q B E^T with T = V^T H V assembled
 *       from the Gram-Schmidt coefficients. Plain single-vector Lanczos for k = 1 (before any restart or lock)
 *       skips the full pass while Simon's recurrence says the basis stays semi-orthogonal, |&lt;v_i, v_j&gt;| &lt;=
 *       sqrt(eps / m) ({@link SemiOrthogonality}; T is then the tridiagonal, which is the projection of H to
 *       O(eps ||H||)).
 *       Before a Ritz vector leaves that phase (a lock, or a pair that passes the estimate but not the explicit
 *       residual, at tolerances near the rounding level) the basis is made orthonormal and T recomputed as
 *       V^T H V from the stored products: the tridiagonal drops the full passes' O(sqrt(eps) ||H||) coefficients,
 *       which would otherwise stay in the kept vectors where Lanczos never corrects them. The first restart keeps
 *       only the top Ritz vector and goes on by Lanczos from it (its explicit residual is the next vector).</li>
 *   <li>Convergence check after every expansion. The residual of a Ritz pair (theta, y) of T is ||B y_last||
 *       (y_last: its components on the last block); a pair has converged when its residual is at most
 *       max(tol |theta|, 32 sqrt(n) eps ||H||_est): the second term is the rounding level of the products, so
 *       exact zero eigenvalues converge too. While T is tridiagonal (p = 1, no thick restart yet) the estimates
 *       need only the wanted eigenvalues (Sturm bisection) and last eigenvector components (inverse iteration,
 *       {@link Tridiagonal}); the full Rayleigh-Ritz T y = theta y by EJML ({@link RitzSolver}) runs when they
 *       pass, and after every expansion otherwise.</li>
 *   <li>Converged candidates are checked against explicit residuals ||H x - lambda x||, computed from the stored
 *       products H V (no extra HVP): x = V y, H x = W y, lambda = x^T H x / x^T x.</li>
 *   <li>Thick restart when the basis would exceed {@code maxBasis} vectors: keep the wanted Ritz vectors and about
 *       half of the others (V := V Y, W := W Y, T := diag(theta)) and continue from the residual block.</li>
 *   <li>Breakdown (a residual column with norm &le; 1e-12 of ||H v||): the column is replaced by a seeded random
 *       vector orthogonal to the basis, with zero coupling. When the whole block breaks down, the active space is
 *       invariant: its wanted Ritz pairs are exact and are locked, and the solve continues on the orthogonal
 *       complement until the largest Ritz value there has converged too (so an invariant start vector, e.g. an
 *       exact eigenvector, cannot hide a larger eigenvalue). When the basis spans R^n the answer is exact.</li>
 *   <li>Recycled warm starts ({@link #solveRecycled}): a subspace (e.g. the top vectors of the last few solves of a
 *       run, which in a 2-cycle include the same-parity point two steps back), Rayleigh-Ritz on its span (one
 *       batched product), then expansion by the explicit residuals of the unconverged wanted Ritz pairs
 *       (Davidson with the identity preconditioner, which from one vector generates the Lanczos space;
 *       continuing a non-invariant subspace by Lanczos instead loses its advantage). Convergence is then tested on
 *       explicit residuals, and an exactly invariant subspace is locked and its complement explored as above.</li>
 * </ul>
 * Single-vector Lanczos (p = 1) finds one copy of a repeated eigenvalue quickly and further copies only when the
 * Krylov space is exhausted or from rounding; a block size at least the multiplicity finds all copies.
 *
 * <p>Reproducible: the random start and breakdown vectors (entries uniform in [-1, 1]) come from
 * {@code new Random(seed)} re-seeded at each solve, and all arithmetic is in a fixed order ({@link Kernels}), so
 * equal inputs give bit-identical results.
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

    private final int n;
    private final Options options;
    private final RestartedSolver solver;

    /** A solver (workspace) for operators of dimension n with default options. */
    public Lanczos(int n) {
        this(n, Options.defaults());
    }

    /** A solver (workspace) for operators of dimension n. */
    public Lanczos(int n, Options options) {
        this(n, options, KernelProvider.get());
    }

    /**
     * A solver on given kernels (tests use the scalar twin to measure allocation without JIT noise), with partial
     * re-orthogonalisation ({@link SemiOrthogonality}; a full Gram-Schmidt pass only when the basis would stop
     * being semi-orthogonal) for single-pair solves, k = 1, and full passes for top-k ones (see
     * {@link RestartedSolver}: a restart must clean a semi-orthogonal basis, which costs more than it saved).
     */
    Lanczos(int n, Options options, Kernels kernels) {
        this(n, options, kernels, 1);
    }

    /**
     * Tests: partial re-orthogonalisation for solves of at most partialMaxK pairs (0: a full Gram-Schmidt pass at
     * every step, the reference behaviour; Integer.MAX_VALUE: every single-vector solve).
     */
    Lanczos(int n, Options options, Kernels kernels, int partialMaxK) {
        if (n < 1) {
            throw new IllegalArgumentException("Lanczos: dimension must be >= 1, got " + n);
        }
        this.n = n;
        this.options = options;
        this.solver = new RestartedSolver(n, options, kernels, partialMaxK);
    }

    /** The engine (tests inspect its basis). */
    RestartedSolver engine() {
        return solver;
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
     *              vectors; single-vector Lanczos starts from the sum of their normalisations, block Lanczos column c
     *              from the sum of starts c, c + p, ...), or null for a random start from the seed
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
        return solver.solve(op, k, start, starts, false);
    }

    /**
     * The k wanted eigenpairs of op, starting from a recycled subspace: Rayleigh-Ritz on the span of the first
     * {@code count} vectors of {@code subspace} (one batched product), then expansion by the residuals of the
     * unconverged wanted Ritz pairs (see the class comment). Best when the vectors are alternative approximations of
     * the wanted ones, e.g. the top vectors of the last few solves of a run (in a 2-cycle the same-parity point two
     * steps back is much closer than the previous one); for the previous top-k vectors of one solve,
     * {@link #solve(SymmetricOperator, int, double[], int)} (their sum) is usually cheaper.
     */
    public EigenResult solveRecycled(SymmetricOperator op, int k, double[] subspace, int count) {
        if (op.dim() != n) {
            throw new IllegalArgumentException("Lanczos: operator dimension " + op.dim() + " != " + n);
        }
        if (k < 1) {
            throw new IllegalArgumentException("Lanczos: need k >= 1, got " + k);
        }
        if (count < 0 || (count > 0 && (subspace == null || subspace.length < count * n))) {
            throw new IllegalArgumentException("Lanczos: " + count + " subspace vectors of length " + n
                    + " do not fit the array");
        }
        return solver.solve(op, k, subspace, count, true);
    }
}
