package dev.eos.spectral;

import dev.eos.kernels.Kernels;
import dev.eos.models.SymmetricOperator;
import java.util.Random;

/**
 * The Krylov basis of restarted Lanczos: orthonormal rows v_0, v_1, ... of V (row-major, cap x n), their products
 * W = H V (row i holds H v_i once computed), and full re-orthogonalisation by classical Gram-Schmidt with the DGKS
 * criterion (repeat the pass while it removes more than 1 - 1/sqrt 2 of the norm), which keeps V orthonormal to
 * working precision: no ghost eigenvalues. All buffers are sized once.
 */
final class KrylovBasis {

    /** DGKS: a pass that keeps more than this fraction of the norm needs no repetition. */
    private static final double DGKS = 0.7071067811865476;
    /** A random vector keeping less than this fraction of its norm means the basis spans R^n. */
    private static final double SPAN = 1e-10;

    final int n;
    final int cap;
    final double[] v;
    final double[] w;
    /** Gram-Schmidt coefficients of the last {@link #orthogonalize}: coef[i] = &lt;v_i, r&gt; summed over passes. */
    final double[] coef;
    private final double[] pass;
    private final Kernels k;
    /** ||r|| before the last {@link #orthogonalize}. */
    double normBefore;

    KrylovBasis(int n, int cap, int productRows, Kernels k) {
        this.n = n;
        this.cap = cap;
        this.k = k;
        v = new double[cap * n];
        w = new double[productRows * n];
        coef = new double[cap];
        pass = new double[cap];
    }

    /**
     * Orthogonalises row pos of V against rows [0, pos) in place, recording the coefficients in {@link #coef};
     * returns the norm left.
     */
    double orthogonalize(int pos) {
        return orthogonalize(pos, 0);
    }

    /**
     * As {@link #orthogonalize(int)}, but first removes the components along the last {@code local} rows (where
     * Lanczos puts almost all of H v: alpha v_j + beta v_{j-1}), so that one full pass is usually enough.
     */
    double orthogonalize(int pos, int local) {
        double norm = orthogonalizeLocal(pos, local);
        return pos == 0 || norm == 0 ? norm : fullPasses(pos, norm);
    }

    /**
     * Only the local part of {@link #orthogonalize(int, int)}: sets {@link #normBefore}, clears the coefficients and
     * removes the components along the last {@code local} rows (one pass; what it leaves, ~eps ||r|| along them, is
     * what {@link SemiOrthogonality} accounts for); the full passes are left to the caller ({@link #fullPasses}).
     */
    double orthogonalizeLocal(int pos, int local) {
        double norm = k.nrm2(n, v, pos * n);
        normBefore = norm;
        java.util.Arrays.fill(coef, 0, pos, 0.0);
        if (pos == 0 || norm == 0) {
            return norm;
        }
        int l0 = Math.max(0, pos - local);
        return l0 < pos ? gsPass(pos, l0) : norm;
    }

    /** One classical Gram-Schmidt pass of row pos against rows [l0, pos), accumulated in coef; the norm left. */
    private double gsPass(int pos, int l0) {
        int off = pos * n;
        k.gemv(pos - l0, n, 1.0, v, l0 * n, n, v, off, 0.0, pass, 0);
        k.gemvT(pos - l0, n, -1.0, v, l0 * n, n, pass, 0, 1.0, v, off);
        for (int i = l0; i < pos; i++) {
            coef[i] += pass[i - l0];
        }
        return k.nrm2(n, v, off);
    }

    /**
     * Full classical Gram-Schmidt passes of row pos (norm: its current norm) against rows [0, pos), repeated while
     * a pass removes more than 1 - 1/sqrt 2 of the norm (DGKS, at most 4); coefficients accumulate in coef.
     */
    double fullPasses(int pos, double norm) {
        for (int it = 0; it < 4; it++) {
            // pass := V r; r := r - V^T pass (rows [0, pos) and row pos are disjoint parts of v)
            double after = gsPass(pos, 0);
            boolean enough = after > DGKS * norm;
            norm = after;
            if (enough || after == 0) {
                break;
            }
        }
        return norm;
    }

    /**
     * Makes rows [from, from + count) of V orthonormal (Gram-Schmidt twice per row against the rows before it in the
     * range), applying the same column operations to the rows of W, so that W = H V still holds. Used on the
     * active basis at the end of a semi-orthogonal phase and on the one Ritz vector a first restart keeps.
     */
    void reorthonormalize(int from, int count) {
        for (int r = from; r < from + count; r++) {
            int off = r * n;
            for (int it = 0; it < 2 && r > from; it++) {
                k.gemv(r - from, n, 1.0, v, from * n, n, v, off, 0.0, pass, 0);
                k.gemvT(r - from, n, -1.0, v, from * n, n, pass, 0, 1.0, v, off);
                k.gemvT(r - from, n, -1.0, w, from * n, n, pass, 0, 1.0, w, off);
            }
            double norm = k.nrm2(n, v, off);
            k.scal(n, 1.0 / norm, v, off);
            k.scal(n, 1.0 / norm, w, off);
        }
    }

    /** A vector keeping at most this fraction of its norm after orthogonalisation is dependent. */
    static final double DEPENDENT = 1e-10;

    /**
     * Orthogonalises row pos against rows [0, pos) and normalises it unless it is dependent (it kept at most
     * {@link #DEPENDENT} of its norm); returns whether it was kept.
     */
    boolean orthonormalize(int pos) {
        double after = orthogonalize(pos);
        if (after > DEPENDENT * normBefore) {
            normalize(pos, after);
            return true;
        }
        return false;
    }

    /** Scales row pos by 1/norm. */
    void normalize(int pos, double norm) {
        k.scal(n, 1.0 / norm, v, pos * n);
    }

    /**
     * Fills row pos with a seeded random vector (entries uniform in [-1, 1): almost surely not orthogonal to any
     * eigenvector, and several times cheaper than Gaussian entries) orthogonal to rows [0, pos), normalised. Returns
     * false (and leaves the row zero) when rows [0, pos) already span R^n.
     */
    boolean randomOrthogonal(int pos, Random rng) {
        int off = pos * n;
        if (pos < n) {
            for (int attempt = 0; attempt < 3; attempt++) {
                for (int i = 0; i < n; i++) {
                    v[off + i] = 2 * rng.nextDouble() - 1;
                }
                double after = orthogonalize(pos);
                if (after > SPAN * normBefore) {
                    normalize(pos, after);
                    return true;
                }
            }
        }
        java.util.Arrays.fill(v, off, off + n, 0.0);
        return false;
    }

    /**
     * At the end of a semi-orthogonal phase ({@link SemiOrthogonality}) the active basis, rows
     * [from, from + keep), is made orthonormal with W = H V kept exact ({@link #reorthonormalize}), its block of
     * T (t, leading dimension ldt) is recomputed as V^T H V = V W^T (symmetrised), and the pending rows after them
     * are orthogonalised against the basis. The Krylov relation H V = V T + v_pending s^T then holds to rounding
     * again, so the solve continues with full re-orthogonalisation as from an orthonormal basis.
     *
     * @param scratch at least keep * keep doubles
     */
    void orthonormalizeKept(int from, int keep, int pending, double[] t, int ldt, double[] scratch) {
        reorthonormalize(from, keep);
        k.gemmNT(keep, keep, n, 1.0, v, from * n, n, w, from * n, n, 0.0, scratch, 0, keep);
        for (int r = 0; r < keep; r++) {
            for (int c = 0; c < keep; c++) {
                t[(from + r) * ldt + from + c] = 0.5 * (scratch[r * keep + c] + scratch[c * keep + r]);
            }
        }
        for (int c = 0; c < pending; c++) {
            int pos = from + keep + c;
            normalize(pos, orthogonalize(pos));
        }
    }

    /**
     * True when H V_act lies in span V for the active rows [locked, m): every ||H v_j - sum_i T_ij v_i|| &lt;=
     * {@link RestartedSolver#BREAKDOWN} ||H v_j|| (t: T with leading dimension ldt; r: a scratch vector of length n).
     */
    boolean invariant(int locked, int m, double[] t, int ldt, double[] r) {
        for (int j = locked; j < m; j++) {
            System.arraycopy(w, j * n, r, 0, n);
            double before = k.nrm2(r);
            k.gemvT(m - locked, n, -1.0, v, locked * n, n, t, j * ldt + locked, 1.0, r, 0);
            if (k.nrm2(r) > RestartedSolver.BREAKDOWN * before) {
                return false;
            }
        }
        return true;
    }

    /** max |&lt;v_i, v_j&gt; - delta_ij| over rows [0, m) (tests: the level of orthogonality). */
    double orthogonalityLoss(int m) {
        double worst = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                worst = Math.max(worst, Math.abs(k.dot(n, v, i * n, v, j * n) - (i == j ? 1 : 0)));
            }
        }
        return worst;
    }

    /**
     * W := H V on rows [j0, j0 + bs): several single products, or one batched product of at most p vectors through
     * the buffers in and out (p * n), or, for a larger recycled start subspace (j0 = 0), one batched product through
     * tmp straight into W. Throws {@link NonFiniteOperatorException} on a non-finite product, or one whose squared
     * norm overflows (total: the products spent so far, for the message).
     */
    void multiply(SymmetricOperator op, int j0, int bs, int p, double[] in, double[] out, double[] tmp, int total) {
        if (bs == 1) {
            System.arraycopy(v, j0 * n, in, 0, n);
            op.apply(in, out);
            System.arraycopy(out, 0, w, j0 * n, n);
        } else if (bs <= p) {
            System.arraycopy(v, j0 * n, in, 0, bs * n);
            op.applyBatch(in, bs, out);
            System.arraycopy(out, 0, w, j0 * n, bs * n);
        } else {
            System.arraycopy(v, j0 * n, tmp, 0, bs * n);
            op.applyBatch(tmp, bs, w);
        }
        // an overflowing operator (a diverging iterate's Hessian) must not reach the Ritz step as NaN: a product
        // with a non-finite entry, or entries beyond ~1e154 whose squares overflow, has a non-finite ||w||^2
        // (one vector pass; a scalar isFinite scan was 5% of a cold solve at D = 4096)
        for (int j = j0; j < j0 + bs; j++) {
            if (!Double.isFinite(k.dot(n, w, j * n, w, j * n))) {
                throw new NonFiniteOperatorException("the operator's product is not finite after " + total
                        + " products (an overflowing Hessian, e.g. at a diverging iterate)");
            }
        }
    }
}
