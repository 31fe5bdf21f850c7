package dev.eos.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eos.models.DeepLinear;
import dev.eos.models.Model;
import dev.eos.models.ModelSpec;
import dev.eos.models.Models;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;

/** The standard sharpness meter: right value, and bit-identical after a checkpoint round trip of its warm start. */
class LanczosSharpnessTest {

    static double denseTop(Model m, double[] x) {
        int d = m.dim();
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, false, true);
        eig.decompose(new DMatrixRMaj(d, d, true, m.denseHessian(x)));
        double top = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < d; i++) {
            top = Math.max(top, eig.getEigenvalue(i).getReal());
        }
        return top;
    }

    @Test
    void matchesTheDenseTopEigenvalueAndResumesBitForBit() {
        Model m = Models.build(ModelSpec.of("deep-linear").depth(3).width(3).seed(1));
        assertEquals(DeepLinear.class, m.getClass());
        double[] x = Models.randomStart(m, 2, 1.0);
        LanczosSharpness a = new LanczosSharpness(m, 0);
        // 1e-8 relative: the meter stops at a 1e-6 relative residual r, and the Ritz value is within ||r||^2 / gap of
        // lambda_1, ~1e-12 lambda_1 for a top eigenvalue separated by more than 1e-4 lambda_1 (as here at a random start)
        double top = denseTop(m, x);
        assertEquals(top, a.sharpness(x), 1e-8 * Math.abs(top));
        x[0] += 1e-3;
        a.sharpness(x);
        CheckpointState s = new CheckpointState();
        a.save(s);
        LanczosSharpness b = new LanczosSharpness(m, 0);
        b.restore(s);
        x[1] -= 2e-3;
        double fromA = a.sharpness(x);
        assertEquals(Double.doubleToLongBits(fromA), Double.doubleToLongBits(b.sharpness(x)));
        assertEquals(denseTop(m, x), fromA, 1e-8 * Math.abs(fromA));
    }
}
