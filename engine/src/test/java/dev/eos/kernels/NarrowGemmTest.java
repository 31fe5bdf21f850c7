package dev.eos.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The narrow-B gemm path (n &le; 4 columns of C: strips of 2L rows, column groups of up to four, k-blocks of 256
 * packed values, TN strips read in place) gives the scalar twin's bits in all three forms, under the provider of this
 * surefire execution (every vector width; under the scalar provider this checks the twin against itself): on awkward
 * row counts around the strip (L - 1, L, L + 1, 2L +- 1, primes, a large m), depths around the k-block (0, 1, 255,
 * 256, 257, 600) and every n from 1 to 5 (5: the first width past the path).
 */
class NarrowGemmTest {

    static final Kernels K = KernelProvider.get();

    @Test
    void narrowProductsEqualScalarTwinBitForBit() {
        int l = K.lanes();
        int[] ms = {1, 2, l - 1 > 0 ? l - 1 : 3, l, l + 1, 2 * l - 1, 2 * l, 2 * l + 1, 13, 97, 1031};
        int[] ks = {0, 1, l + 1, 255, 256, 257, 600};
        for (int n = 1; n <= 5; n++) {
            for (int m : ms) {
                for (int k : ks) {
                    if ((long) m * k > 200_000 && k != 257) {
                        continue; // the large m once, at the k-block boundary (keeps the test under a second)
                    }
                    for (KernelPathsTest.Form form : KernelPathsTest.Form.values()) {
                        boolean padded = (m + n + k) % 2 == 0;
                        KernelPathsTest.check(form, m, n, k, 1.0, 0.0, padded);
                        KernelPathsTest.check(form, m, n, k, -0.75, 0.5, !padded);
                        KernelPathsTest.check(form, m, n, k, 1.0, 1.0, padded);
                    }
                }
            }
        }
    }

    /** Matrix sensing's block shape (12 measurements x 824 packed doubles, two columns), offsets inside bigger arrays. */
    @Test
    void sensingBlockShape() {
        for (KernelPathsTest.Form form : KernelPathsTest.Form.values()) {
            KernelPathsTest.check(form, 12, 2, 824, 1.0, 0.0, true);
            KernelPathsTest.check(form, 7, 2, 824, 1.0, 0.0, false);
        }
    }

    /** m = 0, n = 0: C untouched (no NaN written, none read); k = 0: C := beta C exactly. */
    @Test
    void emptyProductsTouchOnlyWhatTheyMust() {
        double[] a = new double[64], b = new double[64];
        Arrays.fill(a, Double.NaN);
        Arrays.fill(b, Double.NaN);
        double[] c = new double[20];
        Arrays.fill(c, 3.0);
        K.gemmNT(0, 2, 5, 1.0, a, 0, 5, b, 0, 5, 0.0, c, 0, 2);
        K.gemm(4, 0, 5, 1.0, a, 0, 5, b, 0, 1, 0.0, c, 0, 1);
        K.gemmTN(0, 3, 5, 1.0, a, 0, 1, b, 0, 3, 0.0, c, 0, 3);
        for (double v : c) {
            assertEquals(3.0, v, 0.0, "an empty product wrote C");
        }
        K.gemmNT(5, 2, 0, 1.0, a, 0, 1, b, 0, 1, 0.5, c, 0, 2); // C(0..4, 0..1) := 0.5 C, k = 0
        for (int i = 0; i < 20; i++) {
            assertEquals(i < 10 ? 1.5 : 3.0, c[i], 0.0, "k = 0 at " + i);
        }
    }
}
