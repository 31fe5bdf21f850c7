package dev.eos.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The exact path: known spectra, residuals at rounding level (~ n eps ||H||), the products it reports. */
class DenseEigensolverTest {

    @Test
    void knownSpectrumFromOperatorAndFromMatrix() {
        double[] s = {6, 5, 5, 1, 0, -2, -7};
        DenseOperator op = DenseOperator.withSpectrum(s, 3);
        DenseEigensolver d = new DenseEigensolver(7);
        EigenResult viaOp = d.solve(op, 4, Which.LARGEST_ALGEBRAIC);
        assertArrayEquals(new double[] {6, 5, 5, 1}, viaOp.values(), 1e-13);
        assertEquals(7, viaOp.hvps());
        assertEquals("dense", viaOp.method());
        EigenResult viaMatrix = d.solve(op.a, 2, Which.LARGEST_MAGNITUDE);
        assertArrayEquals(new double[] {-7, 6}, viaMatrix.values(), 1e-13);
        assertEquals(0, viaMatrix.hvps());
        for (int j = 0; j < 4; j++) {
            assertTrue(viaOp.residuals()[j] <= 1e-13, "residual " + j);
            assertEquals(op.residual(viaOp.vectors(), j * 7, viaOp.values()[j]), viaOp.residuals()[j], 1e-14);
        }
        assertEquals(7, d.solve(op, 20, Which.LARGEST_ALGEBRAIC).k());
    }
}
