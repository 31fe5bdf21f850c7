package dev.eos.geometry;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;

/**
 * CGLS (conjugate gradients on the normal equations, Hestenes-Stiefel / Bjorck form) for min_s ||A s - b|| with A
 * (m x n) given only by products A s and A^T r. Started from s = 0 the iterates stay in range(A^T), so the limit is
 * the minimum-norm solution s = A^+ b, and the residual r = b - A s is the projection of b onto range(A)^perp; a
 * singular A A^T or an inconsistent system is fine. A workspace: allocation-free after construction.
 *
 * <p>Stopping rule (LSQR's test of a compatible-or-not system): ||A^T r_k|| &le; tol sigmaHat ||b||, with sigmaHat =
 * max(||A^T b|| / ||b||, max_k ||A p_k|| / ||p_k||) a running lower estimate of ||A||; or maxIter iterations; or a
 * breakdown ||A p|| = 0 (the search direction left range(A^T) by rounding: s is then as good as it gets). Since
 * ||A^T r|| = ||A^T A (s - s*)||, the residual r then differs from the exact one by at most tol kappa(A)^2 ||b||,
 * and the rule stays meaningful when b is (nearly) orthogonal to range(A), where a relative test would chase
 * rounding.
 */
public final class Cgls {

    /** A linear map R^n -&gt; R^m given by its products; outputs never alias inputs. */
    public interface Operator {
        /** out (length m) := A s (s of length n). */
        void apply(double[] s, double[] out);

        /** out (length n) := A^T r (r of length m). */
        void applyTranspose(double[] r, double[] out);
    }

    private final int m;
    private final int n;
    private final double[] s, z, p; // length n
    private final double[] r, q;    // length m
    private final Kernels k = KernelProvider.get();
    private int iterations;
    private double relNormal;
    private boolean converged;

    /** A workspace for m x n operators. */
    public Cgls(int rows, int cols) {
        this.m = rows;
        this.n = cols;
        s = new double[n];
        z = new double[n];
        p = new double[n];
        r = new double[m];
        q = new double[m];
    }

    /**
     * Solves min ||A s - b|| from s = 0. Afterwards {@link #solution()} holds s (length n) and {@link #residual()}
     * holds r = b - A s (length m). Returns whether the tolerance was met.
     */
    public boolean solve(Operator a, double[] b, double tol, int maxIter) {
        java.util.Arrays.fill(s, 0.0);
        System.arraycopy(b, 0, r, 0, m);
        a.applyTranspose(r, z);
        System.arraycopy(z, 0, p, 0, n);
        double gamma = k.dot(n, z, 0, z, 0);
        double bb = k.dot(m, b, 0, b, 0);
        iterations = 0;
        relNormal = gamma == 0 ? 0 : 1;
        if (!(gamma > 0)) {
            converged = gamma == 0; // b orthogonal to range(A): s = 0; NaN input: give up at once
            return converged;
        }
        converged = false;
        double sigma2 = gamma / bb; // sigmaHat^2, from ||A^T b|| / ||b||
        while (iterations < maxIter) {
            a.apply(p, q);
            double delta = k.dot(m, q, 0, q, 0);
            if (!(delta > 0)) {
                break; // breakdown: p in the null space of A up to rounding
            }
            sigma2 = Math.max(sigma2, delta / k.dot(n, p, 0, p, 0));
            double alpha = gamma / delta;
            k.axpy(n, alpha, p, 0, s, 0);
            k.axpy(m, -alpha, q, 0, r, 0);
            a.applyTranspose(r, z);
            double gammaNew = k.dot(n, z, 0, z, 0);
            iterations++;
            relNormal = Math.sqrt(gammaNew / (sigma2 * bb));
            if (gammaNew <= tol * tol * sigma2 * bb) {
                converged = true;
                break;
            }
            double beta = gammaNew / gamma;
            k.axpby(n, 1, z, 0, beta, p, 0); // p := z + beta p
            gamma = gammaNew;
        }
        return converged;
    }

    /** s of the last solve (length n): the minimum-norm least-squares solution A^+ b. Owned; do not keep. */
    public double[] solution() {
        return s;
    }

    /** r = b - A s of the last solve (length m): the part of b orthogonal to range(A). Owned; do not keep. */
    public double[] residual() {
        return r;
    }

    /** Iterations of the last solve. */
    public int iterations() {
        return iterations;
    }

    /** ||A^T r|| / (sigmaHat ||b||) reached by the last solve (compare with tol). */
    public double relativeNormalResidual() {
        return relNormal;
    }

    /** Whether the last solve met its tolerance. */
    public boolean converged() {
        return converged;
    }
}
