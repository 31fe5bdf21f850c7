package dev.eos.spectral;

import dev.eos.kernels.Kernels;
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
        int off = pos * n;
        double norm = k.nrm2(n, v, off);
        normBefore = norm;
        java.util.Arrays.fill(coef, 0, pos, 0.0);
        if (pos == 0 || norm == 0) {
            return norm;
        }
        int l0 = Math.max(0, pos - local);
        if (l0 < pos) {
            k.gemv(pos - l0, n, 1.0, v, l0 * n, n, v, off, 0.0, pass, 0);
            k.gemvT(pos - l0, n, -1.0, v, l0 * n, n, pass, 0, 1.0, v, off);
            for (int i = l0; i < pos; i++) {
                coef[i] += pass[i - l0];
            }
            norm = k.nrm2(n, v, off);
            if (norm == 0) {
                return 0;
            }
        }
        for (int it = 0; it < 4; it++) {
            // pass := V r; r := r - V^T pass (rows [0, pos) and row pos are disjoint parts of v)
            k.gemv(pos, n, 1.0, v, 0, n, v, off, 0.0, pass, 0);
            k.gemvT(pos, n, -1.0, v, 0, n, pass, 0, 1.0, v, off);
            for (int i = 0; i < pos; i++) {
                coef[i] += pass[i];
            }
            double after = k.nrm2(n, v, off);
            boolean enough = after > DGKS * norm;
            norm = after;
            if (enough || after == 0) {
                break;
            }
        }
        return norm;
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
}
