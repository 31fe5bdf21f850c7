package dev.eos.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.models.DeepLinear;
import dev.eos.models.Model;
import dev.eos.models.ModelSpec;
import dev.eos.models.Models;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models built from .npy files the way the command line does it: read, check finite, hand arrays to the spec. */
class NpyModelsTest {

    @TempDir
    Path tmp;

    @Test
    void targetAndStartFromNpy() throws Exception {
        Npy.Array m = Npy.read(NpyTest.fixture("f8_c_2x3.npy"));
        Npy.requireFinite(m, "f8_c_2x3.npy");
        DeepLinear dl = (DeepLinear) ModelSpec.of("deep-linear").widths(3, 3, 2).target(m.data(), m.shape()).build();
        assertArrayEquals(NpyTest.pattern(2, 3), dl.target(), 0.0);
        // a start saved in the documented layout comes back unchanged
        double[] x0 = Models.randomStart(dl, 4, Double.NaN);
        Npy.write(tmp.resolve("init.npy"), x0, x0.length);
        Npy.Array init = Npy.read(tmp.resolve("init.npy"));
        assertArrayEquals(x0, Models.start(dl, init.data(), init.shape()), 0.0);
        // factorization accepts U as a 2-D (d, k) array
        Model f = ModelSpec.of("factorization").dim(2).rank(3).build();
        Npy.Array u = Npy.read(NpyTest.fixture("f8_c_2x3.npy"));
        assertArrayEquals(u.data(), Models.start(f, u.data(), u.shape()), 0.0);
    }

    @Test
    void shapeMismatchNamesBothShapes() throws Exception {
        Npy.Array m = Npy.read(NpyTest.fixture("f8_fortran_2x3x4.npy"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelSpec.of("factorization").target(m.data(), m.shape()).build());
        assertTrue(e.getMessage().contains("(2, 3, 4)"), e.getMessage());
        Npy.Array nan = Npy.read(NpyTest.fixture("f8_nan_2x3.npy"));
        e = assertThrows(IllegalArgumentException.class,
                () -> ModelSpec.of("deep-linear").widths(3, 3, 2).target(nan.data(), nan.shape()).build());
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("target M"), e.getMessage());
    }
}
