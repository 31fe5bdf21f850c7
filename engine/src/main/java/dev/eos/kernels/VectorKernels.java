package dev.eos.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the JDK Vector API (incubator). Loaded only by {@link KernelProvider} when the module is present, so the
 * scalar path never touches {@code DoubleVector}.
 *
 * <p>Reductions (dot, nrm2, gemv) unroll over independent vector accumulators and add lanes with {@link Lanes}
 * in a fixed tree order ({@code reduceLanes(ADD)} promises none), so results are bit-reproducible across the
 * interpreter, C1 and C2. Level 2 lives in {@link VectorGemv}, level 3 in {@link VectorGemm}.
 */
final class VectorKernels implements Kernels {

    /** The species, fixed at class initialisation (a constant for C2). */
    static final VectorSpecies<Double> S = chooseSpecies();
    static final int L = S.length();

    VectorKernels() {
    }

    /**
     * The preferred species capped at 512 bits (the kernels are written for 2, 4 or 8 lanes), or the width forced
     * by {@value KernelProvider#BITS_PROPERTY} (128, 256 or 512).
     */
    private static VectorSpecies<Double> chooseSpecies() {
        int bits = KernelProvider.forcedBits();
        if (bits == 0) {
            bits = Math.min(512, DoubleVector.SPECIES_PREFERRED.vectorBitSize());
        }
        return VectorSpecies.of(double.class, jdk.incubator.vector.VectorShape.forBitSize(bits));
    }

    /** The widest species this machine runs natively, in bits. */
    static int preferredBits() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize();
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public int lanes() {
        return L;
    }

    @Override
    public int vectorBits() {
        return S.vectorBitSize();
    }

    // ---------------------------------------------------------------- level 1

    /**
     * Four vector accumulators over blocks of 4L, a one-vector loop into the first, then
     * {@code (a0 + a1) + (a2 + a3)}, the lane tree of {@link Lanes}, and a scalar tail: the shape of the scalar
     * twin with L-wide accumulators.
     */
    @Override
    public double dot(int n, double[] x, int xOff, double[] y, int yOff) {
        DoubleVector a0 = DoubleVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int i = 0;
        // canonical counted loops (i < bound): C2 removes their range checks; i + 4L <= n does not get that
        for (int n4 = n & -(4 * L); i < n4; i += 4 * L) {
            a0 = DoubleVector.fromArray(S, x, xOff + i).fma(DoubleVector.fromArray(S, y, yOff + i), a0);
            a1 = DoubleVector.fromArray(S, x, xOff + i + L).fma(DoubleVector.fromArray(S, y, yOff + i + L), a1);
            a2 = DoubleVector.fromArray(S, x, xOff + i + 2 * L).fma(DoubleVector.fromArray(S, y, yOff + i + 2 * L), a2);
            a3 = DoubleVector.fromArray(S, x, xOff + i + 3 * L).fma(DoubleVector.fromArray(S, y, yOff + i + 3 * L), a3);
        }
        for (int n1 = n & -L; i < n1; i += L) {
            a0 = DoubleVector.fromArray(S, x, xOff + i).fma(DoubleVector.fromArray(S, y, yOff + i), a0);
        }
        DoubleVector v = a0.add(a1).add(a2.add(a3));
        if (L == 8) {
            v = v.add(v.rearrange(Lanes.P4)); // Lanes.fold, written out
        }
        if (L >= 4) {
            v = v.add(v.rearrange(Lanes.P2)); // Lanes.fold, written out
        }
        double s = v.lane(0) + v.lane(1); // the last level: lane 0 of fold(v, P1), without a permute
        for (; i < n; i++) {
            s = Math.fma(x[xOff + i], y[yOff + i], s);
        }
        return s;
    }

    @Override
    public double nrm2(int n, double[] x, int xOff) {
        double s = dot(n, x, xOff, x, xOff);
        if (Norms.sumOfSquaresIsSafe(s)) {
            return Math.sqrt(s);
        }
        if (Double.isNaN(s)) {
            return Double.NaN;
        }
        DoubleVector m = DoubleVector.zero(S);
        int i = 0;
        for (int n1 = n & -L; i < n1; i += L) {
            m = m.max(DoubleVector.fromArray(S, x, xOff + i).abs());
        }
        double max = m.reduceLanes(VectorOperators.MAX); // max is order-independent
        for (; i < n; i++) {
            max = Math.max(max, Math.abs(x[xOff + i]));
        }
        if (max == 0 || Double.isInfinite(max)) {
            return max;
        }
        int e = Math.getExponent(max);
        double f = Math.scalb(1.0, -e);
        DoubleVector t0 = DoubleVector.zero(S), t1 = t0;
        i = 0;
        for (int n2 = n & -(2 * L); i < n2; i += 2 * L) {
            DoubleVector a = DoubleVector.fromArray(S, x, xOff + i).mul(f);
            DoubleVector b = DoubleVector.fromArray(S, x, xOff + i + L).mul(f);
            t0 = a.fma(a, t0);
            t1 = b.fma(b, t1);
        }
        for (int n1 = n & -L; i < n1; i += L) {
            DoubleVector a = DoubleVector.fromArray(S, x, xOff + i).mul(f);
            t0 = a.fma(a, t0);
        }
        DoubleVector v = t0.add(t1);
        if (L == 8) {
            v = v.add(v.rearrange(Lanes.P4)); // Lanes.fold, written out
        }
        if (L >= 4) {
            v = v.add(v.rearrange(Lanes.P2)); // Lanes.fold, written out
        }
        double t = v.lane(0) + v.lane(1);
        for (; i < n; i++) {
            double a = x[xOff + i] * f;
            t = Math.fma(a, a, t);
        }
        return Math.scalb(Math.sqrt(t), e);
    }

    /*
     * The element-wise kernels below are plain loops on purpose: C2's auto-vectorizer compiles them to full-width
     * SIMD with a pre-loop that aligns the stores, which the Vector API cannot express (it cannot see addresses);
     * measured at n = 16K (in L2) the plain fma loop moved 24 bytes/element about 1.5x faster than the best Vector
     * API loop. Element-wise results do not depend on the vector width, so these give the scalar twin's bits.
     */

    @Override
    public void axpy(int n, double alpha, double[] x, int xOff, double[] y, int yOff) {
        if (alpha == 0) {
            return;
        }
        for (int i = 0; i < n; i++) {
            y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
        }
    }

    @Override
    public void axpby(int n, double alpha, double[] x, int xOff, double beta, double[] y, int yOff) {
        if (beta == 0) {
            for (int i = 0; i < n; i++) {
                y[yOff + i] = alpha * x[xOff + i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                y[yOff + i] = Math.fma(alpha, x[xOff + i], beta * y[yOff + i]);
            }
        }
    }

    @Override
    public void scal(int n, double alpha, double[] x, int xOff) {
        for (int i = 0; i < n; i++) {
            x[xOff + i] *= alpha;
        }
    }

    // ---------------------------------------------------------------- level 2

    @Override
    public void gemv(int m, int n, double alpha, double[] a, int aOff, int lda, double[] x, int xOff,
                     double beta, double[] y, int yOff) {
        VectorGemv.gemv(m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
    }

    @Override
    public void gemvT(int m, int n, double alpha, double[] a, int aOff, int lda, double[] x, int xOff,
                      double beta, double[] y, int yOff) {
        VectorGemv.gemvT(m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
    }

    @Override
    public void ger(int m, int n, double alpha, double[] x, int xOff, double[] y, int yOff,
                    double[] a, int aOff, int lda) {
        for (int i = 0; i < m; i++) {
            axpy(n, alpha * x[xOff + i], y, yOff, a, aOff + i * lda);
        }
    }

    // ---------------------------------------------------------------- level 3

    /*
     * A narrow B (n <= NarrowGemm.MAX_N columns of C) branches off here, not inside VectorGemm.gemm: the two paths
     * then share no compiled caller, and VectorGemm.gemm keeps the shape (and C2 inlining decisions) it has without
     * the narrow path.
     */

    @Override
    public void gemm(int m, int n, int k, double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                     double beta, double[] c, int cOff, int ldc) {
        if (NarrowGemm.takes(m, n)) {
            NarrowGemm.gemm(VectorGemm.Form.NN, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            VectorGemm.gemm(VectorGemm.Form.NN, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    @Override
    public void gemmNT(int m, int n, int k, double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                       double beta, double[] c, int cOff, int ldc) {
        if (NarrowGemm.takes(m, n)) {
            NarrowGemm.gemm(VectorGemm.Form.NT, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            VectorGemm.gemm(VectorGemm.Form.NT, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    @Override
    public void gemmTN(int m, int n, int k, double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                       double beta, double[] c, int cOff, int ldc) {
        if (NarrowGemm.takes(m, n)) {
            NarrowGemm.gemm(VectorGemm.Form.TN, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            VectorGemm.gemm(VectorGemm.Form.TN, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }
}
