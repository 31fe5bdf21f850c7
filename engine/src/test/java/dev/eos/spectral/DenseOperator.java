package dev.eos.spectral;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import dev.eos.models.SymmetricOperator;
import java.util.Random;

/** A dense symmetric matrix as an operator (tests): Q diag(spectrum) Q^T with a seeded random orthogonal Q. */
final class DenseOperator implements SymmetricOperator {

    final int n;
    final double[] a;
    private final Kernels k;
    int products;

    DenseOperator(int n, double[] a) {
        this(n, a, KernelProvider.get());
    }

    private DenseOperator(int n, double[] a, Kernels k) {
        this.n = n;
        this.a = a;
        this.k = k;
    }

    /** The same matrix on other kernels (allocation tests: the scalar twin allocates nothing, even before JIT). */
    DenseOperator on(Kernels kernels) {
        return new DenseOperator(n, a, kernels);
    }

    /** Q diag(spectrum) Q^T, Q from Householder reflections of seeded Gaussian vectors (Haar-like). */
    static DenseOperator withSpectrum(double[] spectrum, long seed) {
        int n = spectrum.length;
        double[] q = randomOrthogonal(n, new Random(seed));
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int l = 0; l < n; l++) {
                    s += q[i * n + l] * spectrum[l] * q[j * n + l];
                }
                a[i * n + j] = s;
                a[j * n + i] = s;
            }
        }
        return new DenseOperator(n, a);
    }

    /** A random orthogonal n x n matrix: the product of n Householder reflections of Gaussian vectors (dense, generic). */
    static double[] randomOrthogonal(int n, Random r) {
        double[] q = new double[n * n];
        for (int i = 0; i < n; i++) {
            q[i * n + i] = 1;
        }
        double[] u = new double[n];
        for (int h = 0; h < n; h++) {
            double norm = 0;
            for (int i = 0; i < n; i++) {
                u[i] = r.nextGaussian();
                norm += u[i] * u[i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                u[i] /= norm;
            }
            // Q := Q (I - 2 u u^T)
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int l = 0; l < n; l++) {
                    s += q[i * n + l] * u[l];
                }
                for (int l = 0; l < n; l++) {
                    q[i * n + l] -= 2 * s * u[l];
                }
            }
        }
        return q;
    }

    /** A random symmetric matrix with Gaussian entries (GOE-like). */
    static DenseOperator goe(int n, long seed) {
        Random r = new Random(seed);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double g = r.nextGaussian() / Math.sqrt(n);
                a[i * n + j] = g;
                a[j * n + i] = g;
            }
        }
        return new DenseOperator(n, a);
    }

    @Override
    public int dim() {
        return n;
    }

    @Override
    public void apply(double[] v, double[] out) {
        products++;
        k.gemv(n, n, 1.0, a, 0, n, v, 0, 0.0, out, 0);
    }

    @Override
    public void applyBatch(double[] v, int count, double[] out) {
        products += count;
        // out^T = A v^T, with v count x n: out = v A (A symmetric)
        k.gemm(count, n, n, 1.0, v, 0, n, a, 0, n, 0.0, out, 0, n);
    }

    /** ||A x - lambda x|| for a unit x stored at offset off (an independent residual check). */
    double residual(double[] x, int off, double lambda) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double r = -lambda * x[off + i];
            for (int j = 0; j < n; j++) {
                r += a[i * n + j] * x[off + j];
            }
            s += r * r;
        }
        return Math.sqrt(s);
    }
}
