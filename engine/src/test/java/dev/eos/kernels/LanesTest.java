package dev.eos.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;

/**
 * The fixed lane orders of {@link Lanes}, at the species width of this surefire execution (the scalar execution
 * still runs it: the module is present there, only the provider is forced). Inputs span 30 decades, so a different
 * association would change the bits.
 */
class LanesTest {

    static final int L = VectorKernels.L;

    static double[] wild(Random r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian() * Math.pow(10, r.nextInt(30) - 15);
        }
        return x;
    }

    /** The documented tree: ((l0 + l4) + (l2 + l6)) + ((l1 + l5) + (l3 + l7)), and its 4- and 2-lane shapes. */
    static double tree(double[] l, int off) {
        return switch (L) {
            case 8 -> ((l[off] + l[off + 4]) + (l[off + 2] + l[off + 6]))
                    + ((l[off + 1] + l[off + 5]) + (l[off + 3] + l[off + 7]));
            case 4 -> (l[off] + l[off + 2]) + (l[off + 1] + l[off + 3]);
            default -> l[off] + l[off + 1];
        };
    }

    /** The fold idiom of the kernels: the levels P4 (8 lanes), P2 (4 or more), P1, then lane 0. */
    static double foldSum(DoubleVector v) {
        if (L == 8) {
            v = Lanes.fold(v, Lanes.P4);
        }
        if (L >= 4) {
            v = Lanes.fold(v, Lanes.P2);
        }
        return Lanes.fold(v, Lanes.P1).lane(0);
    }

    @Test
    void foldIsTheDocumentedTree() {
        Random r = new Random(1);
        for (int t = 0; t < 200; t++) {
            double[] x = wild(r, L);
            assertEquals(tree(x, 0), foldSum(DoubleVector.fromArray(VectorKernels.S, x, 0)));
        }
    }

    @Test
    void pairTreeGivesEachAccumulatorsTreeSum() {
        Random r = new Random(2);
        for (int t = 0; t < 200; t++) {
            double[] x = wild(r, L * L);
            DoubleVector[] c = new DoubleVector[L];
            for (int q = 0; q < L; q++) {
                c[q] = DoubleVector.fromArray(VectorKernels.S, x, q * L);
            }
            // the trees of VectorGemv: accumulators enter in bit-reversed order, lane r comes out as row r
            DoubleVector got = switch (L) {
                case 8 -> Lanes.pair(
                        Lanes.pair(pair(c[0], c[4], 4), pair(c[2], c[6], 4), Lanes.M2, Lanes.P2),
                        Lanes.pair(pair(c[1], c[5], 4), pair(c[3], c[7], 4), Lanes.M2, Lanes.P2), Lanes.M1, Lanes.P1);
                case 4 -> Lanes.pair(pair(c[0], c[2], 2), pair(c[1], c[3], 2), Lanes.M1, Lanes.P1);
                default -> pair(c[0], c[1], 1);
            };
            for (int q = 0; q < L; q++) {
                assertEquals(tree(x, q * L), got.lane(q), "lane " + q);
            }
        }
    }

    static DoubleVector pair(DoubleVector a, DoubleVector b, int h) {
        return switch (h) {
            case 4 -> Lanes.pair(a, b, Lanes.M4, Lanes.P4);
            case 2 -> Lanes.pair(a, b, Lanes.M2, Lanes.P2);
            default -> Lanes.pair(a, b, Lanes.M1, Lanes.P1);
        };
    }

    @Test
    void transposeBlockAndEdges() {
        Random r = new Random(3);
        for (int rows : new int[] {L, 2 * L + 1, 3}) {
            for (int cols : new int[] {L, 3 * L + 2, 1}) {
                int lds = cols + 3, ldd = rows + 2;
                double[] src = wild(r, 1 + rows * lds), dst = new double[2 + cols * ldd];
                VectorGemm.transpose(rows, cols, src, 1, lds, dst, 2, ldd);
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        assertEquals(src[1 + i * lds + j], dst[2 + j * ldd + i],
                                rows + "x" + cols + " at " + i + "," + j);
                    }
                }
            }
        }
    }
}
