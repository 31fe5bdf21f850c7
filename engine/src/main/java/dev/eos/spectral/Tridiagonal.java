package dev.eos.spectral;

/**
 * A symmetric tridiagonal matrix T (diagonal a_i, off-diagonal b_i), with what a Lanczos convergence check needs:
 * <ul>
 *   <li>single eigenvalues by bisection on Sturm counts (the number of negative pivots of T - x I = L D L^T is the
 *       number of eigenvalues below x; LAPACK dstebz in spirit), to 1e-14 relative (ample for a residual estimate
 *       and an inverse-iteration shift), O(m) per halving;</li>
 *   <li>the last component of the unit eigenvector for an eigenvalue theta, by two steps of inverse iteration with LU
 *       and partial pivoting (LAPACK dgttrf/dgtts2 in structure) on T - theta I; a pivot that vanishes is replaced
 *       by eps ||T||. Only its magnitude is used (the residual estimate beta |y_m|).</li>
 * </ul>
 * Buffers are sized once.
 */
final class Tridiagonal {

    private static final double EPS = Math.ulp(1.0);

    final double[] diag;
    final double[] off;
    private final double[] dl;
    private final double[] d;
    private final double[] du;
    private final double[] du2;
    private final int[] ipiv;
    private final double[] z;
    private int m;
    private double norm;

    Tridiagonal(int cap) {
        diag = new double[cap];
        off = new double[cap];
        dl = new double[cap];
        d = new double[cap];
        du = new double[cap];
        du2 = new double[cap];
        ipiv = new int[cap];
        z = new double[cap];
    }

    /** Loads the diagonal and first super-diagonal of the m x m block of t at (off0, off0) (ld ldt). */
    void load(double[] t, int ldt, int off0, int m) {
        this.m = m;
        norm = 0;
        for (int i = 0; i < m; i++) {
            diag[i] = t[(off0 + i) * ldt + off0 + i];
            off[i] = i + 1 < m ? t[(off0 + i) * ldt + off0 + i + 1] : 0;
            norm = Math.max(norm, Math.abs(diag[i]) + 2 * Math.abs(off[i]));
        }
    }

    /** The j-th largest eigenvalue (j = 1..m) by bisection on Sturm counts, within [lo, hi] (Gershgorin or tighter). */
    double largest(int j, double lo, double hi) {
        double pivmin = pivmin();
        double a = lo;
        double b = hi;
        for (int it = 0; it < 200 && b - a > 1e-14 * Math.max(Math.abs(a), Math.abs(b)) + pivmin; it++) {
            double mid = 0.5 * (a + b);
            if (mid <= a || mid >= b) {
                break;
            }
            if (countBelow(mid, pivmin) <= m - j) {
                a = mid; // at least j eigenvalues are >= mid
            } else {
                b = mid;
            }
        }
        return 0.5 * (a + b);
    }

    /** A lower Gershgorin bound of the spectrum (slightly widened). */
    double lowerBound() {
        double lo = Double.POSITIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            lo = Math.min(lo, diag[i] - Math.abs(off[i]) - (i > 0 ? Math.abs(off[i - 1]) : 0));
        }
        return lo - EPS * norm - pivmin();
    }

    /** An upper Gershgorin bound of the spectrum (slightly widened). */
    double upperBound() {
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            hi = Math.max(hi, diag[i] + Math.abs(off[i]) + (i > 0 ? Math.abs(off[i - 1]) : 0));
        }
        return hi + EPS * norm + pivmin();
    }

    int size() {
        return m;
    }

    private double pivmin() {
        return Double.MIN_NORMAL * Math.max(1, norm * norm);
    }

    /** The number of eigenvalues below x: negative pivots of the LDL^T factorisation of T - x I. */
    private int countBelow(double x, double pivmin) {
        int count = 0;
        double q = 1;
        for (int i = 0; i < m; i++) {
            q = diag[i] - x - (i == 0 ? 0 : off[i - 1] * off[i - 1] / q);
            if (Math.abs(q) < pivmin) {
                q = -pivmin;
            }
            if (q < 0) {
                count++;
            }
        }
        return count;
    }

    /** |y_m| of the unit eigenvector y of the loaded T for the eigenvalue theta. */
    double lastComponent(double theta) {
        if (m == 1) {
            return 1;
        }
        factor(theta);
        java.util.Arrays.fill(z, 0, m, 1.0);
        for (int it = 0; it < 2; it++) {
            solve();
            double max = 0;
            for (int i = 0; i < m; i++) {
                max = Math.max(max, Math.abs(z[i]));
            }
            for (int i = 0; i < m; i++) {
                z[i] /= max;
            }
        }
        double s = 0;
        for (int i = 0; i < m; i++) {
            s += z[i] * z[i];
        }
        return Math.abs(z[m - 1]) / Math.sqrt(s);
    }

    /** LU with partial pivoting of T - theta I (dgttrf). */
    private void factor(double theta) {
        double tiny = EPS * Math.max(norm, Double.MIN_NORMAL);
        for (int i = 0; i < m; i++) {
            d[i] = diag[i] - theta;
            du[i] = off[i];
            dl[i] = off[i];
            du2[i] = 0;
        }
        for (int i = 0; i < m - 1; i++) {
            if (Math.abs(d[i]) >= Math.abs(dl[i])) {
                if (d[i] == 0) {
                    d[i] = tiny;
                }
                double fact = dl[i] / d[i];
                dl[i] = fact;
                d[i + 1] -= fact * du[i];
                ipiv[i] = i;
            } else {
                double fact = d[i] / dl[i];
                d[i] = dl[i];
                dl[i] = fact;
                double temp = du[i];
                du[i] = d[i + 1];
                d[i + 1] = temp - fact * d[i + 1];
                if (i < m - 2) {
                    du2[i] = du[i + 1];
                    du[i + 1] = -fact * du[i + 1];
                }
                ipiv[i] = i + 1;
            }
        }
        if (d[m - 1] == 0) {
            d[m - 1] = tiny;
        }
    }

    /** z := (T - theta I)^{-1} z with the factors (dgtts2). */
    private void solve() {
        for (int i = 0; i < m - 1; i++) {
            if (ipiv[i] == i) {
                z[i + 1] -= dl[i] * z[i];
            } else {
                double temp = z[i];
                z[i] = z[i + 1];
                z[i + 1] = temp - dl[i] * z[i];
            }
        }
        z[m - 1] /= d[m - 1];
        if (m > 1) {
            z[m - 2] = (z[m - 2] - du[m - 2] * z[m - 1]) / d[m - 2];
        }
        for (int i = m - 3; i >= 0; i--) {
            z[i] = (z[i] - du[i] * z[i + 1] - du2[i] * z[i + 2]) / d[i];
        }
    }
}
