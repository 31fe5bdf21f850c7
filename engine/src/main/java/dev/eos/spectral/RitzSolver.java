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
 */
final class RitzSolver {

    private final DMatrixRMaj a;
    private final DMatrixRMaj q;
    private final double[] diag;
    private final double[] off;
    private final int[] order;
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
    }

    /**
     * Decomposes the m x m block of t starting at (off0, off0) (row-major, leading dimension ldt, symmetric) and
     * sorts the pairs by {@code which}, wanted first (ties: larger value first, then lower index).
     */
    void solve(double[] t, int ldt, int off0, int m, Which which) {
        this.m = m;
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

    /** The size m of the last problem. */
    int size() {
        return m;
    }

    /** The i-th Ritz value in the wanted order. */
    double value(int i) {
        return diag[order[i]];
    }

    /** Component c of the i-th Ritz vector y_i (unit length, in the coordinates of the projected basis). */
    double vector(int i, int c) {
        return q.data[order[i] * m + c];
    }

    /** The array holding the Ritz vectors (rows of length {@link #size()}); see {@link #offset}. */
    double[] vectorData() {
        return q.data;
    }

    /** Offset of the i-th Ritz vector (wanted order) in {@link #vectorData()}. */
    int offset(int i) {
        return order[i] * m;
    }
}
