package dev.eos.spectral;

/**
 * A symmetric tridiagonal matrix T (diagonal a_i, off-diagonal b_i), with what a Lanczos convergence check needs:
 * <ul>
 *   <li>single eigenvalues by multisection on Sturm counts (the number of negative pivots of T - x I = L D L^T is the
 *       number of eigenvalues below x; LAPACK dstebz in spirit), to 1e-14 relative (ample for a residual estimate
 *       and an inverse-iteration shift), O(m) per halving;</li>
 *   <li>the last component of the unit eigenvector for an eigenvalue theta, by two steps of inverse iteration with LU
 *       and partial pivoting (LAPACK dgttrf/dgtts2 in structure) on T - theta I; a pivot that vanishes is replaced
 *       by eps ||T||. Only its magnitude is used (the residual estimate beta |y_m|);</li>
 *   <li>a whole unit eigenvector the same way (three steps), for the top Ritz vector of {@link RitzSolver#solveTop}.</li>
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

    /** The multisection points of one pass of {@link #largest}. */
    private final double[] xs = new double[4];

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

    /**
     * The j-th largest eigenvalue (j = 1..m) by multisection on Sturm counts within [lo, hi] (Gershgorin or tighter):
     * each pass counts at the 4 points that split the bracket into 5 equal parts, in one loop of 4 independent
     * recurrences (the divisions overlap, so a pass costs little more than one bisection step), and keeps the part
     * that holds the eigenvalue: 2.3 bits per pass instead of 1.
     */
    double largest(int j, double lo, double hi) {
        double pivmin = pivmin();
        double a = lo;
        double b = hi;
        for (int it = 0; it < 100 && b - a > 1e-14 * Math.max(Math.abs(a), Math.abs(b)) + pivmin; it++) {
            double h = (b - a) / 5;
            double x1 = a + h;
            double x2 = a + 2 * h;
            double x3 = a + 3 * h;
            double x4 = b - h;
            if (!(a < x1 && x1 < x2 && x2 < x3 && x3 < x4 && x4 < b)) {
                double mid = 0.5 * (a + b); // the bracket is a few ulps wide: one last halving
                if (mid > a && mid < b) {
                    if (countBelow(mid, pivmin) <= m - j) {
                        a = mid;
                    } else {
                        b = mid;
                    }
                }
                break;
            }
            long counts = countBelow4(x1, x2, x3, x4, pivmin);
            // at least j eigenvalues are >= x when countBelow(x) <= m - j; counts grow with x
            double na = a;
            double nb = b;
            xs[0] = x1;
            xs[1] = x2;
            xs[2] = x3;
            xs[3] = x4;
            for (int i = 0; i < 4; i++) {
                int c = (int) (counts >>> (16 * i)) & 0xFFFF;
                if (c <= m - j) {
                    na = xs[i];
                } else {
                    nb = xs[i];
                    break;
                }
            }
            a = na;
            b = nb;
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

    /** Loads diagonal a (length m) and super-diagonal b (length m - 1) directly. */
    void load(double[] a, double[] b, int m) {
        this.m = m;
        norm = 0;
        for (int i = 0; i < m; i++) {
            diag[i] = a[i];
            off[i] = i + 1 < m ? b[i] : 0;
            norm = Math.max(norm, Math.abs(diag[i]) + 2 * Math.abs(off[i]));
        }
    }

    /** The Rayleigh quotient y^T T y of a unit vector y (length m). */
    double rayleigh(double[] y) {
        double s = 0;
        for (int i = 0; i < m; i++) {
            s += y[i] * (diag[i] * y[i] + 2 * (i + 1 < m ? off[i] * y[i + 1] : 0));
        }
        return s;
    }

    /** {@link #countBelow} at four points at once (independent recurrences), packed in 16-bit fields x1 lowest. */
    private long countBelow4(double x1, double x2, double x3, double x4, double pivmin) {
        int c1 = 0;
        int c2 = 0;
        int c3 = 0;
        int c4 = 0;
        double q1 = 1;
        double q2 = 1;
        double q3 = 1;
        double q4 = 1;
        for (int i = 0; i < m; i++) {
            double e2 = i == 0 ? 0 : off[i - 1] * off[i - 1];
            q1 = diag[i] - x1 - (i == 0 ? 0 : e2 / q1);
            q2 = diag[i] - x2 - (i == 0 ? 0 : e2 / q2);
            q3 = diag[i] - x3 - (i == 0 ? 0 : e2 / q3);
            q4 = diag[i] - x4 - (i == 0 ? 0 : e2 / q4);
            if (Math.abs(q1) < pivmin) {
                q1 = -pivmin;
            }
            if (Math.abs(q2) < pivmin) {
                q2 = -pivmin;
            }
            if (Math.abs(q3) < pivmin) {
                q3 = -pivmin;
            }
            if (Math.abs(q4) < pivmin) {
                q4 = -pivmin;
            }
            c1 += q1 < 0 ? 1 : 0;
            c2 += q2 < 0 ? 1 : 0;
            c3 += q3 < 0 ? 1 : 0;
            c4 += q4 < 0 ? 1 : 0;
        }
        return c1 | ((long) c2 << 16) | ((long) c3 << 32) | ((long) c4 << 48);
    }

    /** |y_m| of the unit eigenvector y of the loaded T for the eigenvalue theta. */
    double lastComponent(double theta) {
        if (m == 1) {
            return 1;
        }
        inverseIteration(theta, 2, false);
        double s = 0;
        for (int i = 0; i < m; i++) {
            s += z[i] * z[i];
        }
        return Math.abs(z[m - 1]) / Math.sqrt(s);
    }

    /**
     * Writes the unit eigenvector of the loaded T for the eigenvalue theta (accurate to ~1e-14 relative, e.g. from
     * {@link #largest}) into out[0, m), by three steps of inverse iteration from a fixed start with irregular
     * positive entries: each step multiplies the eigenvector's share by about gap / |theta - lambda| (~1e12 for a
     * simple eigenvalue), so three reach working precision unless the start is nearly orthogonal to it; the sign
     * makes the largest entry positive. For a repeated eigenvalue the result is some unit vector of its eigenspace.
     * Returns ||(T - theta I) y|| / ||T||_est, which the caller checks (about eps when it worked).
     */
    double eigenvector(double theta, double[] out) {
        if (m == 1) {
            out[0] = 1;
            return 0;
        }
        inverseIteration(theta, 3, true);
        double s = 0;
        int imax = 0;
        for (int i = 0; i < m; i++) {
            s += z[i] * z[i];
            if (Math.abs(z[i]) > Math.abs(z[imax])) {
                imax = i;
            }
        }
        double scale = (z[imax] < 0 ? -1 : 1) / Math.sqrt(s);
        for (int i = 0; i < m; i++) {
            out[i] = z[i] * scale;
        }
        double r = 0;
        for (int i = 0; i < m; i++) {
            double ri = (diag[i] - theta) * out[i] + (i + 1 < m ? off[i] * out[i + 1] : 0)
                    + (i > 0 ? off[i - 1] * out[i - 1] : 0);
            r += ri * ri;
        }
        return Math.sqrt(r) / Math.max(norm, Double.MIN_NORMAL);
    }

    /**
     * z := the given steps of inverse iteration on T - theta I, each scaled to max 1, from the vector of ones or
     * (irregular) from 1 + frac(0.618 i), which no eigenvector of a structured T (e.g. an antisymmetric one) is
     * orthogonal to.
     */
    private void inverseIteration(double theta, int steps, boolean irregular) {
        factor(theta);
        for (int i = 0; i < m; i++) {
            z[i] = irregular ? 1.0 + (0.6180339887498949 * i) % 1.0 : 1.0;
        }
        for (int it = 0; it < steps; it++) {
            solve();
            double max = 0;
            for (int i = 0; i < m; i++) {
                max = Math.max(max, Math.abs(z[i]));
            }
            for (int i = 0; i < m; i++) {
                z[i] /= max;
            }
        }
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
