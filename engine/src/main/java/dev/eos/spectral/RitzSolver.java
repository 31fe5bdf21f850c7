package dev.eos.spectral;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.eig.symm.SymmetricQREigenHelper_DDRM;
import org.ejml.dense.row.decomposition.eig.symm.SymmetricQrAlgorithm_DDRM;
import org.ejml.dense.row.decomposition.hessenberg.TridiagonalDecompositionHouseholder_DDRM;

/**
 * The Rayleigh-Ritz step of Lanczos: all eigenpairs (theta_i, y_i) of the small symmetric projected matrix
 * T = V^T H V, sorted with the wanted end first. EJML does the work: Householder reduction T = Q S Q^T to a
 * tridiagonal S (needed after thick restarts, where T has an arrow), then the implicit symmetric QR algorithm on S
 * ({@link SymmetricQrAlgorithm_DDRM}) accumulating its rotations into Q^T. Buffers are sized once for the largest
 * basis; a solve allocates nothing.
 *
 * <p>A cheaper mode for convergence checks on a tridiagonal T (plain Lanczos before any restart),
 * {@link #solveTridiagonalValues}: eigenvalues only (QR without rotations, O(m^2)), and the last component of a
 * Ritz vector, all the estimate ||B y_last|| needs, by inverse iteration on T - theta I (O(m)). And a mode for the
 * wanted pair alone (k = 1), {@link #solveTop}: Householder reduction, bisection and inverse iteration on the
 * tridiagonal, without the QR algorithm's rotations.
 */
final class RitzSolver {

    /** Below this size {@link #solveTop} runs {@link #solve} (measured: faster up to m = 4, slower from m = 8). */
    static final int TOP_MIN = 6;

    private final DMatrixRMaj a;
    private final DMatrixRMaj q;
    private final double[] diag;
    private final double[] off;
    private final int[] order;
    private final Tridiagonal tri;
    /** y = Q z of {@link #solveTop} (the top Ritz vector). */
    private final double[] top;
    private final double[] zTop;
    private boolean valuesOnly;
    private boolean complete;
    private int size;
    private double maxAbs;
    private final TridiagonalDecompositionHouseholder_DDRM tridiagonal = new TridiagonalDecompositionHouseholder_DDRM();
    private final SymmetricQREigenHelper_DDRM helper = new SymmetricQREigenHelper_DDRM();
    private final SymmetricQrAlgorithm_DDRM qr = new SymmetricQrAlgorithm_DDRM(helper);
    private int m;

    /** A solver for projected matrices of size up to cap. */
    RitzSolver(int cap) {
        a = new DMatrixRMaj(cap, cap);
        q = new DMatrixRMaj(cap, cap);
        diag = new double[cap];
        off = new double[cap];
        order = new int[cap];
        tri = new Tridiagonal(cap);
        top = new double[cap];
        zTop = new double[cap];
    }

    /**
     * Decomposes the m x m block of t starting at (off0, off0) (row-major, leading dimension ldt, symmetric) and
     * sorts the pairs by {@code which}, wanted first (ties: larger value first, then lower index).
     */
    void solve(double[] t, int ldt, int off0, int m, Which which) {
        this.m = m;
        valuesOnly = false;
        complete = true;
        a.reshape(m, m, false);
        for (int i = 0; i < m; i++) {
            System.arraycopy(t, (off0 + i) * ldt + off0, a.data, i * m, m);
        }
        tridiagonal.decompose(a);
        tridiagonal.getDiagonal(diag, off);
        tridiagonal.getQ(q, true);
        helper.init(diag, off, m);
        helper.setQ(q);
        qr.setFastEigenvalues(false);
        if (!qr.process(-1, null, null)) {
            throw new ArithmeticException("symmetric QR on the " + m + " x " + m + " projected matrix did not converge");
        }
        sort(m, which);
        size = m;
        maxAbs = 0;
        for (int i = 0; i < m; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(diag[i]));
        }
    }

    /**
     * The wanted {@code count} eigenvalues of the tridiagonal part (diagonal and first off-diagonal) of the m x m block
     * of t at (off0, off0), by bisection, sorted wanted first; {@link #size()} is then count, and of the vectors only
     * {@link #vector}(i, m - 1) is available. {@link #maxAbs()} is the largest |theta| found (for the largest
     * magnitude both extremes; for the algebraically largest only the top one, a lower bound).
     */
    void solveTridiagonalValues(double[] t, int ldt, int off0, int m, int count, Which which) {
        this.m = m;
        valuesOnly = true;
        complete = false;
        tri.load(t, ldt, off0, m);
        int cnt = Math.min(count, m);
        double lo = tri.lowerBound();
        double hi = tri.upperBound();
        double max = tri.largest(1, lo, hi);
        if (which == Which.LARGEST_ALGEBRAIC) {
            // the caller's ||H|| estimate also holds the norms ||H v||; the smallest eigenvalue is not needed
            maxAbs = Math.abs(max);
            double bound = hi;
            for (int j = 1; j <= cnt; j++) {
                diag[j - 1] = j == 1 ? max : tri.largest(j, lo, bound);
                bound = diag[j - 1] + Math.ulp(diag[j - 1]) * 4 + Math.abs(diag[j - 1]) * 1e-13;
            }
            sort(cnt, which);
            size = cnt;
            return;
        }
        double min = m == 1 ? max : tri.largest(m, lo, hi);
        maxAbs = Math.max(Math.abs(max), Math.abs(min));
        if (2 * cnt >= m) {
            // everything, sorted by magnitude
            double bound = hi;
            for (int j = 1; j <= m; j++) {
                diag[j - 1] = j == 1 ? max : j == m ? min : tri.largest(j, lo, bound);
                bound = diag[j - 1] + Math.ulp(diag[j - 1]) * 4 + Math.abs(diag[j - 1]) * 1e-13;
            }
            sort(m, which);
            size = cnt;
        } else {
            // largest magnitude from both ends: the cnt largest and the cnt smallest, merged by |theta|
            for (int j = 1; j <= cnt; j++) {
                diag[j - 1] = j == 1 ? max : tri.largest(j, lo, hi);
                diag[cnt + j - 1] = j == 1 ? min : tri.largest(m - j + 1, lo, hi);
            }
            sort(2 * cnt, which);
            size = cnt;
        }
    }

    /**
     * Only the wanted Ritz pair (the sharpness, k = 1) of the m x m block of t at (off0, off0): the Householder
     * reduction T = Q S Q^T (EJML, as in {@link #solve}), the wanted eigenvalue of the tridiagonal S by Sturm
     * multisection and its eigenvector z by inverse iteration ({@link Tridiagonal}), y = Q z: about half of
     * {@link #solve}'s time, whose QR algorithm (even without accumulating rotations) is slower than multisection
     * for one eigenvalue (measured: 3.1 against 5.2 us at m = 12, 36 against 91 us at m = 38). Below
     * {@value #TOP_MIN} it runs {@link #solve}. {@link #size()} is then 1 and {@link #maxAbs()} as after {@link #solveTridiagonalValues}. When the
     * inverse iteration does not reach ||(S - theta I) z|| &lt;= 1e-12 ||S|| (it should not happen) it falls back to
     * {@link #solve}.
     */
    void solveTop(double[] t, int ldt, int off0, int m, Which which) {
        if (m < TOP_MIN) {
            solve(t, ldt, off0, m, which);
            return;
        }
        this.m = m;
        a.reshape(m, m, false);
        for (int i = 0; i < m; i++) {
            System.arraycopy(t, (off0 + i) * ldt + off0, a.data, i * m, m);
        }
        tridiagonal.decompose(a);
        tridiagonal.getDiagonal(diag, off);
        tri.load(diag, off, m);
        double lo = tri.lowerBound();
        double hi = tri.upperBound();
        double max = tri.largest(1, lo, hi);
        double theta = max;
        maxAbs = Math.abs(max);
        if (which == Which.LARGEST_MAGNITUDE) {
            double min = tri.largest(m, lo, hi);
            maxAbs = Math.max(maxAbs, Math.abs(min));
            theta = before(min, 1, max, 0, which) ? min : max;
        }
        if (!(tri.eigenvector(theta, zTop) <= 1e-12)) {
            solve(t, ldt, off0, m, which);
            return;
        }
        theta = tri.rayleigh(zTop); // to working precision (the multisection stops at 1e-14 relative)
        tridiagonal.getQ(q, false);
        // y = Q z: q holds Q (m x m, row-major), T = Q S Q^T
        for (int r = 0; r < m; r++) {
            double sum = 0;
            for (int c = 0; c < m; c++) {
                sum += q.data[r * m + c] * zTop[c];
            }
            top[r] = sum;
        }
        diag[0] = theta;
        order[0] = 0;
        size = 1;
        valuesOnly = false;
        complete = false;
    }

    /** max |theta| over all Ritz values of the last problem. */
    double maxAbs() {
        return maxAbs;
    }

    private void sort(int m, Which which) {
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        // insertion sort: m is small and the order must not depend on anything but the values
        for (int i = 1; i < m; i++) {
            int o = order[i];
            int j = i - 1;
            while (j >= 0 && before(diag[o], o, diag[order[j]], order[j], which)) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = o;
        }
    }

    /** True when value a (index ia) comes before b (index ib) in the wanted order. */
    static boolean before(double a, int ia, double b, int ib, Which which) {
        if (which == Which.LARGEST_MAGNITUDE) {
            double fa = Math.abs(a);
            double fb = Math.abs(b);
            if (fa != fb) {
                return fa > fb;
            }
        }
        if (a != b) {
            return a > b;
        }
        return ia < ib;
    }

    /** The number of Ritz pairs available: m after {@link #solve}, the count asked for after the values mode. */
    int size() {
        return size;
    }

    /** The i-th Ritz value in the wanted order. */
    double value(int i) {
        return diag[order[i]];
    }

    /** Component c of the i-th Ritz vector y_i (unit length, in the coordinates of the projected basis). */
    double vector(int i, int c) {
        if (valuesOnly) {
            if (c != m - 1) {
                throw new IllegalStateException("only the last component is known after solveTridiagonalValues");
            }
            return tri.lastComponent(diag[order[i]]);
        }
        return vectorData()[offset(i) + c];
    }

    /** True after {@link #solveTridiagonalValues} (no full vectors). */
    boolean valuesOnly() {
        return valuesOnly;
    }

    /** True after {@link #solve}: every Ritz pair is available (a thick restart needs them). */
    boolean complete() {
        return complete;
    }

    /** The array holding the Ritz vectors (rows of length m); see {@link #offset}. */
    double[] vectorData() {
        return complete ? q.data : top;
    }

    /** Offset of the i-th Ritz vector (wanted order) in {@link #vectorData()}. */
    int offset(int i) {
        return complete ? order[i] * m : 0;
    }
}
