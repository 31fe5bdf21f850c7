package dev.eos.kernels;

import static dev.eos.kernels.VectorKernels.L;
import static dev.eos.kernels.VectorKernels.S;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;

/**
 * Fixed-order lane operations: horizontal sums ({@code reduceLanes(ADD)} promises no order) and an L x L
 * transpose, both from lane-wise adds, blends with constant masks and constant permutes.
 *
 * <p>The order is a binary tree over lane distance: with lanes l0..l7 (8 lanes),
 * <pre>
 *   sum = ((l0 + l4) + (l2 + l6)) + ((l1 + l5) + (l3 + l7))
 * </pre>
 * and the same shape for 4 lanes ({@code (l0 + l2) + (l1 + l3)}) and 2 lanes. One vector is reduced by
 * {@link #fold} with P4 and P2 (the levels that exist for L), then lane 0 + lane 1; L accumulators are reduced at
 * once by {@link #pair} into one vector whose lane q is the sum of accumulator q (about 3.5 operations per sum
 * instead of L - 1 lane extractions), with the same association, hence the same bits, as the single-vector fold.
 *
 * <p>These helpers are tiny on purpose, and callers spell out the levels themselves: a method that takes or returns a
 * vector and that C2 does not inline (too large for a call site it deems cold, or past its node budget) gets its
 * vectors boxed, an allocation per call. Helpers under 35 bytecodes are always inlined.
 */
final class Lanes {

    /** Blend masks and block swaps of the tree levels, h = L/2, L/4, ..., 1: mask = lanes whose bit h is set. */
    static final VectorMask<Double> M4 = mask(4);
    static final VectorMask<Double> M2 = mask(2);
    static final VectorMask<Double> M1 = mask(1);
    static final VectorShuffle<Double> P4 = swap(4);
    static final VectorShuffle<Double> P2 = swap(2);
    static final VectorShuffle<Double> P1 = swap(1);

    private Lanes() {
    }

    private static VectorMask<Double> mask(int h) {
        boolean[] bits = new boolean[L];
        for (int i = 0; i < L; i++) {
            bits[i] = h < L && (i & h) != 0;
        }
        return VectorMask.fromArray(S, bits, 0);
    }

    private static VectorShuffle<Double> swap(int h) {
        int[] idx = new int[L];
        for (int i = 0; i < L; i++) {
            idx[i] = h < L ? i ^ h : i;
        }
        return VectorShuffle.fromArray(S, idx, 0);
    }

    /**
     * One tree level on one vector: lane j gets v[j] + v[j ^ h] (p = the swap P_h). The kernels write it out in
     * place: a helper that returns a vector is boxed whenever C2 declines to inline it ("low call site
     * frequency", seen in VectorGemv.gemv under load).
     */
    static DoubleVector fold(DoubleVector v, VectorShuffle<Double> p) {
        return v.add(v.rearrange(p));
    }

    /** One tree level on two vectors: lanes with bit h clear get a's pair sums, lanes with bit h set get b's. */
    static DoubleVector pair(DoubleVector a, DoubleVector b, VectorMask<Double> m, VectorShuffle<Double> p) {
        return a.blend(b, m).add(b.blend(a, m).rearrange(p));
    }

    /**
     * dst[dOff + q*ldd + r] := src[sOff + r*lds + q] for r, q in [0, L): one L x L block transposed in registers.
     * Level h swaps the h x h off-diagonal sub-blocks: lane j of row i (bit h of i clear) takes row i+h's lane
     * j^h where bit h of j is set, and symmetrically; the log2(L) levels commute and compose to the transpose.
     */
    static void transposeBlock(double[] src, int sOff, int lds, double[] dst, int dOff, int ldd) {
        if (L == 8) {
            DoubleVector r0 = DoubleVector.fromArray(S, src, sOff), r1 = DoubleVector.fromArray(S, src, sOff + lds);
            DoubleVector r2 = DoubleVector.fromArray(S, src, sOff + 2 * lds);
            DoubleVector r3 = DoubleVector.fromArray(S, src, sOff + 3 * lds);
            DoubleVector r4 = DoubleVector.fromArray(S, src, sOff + 4 * lds);
            DoubleVector r5 = DoubleVector.fromArray(S, src, sOff + 5 * lds);
            DoubleVector r6 = DoubleVector.fromArray(S, src, sOff + 6 * lds);
            DoubleVector r7 = DoubleVector.fromArray(S, src, sOff + 7 * lds);
            // level 4: rows (0,4), (1,5), (2,6), (3,7)
            DoubleVector t0 = low(r0, r4, M4, P4), t4 = high(r0, r4, M4, P4);
            DoubleVector t1 = low(r1, r5, M4, P4), t5 = high(r1, r5, M4, P4);
            DoubleVector t2 = low(r2, r6, M4, P4), t6 = high(r2, r6, M4, P4);
            DoubleVector t3 = low(r3, r7, M4, P4), t7 = high(r3, r7, M4, P4);
            // level 2: rows (0,2), (1,3), (4,6), (5,7)
            r0 = low(t0, t2, M2, P2);
            r2 = high(t0, t2, M2, P2);
            r1 = low(t1, t3, M2, P2);
            r3 = high(t1, t3, M2, P2);
            r4 = low(t4, t6, M2, P2);
            r6 = high(t4, t6, M2, P2);
            r5 = low(t5, t7, M2, P2);
            r7 = high(t5, t7, M2, P2);
            // level 1: rows (0,1), (2,3), (4,5), (6,7)
            low(r0, r1, M1, P1).intoArray(dst, dOff);
            high(r0, r1, M1, P1).intoArray(dst, dOff + ldd);
            low(r2, r3, M1, P1).intoArray(dst, dOff + 2 * ldd);
            high(r2, r3, M1, P1).intoArray(dst, dOff + 3 * ldd);
            low(r4, r5, M1, P1).intoArray(dst, dOff + 4 * ldd);
            high(r4, r5, M1, P1).intoArray(dst, dOff + 5 * ldd);
            low(r6, r7, M1, P1).intoArray(dst, dOff + 6 * ldd);
            high(r6, r7, M1, P1).intoArray(dst, dOff + 7 * ldd);
        } else if (L == 4) {
            DoubleVector r0 = DoubleVector.fromArray(S, src, sOff), r1 = DoubleVector.fromArray(S, src, sOff + lds);
            DoubleVector r2 = DoubleVector.fromArray(S, src, sOff + 2 * lds);
            DoubleVector r3 = DoubleVector.fromArray(S, src, sOff + 3 * lds);
            DoubleVector t0 = low(r0, r2, M2, P2), t2 = high(r0, r2, M2, P2);
            DoubleVector t1 = low(r1, r3, M2, P2), t3 = high(r1, r3, M2, P2);
            low(t0, t1, M1, P1).intoArray(dst, dOff);
            high(t0, t1, M1, P1).intoArray(dst, dOff + ldd);
            low(t2, t3, M1, P1).intoArray(dst, dOff + 2 * ldd);
            high(t2, t3, M1, P1).intoArray(dst, dOff + 3 * ldd);
        } else { // two lanes: element moves (C2 does not compile 2-lane double permutes here: they would box)
            dst[dOff] = src[sOff];
            dst[dOff + 1] = src[sOff + lds];
            dst[dOff + ldd] = src[sOff + 1];
            dst[dOff + ldd + 1] = src[sOff + lds + 1];
        }
    }

    /** Row with bit h clear after a level-h swap: its own lanes where bit h is clear, b's lanes j^h elsewhere. */
    private static DoubleVector low(DoubleVector a, DoubleVector b, VectorMask<Double> m, VectorShuffle<Double> p) {
        return a.blend(b.rearrange(p), m);
    }

    /** Row with bit h set after a level-h swap. */
    private static DoubleVector high(DoubleVector a, DoubleVector b, VectorMask<Double> m, VectorShuffle<Double> p) {
        return a.rearrange(p).blend(b, m);
    }
}
