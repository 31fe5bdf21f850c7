package dev.eos.spectral;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import dev.eos.models.SymmetricOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The exact path for small dimensions (the CLI's {@code --exact}): the dense symmetric matrix H (built from n
 * operator products with the unit vectors, or given, e.g. {@code Model.denseHessian}), all its eigenpairs by
 * EJML's symmetric eigensolver, and the k wanted ones with their residuals ||H v - lambda v||. Costs O(n^3): meant
 * for n up to a few thousand. A workspace: one per thread, buffers sized once.
 */
public final class DenseEigensolver {

    private final int n;
    private final Kernels k = KernelProvider.get();
    private final DMatrixRMaj h;
    private final DMatrixRMaj work;
    private final EigenDecomposition_F64<DMatrixRMaj> eig;
    private final double[] unit;
    private final double[] column;
    private final double[] lam;
    private final int[] order;
    private final double[] hv;

    /** A dense solver for dimension n. */
    public DenseEigensolver(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("dense eigensolver: dimension must be >= 1, got " + n);
        }
        this.n = n;
        h = new DMatrixRMaj(n, n);
        work = new DMatrixRMaj(n, n);
        eig = DecompositionFactory_DDRM.eig(n, true, true);
        unit = new double[n];
        column = new double[n];
        lam = new double[n];
        order = new int[n];
        hv = new double[n];
    }

    public int dim() {
        return n;
    }

    /**
     * The k wanted eigenpairs of op from its dense matrix, built column by column from n products
     * (the result reports hvps = n) and symmetrised, (H + H^T)/2, to remove rounding asymmetry.
     */
    public EigenResult solve(SymmetricOperator op, int k, Which which) {
        if (op.dim() != n) {
            throw new IllegalArgumentException("dense eigensolver: operator dimension " + op.dim() + " != " + n);
        }
        double[] a = h.data;
        for (int j = 0; j < n; j++) {
            unit[j] = 1;
            op.apply(unit, column);
            unit[j] = 0;
            for (int i = 0; i < n; i++) {
                a[i * n + j] = column[i];
            }
        }
        symmetrize(a);
        return decompose(k, which, n);
    }

    /** The k wanted eigenpairs of the symmetric n x n row-major matrix m (not modified); hvps = 0. */
    public EigenResult solve(double[] m, int k, Which which) {
        if (m.length != n * n) {
            throw new IllegalArgumentException("dense eigensolver: matrix length " + m.length + " != n^2 = " + n * n);
        }
        System.arraycopy(m, 0, h.data, 0, n * n);
        return decompose(k, which, 0);
    }

    private void symmetrize(double[] a) {
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0.5 * (a[i * n + j] + a[j * n + i]);
                a[i * n + j] = s;
                a[j * n + i] = s;
            }
        }
    }

    private EigenResult decompose(int kWanted, Which which, int hvps) {
        if (kWanted < 1) {
            throw new IllegalArgumentException("dense eigensolver: need k >= 1, got " + kWanted);
        }
        int kk = Math.min(kWanted, n);
        work.setTo(h);
        if (!eig.decompose(work)) {
            throw new ArithmeticException("dense symmetric eigensolver failed (n = " + n + ")");
        }
        for (int i = 0; i < n; i++) {
            lam[i] = eig.getEigenvalue(i).getReal();
            order[i] = i;
        }
        for (int i = 1; i < n; i++) {
            int o = order[i];
            int j = i - 1;
            while (j >= 0 && RitzSolver.before(lam[o], o, lam[order[j]], order[j], which)) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = o;
        }
        double[] values = new double[kk];
        double[] vectors = new double[kk * n];
        double[] residuals = new double[kk];
        for (int s = 0; s < kk; s++) {
            DMatrixRMaj v = eig.getEigenVector(order[s]);
            System.arraycopy(v.data, 0, vectors, s * n, n);
            double norm = k.nrm2(n, vectors, s * n);
            k.scal(n, 1.0 / norm, vectors, s * n);
            // the Rayleigh quotient and the residual, from the (symmetrised) dense matrix
            k.gemv(n, n, 1.0, h.data, 0, n, vectors, s * n, 0.0, hv, 0);
            double lambda = k.dot(n, vectors, s * n, hv, 0);
            k.axpy(n, -lambda, vectors, s * n, hv, 0);
            values[s] = lambda;
            residuals[s] = k.nrm2(hv);
        }
        return new EigenResult(n, values, vectors, residuals, hvps, "dense");
    }
}
