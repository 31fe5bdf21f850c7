package dev.eos.testing;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/** Dense symmetric eigen-decomposition (EJML) for test oracles: values descending, unit vectors as rows. */
public final class DenseEigen {

    public final double[] values;
    public final double[][] vectors;

    public DenseEigen(double[] h, int n) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(new DMatrixRMaj(n, n, true, h))) {
            throw new ArithmeticException("eig failed");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(eig.getEigenvalue(b).getReal(), eig.getEigenvalue(a).getReal()));
        values = new double[n];
        vectors = new double[n][n];
        for (int j = 0; j < n; j++) {
            values[j] = eig.getEigenvalue(order[j]).getReal();
            DMatrixRMaj v = eig.getEigenVector(order[j]);
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += v.get(i) * v.get(i);
            }
            for (int i = 0; i < n; i++) {
                vectors[j][i] = v.get(i) / Math.sqrt(norm);
            }
        }
    }
}
