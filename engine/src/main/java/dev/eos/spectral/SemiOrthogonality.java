package dev.eos.spectral;

/**
 * Simon's partial re-orthogonalisation for single-vector Lanczos: running estimates of omega_{jk} = &lt;v_j, v_k&gt;
 * from the recurrence (Simon 1984; H symmetric, beta_{k+1} the coupling of v_k and v_{k+1})
 * <pre>
 *   beta_{j+1} omega_{j+1,k} = beta_{k+1} omega_{j,k+1} + (alpha_k - alpha_j) omega_{jk} + beta_k omega_{j,k-1}
 *                              - beta_j omega_{j-1,k} + theta,   |theta| ~ eps sqrt(n) ||H||,
 * </pre>
 * which costs O(j) per step and reads no vector, and the decision when a full Gram-Schmidt pass is needed: when some
 * |omega_{j+1,k}| would exceed delta = sqrt(eps / cap), the new vector and the one after it are orthogonalised
 * against the whole basis (two, because the recurrence carries omega_j into omega_{j+2}). The basis then stays
 * semi-orthogonal, |&lt;v_j, v_k&gt;| &lt;= delta, and the tridiagonal T is the projection of H on span V to
 * O(eps ||H||) (Simon's theorem): the Ritz values are those of an orthonormal basis and no ghost copies appear.
 * The noise term theta is added with the sign that increases |omega| (a bound, not a model), the explicitly
 * orthogonalised components get eps sqrt(n) ||H v_j|| / beta_{j+1}.
 */
final class SemiOrthogonality {

    private static final double EPS = Math.ulp(1.0);

    private final double delta;
    private final double rootN;
    private final double[] alpha;
    /** beta[k]: the coupling of v_{k-1} and v_k (beta[0] = 0). */
    private final double[] beta;
    private double[] prev;
    private double[] cur;
    private double[] next;
    private int j;
    private boolean forceNext;
    private double anorm;
    private int skipped;

    /** Estimates for a basis of at most cap vectors of dimension n. */
    SemiOrthogonality(int n, int cap) {
        this.delta = Math.sqrt(EPS / cap);
        this.rootN = Math.sqrt(n);
        this.alpha = new double[cap + 1];
        this.beta = new double[cap + 1];
        this.prev = new double[cap + 1];
        this.cur = new double[cap + 1];
        this.next = new double[cap + 1];
    }

    /** The threshold delta = sqrt(eps / cap) kept on every |&lt;v_j, v_k&gt;|, j != k. */
    double threshold() {
        return delta;
    }

    /** A new basis whose first vector v_0 is in place (unit). */
    void reset() {
        j = 0;
        cur[0] = 1;
        beta[0] = 0;
        forceNext = false;
        anorm = 0;
        skipped = 0;
    }

    /**
     * Step j (the product H v_j was taken, the residual r = H v_j - alpha_j v_j - beta_j v_{j-1} orthogonalised
     * against v_j and v_{j-1} only): estimates omega_{j+1, .} for v_{j+1} = r / betaNext and returns true when r
     * must be orthogonalised against the whole basis. Call {@link #advance} next.
     *
     * @param alphaJ   &lt;v_j, H v_j&gt;
     * @param betaJ    &lt;v_{j-1}, H v_j&gt; (0 when j = 0)
     * @param betaNext ||r|| after the local orthogonalisation
     * @param normHv   ||H v_j||
     */
    boolean needsFullPass(double alphaJ, double betaJ, double betaNext, double normHv) {
        alpha[j] = alphaJ;
        beta[j] = j == 0 ? 0 : betaJ;
        beta[j + 1] = betaNext;
        anorm = Math.max(anorm, normHv);
        if (!(betaNext > 0)) {
            return true;
        }
        double theta = EPS * rootN * anorm;
        double worst = 0;
        for (int k = 0; k <= j - 2; k++) {
            double s = beta[k + 1] * cur[k + 1] + (alpha[k] - alphaJ) * cur[k]
                    + (k > 0 ? beta[k] * cur[k - 1] : 0) - beta[j] * prev[k];
            s += Math.copySign(theta, s);
            double o = s / betaNext;
            next[k] = o;
            worst = Math.max(worst, Math.abs(o));
        }
        // what one local pass leaves along v_j and v_{j-1}: large after cancellation (a nearly converged start)
        double local = EPS * rootN * normHv / betaNext;
        worst = Math.max(worst, local);
        if (j >= 1) {
            next[j - 1] = local;
        }
        next[j] = local;
        next[j + 1] = 1;
        return forceNext || worst > delta;
    }

    /**
     * Moves to step j + 1 after {@link #needsFullPass}; full: whether v_{j+1} was orthogonalised against the whole
     * basis (its estimates drop to the rounding level, and the next vector is orthogonalised too).
     */
    void advance(boolean full) {
        if (full) {
            for (int k = 0; k <= j; k++) {
                next[k] = EPS * rootN;
            }
            forceNext = !forceNext;
        } else {
            skipped++;
        }
        double[] old = prev;
        prev = cur;
        cur = next;
        next = old;
        j++;
    }

    /** Full passes skipped since {@link #reset}: the basis is then only semi-orthogonal. */
    int skipped() {
        return skipped;
    }
}
