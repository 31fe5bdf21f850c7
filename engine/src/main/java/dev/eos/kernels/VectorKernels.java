package dev.eos.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the JDK Vector API (incubator). Loaded only by {@link KernelProvider} when the module is present, so the
 * scalar path never touches {@code DoubleVector}.
 *
 * <p>Shape of every loop: a main loop unrolled over independent accumulators, a vector tail to the loop bound, a
 * scalar tail. Horizontal sums go through {@link #sumLanes}, which adds lanes in a fixed order
 * ({@code reduceLanes(ADD)} does not promise one), so results are bit-reproducible across interpreter and JIT.
 */
final class VectorKernels implements Kernels {

    /** The species, fixed at class initialisation (a constant for C2). */
    static final VectorSpecies<Double> S = chooseSpecies();
    static final int L = S.length();

    VectorKernels() {
    }

    /** The preferred species, or the width forced by {@value KernelProvider#BITS_PROPERTY} (128, 256 or 512). */
    private static VectorSpecies<Double> chooseSpecies() {
        int bits = KernelProvider.forcedBits();
        return bits == 0 ? DoubleVector.SPECIES_PREFERRED
                : VectorSpecies.of(double.class, jdk.incubator.vector.VectorShape.forBitSize(bits));
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

    /** Sum of the lanes of v, left to right: a fixed order, the same in every execution mode. */
    static double sumLanes(DoubleVector v) {
        double s = v.lane(0);
        for (int i = 1; i < L; i++) {
            s += v.lane(i);
        }
        return s;
    }

    // ---------------------------------------------------------------- level 1

    @Override
    public double dot(int n, double[] x, int xOff, double[] y, int yOff) {
        DoubleVector a0 = DoubleVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int i = 0;
        for (; i + 4 * L <= n; i += 4 * L) {
            a0 = DoubleVector.fromArray(S, x, xOff + i).fma(DoubleVector.fromArray(S, y, yOff + i), a0);
            a1 = DoubleVector.fromArray(S, x, xOff + i + L).fma(DoubleVector.fromArray(S, y, yOff + i + L), a1);
            a2 = DoubleVector.fromArray(S, x, xOff + i + 2 * L).fma(DoubleVector.fromArray(S, y, yOff + i + 2 * L), a2);
            a3 = DoubleVector.fromArray(S, x, xOff + i + 3 * L).fma(DoubleVector.fromArray(S, y, yOff + i + 3 * L), a3);
        }
        for (; i + L <= n; i += L) {
            a0 = DoubleVector.fromArray(S, x, xOff + i).fma(DoubleVector.fromArray(S, y, yOff + i), a0);
        }
        double s = sumLanes(a0.add(a1).add(a2.add(a3)));
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
        for (; i + L <= n; i += L) {
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
        for (; i + 2 * L <= n; i += 2 * L) {
            DoubleVector a = DoubleVector.fromArray(S, x, xOff + i).mul(f);
            DoubleVector b = DoubleVector.fromArray(S, x, xOff + i + L).mul(f);
            t0 = a.fma(a, t0);
            t1 = b.fma(b, t1);
        }
        for (; i + L <= n; i += L) {
            DoubleVector a = DoubleVector.fromArray(S, x, xOff + i).mul(f);
            t0 = a.fma(a, t0);
        }
        double t = sumLanes(t0.add(t1));
        for (; i < n; i++) {
            double a = x[xOff + i] * f;
            t = Math.fma(a, a, t);
        }
        return Math.scalb(Math.sqrt(t), e);
    }

    @Override
    public void axpy(int n, double alpha, double[] x, int xOff, double[] y, int yOff) {
        if (alpha == 0) {
            return;
        }
        DoubleVector va = DoubleVector.broadcast(S, alpha);
        int i = 0;
        for (; i + 2 * L <= n; i += 2 * L) {
            va.fma(DoubleVector.fromArray(S, x, xOff + i), DoubleVector.fromArray(S, y, yOff + i))
                    .intoArray(y, yOff + i);
            va.fma(DoubleVector.fromArray(S, x, xOff + i + L), DoubleVector.fromArray(S, y, yOff + i + L))
                    .intoArray(y, yOff + i + L);
        }
        for (; i + L <= n; i += L) {
            va.fma(DoubleVector.fromArray(S, x, xOff + i), DoubleVector.fromArray(S, y, yOff + i))
                    .intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
        }
    }

    @Override
    public void axpby(int n, double alpha, double[] x, int xOff, double beta, double[] y, int yOff) {
        int i = 0;
        if (beta == 0) {
            for (; i + L <= n; i += L) {
                DoubleVector.fromArray(S, x, xOff + i).mul(alpha).intoArray(y, yOff + i);
            }
            for (; i < n; i++) {
                y[yOff + i] = alpha * x[xOff + i];
            }
            return;
        }
        DoubleVector va = DoubleVector.broadcast(S, alpha);
        for (; i + L <= n; i += L) {
            DoubleVector by = DoubleVector.fromArray(S, y, yOff + i).mul(beta);
            va.fma(DoubleVector.fromArray(S, x, xOff + i), by).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = Math.fma(alpha, x[xOff + i], beta * y[yOff + i]);
        }
    }

    @Override
    public void scal(int n, double alpha, double[] x, int xOff) {
        int i = 0;
        for (; i + L <= n; i += L) {
            DoubleVector.fromArray(S, x, xOff + i).mul(alpha).intoArray(x, xOff + i);
        }
        for (; i < n; i++) {
            x[xOff + i] *= alpha;
        }
    }

    // ---------------------------------------------------------------- level 2

    @Override
    public void gemv(int m, int n, double alpha, double[] a, int aOff, int lda, double[] x, int xOff,
                     double beta, double[] y, int yOff) {
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int r0 = aOff + i * lda, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda;
            DoubleVector c0 = DoubleVector.zero(S), c1 = c0, c2 = c0, c3 = c0;
            int j = 0;
            for (; j + L <= n; j += L) {
                DoubleVector xv = DoubleVector.fromArray(S, x, xOff + j);
                c0 = DoubleVector.fromArray(S, a, r0 + j).fma(xv, c0);
                c1 = DoubleVector.fromArray(S, a, r1 + j).fma(xv, c1);
                c2 = DoubleVector.fromArray(S, a, r2 + j).fma(xv, c2);
                c3 = DoubleVector.fromArray(S, a, r3 + j).fma(xv, c3);
            }
            double d0 = sumLanes(c0), d1 = sumLanes(c1), d2 = sumLanes(c2), d3 = sumLanes(c3);
            for (; j < n; j++) {
                double xj = x[xOff + j];
                d0 = Math.fma(a[r0 + j], xj, d0);
                d1 = Math.fma(a[r1 + j], xj, d1);
                d2 = Math.fma(a[r2 + j], xj, d2);
                d3 = Math.fma(a[r3 + j], xj, d3);
            }
            store(alpha, d0, beta, y, yOff + i);
            store(alpha, d1, beta, y, yOff + i + 1);
            store(alpha, d2, beta, y, yOff + i + 2);
            store(alpha, d3, beta, y, yOff + i + 3);
        }
        for (; i < m; i++) {
            store(alpha, dot(n, a, aOff + i * lda, x, xOff), beta, y, yOff + i);
        }
    }

    private static void store(double alpha, double d, double beta, double[] y, int idx) {
        y[idx] = beta == 0 ? alpha * d : Math.fma(alpha, d, beta * y[idx]);
    }

    @Override
    public void gemvT(int m, int n, double alpha, double[] a, int aOff, int lda, double[] x, int xOff,
                      double beta, double[] y, int yOff) {
        scaleOrClear(n, beta, y, yOff);
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int r0 = aOff + i * lda, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda;
            double s0 = alpha * x[xOff + i], s1 = alpha * x[xOff + i + 1];
            double s2 = alpha * x[xOff + i + 2], s3 = alpha * x[xOff + i + 3];
            DoubleVector v0 = DoubleVector.broadcast(S, s0), v1 = DoubleVector.broadcast(S, s1);
            DoubleVector v2 = DoubleVector.broadcast(S, s2), v3 = DoubleVector.broadcast(S, s3);
            int j = 0;
            for (; j + L <= n; j += L) {
                DoubleVector acc = DoubleVector.fromArray(S, y, yOff + j);
                acc = v0.fma(DoubleVector.fromArray(S, a, r0 + j), acc);
                acc = v1.fma(DoubleVector.fromArray(S, a, r1 + j), acc);
                acc = v2.fma(DoubleVector.fromArray(S, a, r2 + j), acc);
                acc = v3.fma(DoubleVector.fromArray(S, a, r3 + j), acc);
                acc.intoArray(y, yOff + j);
            }
            for (; j < n; j++) {
                double acc = y[yOff + j];
                acc = Math.fma(s0, a[r0 + j], acc);
                acc = Math.fma(s1, a[r1 + j], acc);
                acc = Math.fma(s2, a[r2 + j], acc);
                acc = Math.fma(s3, a[r3 + j], acc);
                y[yOff + j] = acc;
            }
        }
        for (; i < m; i++) {
            axpy(n, alpha * x[xOff + i], a, aOff + i * lda, y, yOff);
        }
    }

    @Override
    public void ger(int m, int n, double alpha, double[] x, int xOff, double[] y, int yOff,
                    double[] a, int aOff, int lda) {
        for (int i = 0; i < m; i++) {
            axpy(n, alpha * x[xOff + i], y, yOff, a, aOff + i * lda);
        }
    }

    // ---------------------------------------------------------------- level 3

    @Override
    public void gemm(int m, int n, int k, double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                     double beta, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            scaleOrClear(n, beta, c, cOff + i * ldc);
        }
        // A(i, p) at aOff + i*lda + p
        rankUpdates(m, n, k, alpha, a, aOff, lda, 1, b, bOff, ldb, c, cOff, ldc);
    }

    @Override
    public void gemmTN(int m, int n, int k, double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                       double beta, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            scaleOrClear(n, beta, c, cOff + i * ldc);
        }
        // A^T(i, p) = A(p, i) at aOff + p*lda + i
        rankUpdates(m, n, k, alpha, a, aOff, 1, lda, b, bOff, ldb, c, cOff, ldc);
    }

    /**
     * C += alpha * A B with A(i, p) at a[aOff + i*ars + p*acs], B k x n row-major: a register tile of 4 rows x 2
     * vectors of C kept in registers over the whole p loop, which reads one row of B per step.
     */
    private static void rankUpdates(int m, int n, int k, double alpha, double[] a, int aOff, int ars, int acs,
                                    double[] b, int bOff, int ldb, double[] c, int cOff, int ldc) {
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int a0 = aOff + i * ars, a1 = a0 + ars, a2 = a1 + ars, a3 = a2 + ars;
            int c0 = cOff + i * ldc, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
            int j = 0;
            for (; j + 2 * L <= n; j += 2 * L) {
                DoubleVector x00 = DoubleVector.fromArray(S, c, c0 + j), x01 = DoubleVector.fromArray(S, c, c0 + j + L);
                DoubleVector x10 = DoubleVector.fromArray(S, c, c1 + j), x11 = DoubleVector.fromArray(S, c, c1 + j + L);
                DoubleVector x20 = DoubleVector.fromArray(S, c, c2 + j), x21 = DoubleVector.fromArray(S, c, c2 + j + L);
                DoubleVector x30 = DoubleVector.fromArray(S, c, c3 + j), x31 = DoubleVector.fromArray(S, c, c3 + j + L);
                for (int p = 0; p < k; p++) {
                    int bp = bOff + p * ldb + j;
                    DoubleVector b0 = DoubleVector.fromArray(S, b, bp), b1 = DoubleVector.fromArray(S, b, bp + L);
                    int ap = p * acs;
                    DoubleVector v0 = DoubleVector.broadcast(S, alpha * a[a0 + ap]);
                    DoubleVector v1 = DoubleVector.broadcast(S, alpha * a[a1 + ap]);
                    DoubleVector v2 = DoubleVector.broadcast(S, alpha * a[a2 + ap]);
                    DoubleVector v3 = DoubleVector.broadcast(S, alpha * a[a3 + ap]);
                    x00 = v0.fma(b0, x00);
                    x01 = v0.fma(b1, x01);
                    x10 = v1.fma(b0, x10);
                    x11 = v1.fma(b1, x11);
                    x20 = v2.fma(b0, x20);
                    x21 = v2.fma(b1, x21);
                    x30 = v3.fma(b0, x30);
                    x31 = v3.fma(b1, x31);
                }
                x00.intoArray(c, c0 + j);
                x01.intoArray(c, c0 + j + L);
                x10.intoArray(c, c1 + j);
                x11.intoArray(c, c1 + j + L);
                x20.intoArray(c, c2 + j);
                x21.intoArray(c, c2 + j + L);
                x30.intoArray(c, c3 + j);
                x31.intoArray(c, c3 + j + L);
            }
            for (; j + L <= n; j += L) {
                DoubleVector x0 = DoubleVector.fromArray(S, c, c0 + j), x1 = DoubleVector.fromArray(S, c, c1 + j);
                DoubleVector x2 = DoubleVector.fromArray(S, c, c2 + j), x3 = DoubleVector.fromArray(S, c, c3 + j);
                for (int p = 0; p < k; p++) {
                    DoubleVector bv = DoubleVector.fromArray(S, b, bOff + p * ldb + j);
                    int ap = p * acs;
                    x0 = DoubleVector.broadcast(S, alpha * a[a0 + ap]).fma(bv, x0);
                    x1 = DoubleVector.broadcast(S, alpha * a[a1 + ap]).fma(bv, x1);
                    x2 = DoubleVector.broadcast(S, alpha * a[a2 + ap]).fma(bv, x2);
                    x3 = DoubleVector.broadcast(S, alpha * a[a3 + ap]).fma(bv, x3);
                }
                x0.intoArray(c, c0 + j);
                x1.intoArray(c, c1 + j);
                x2.intoArray(c, c2 + j);
                x3.intoArray(c, c3 + j);
            }
            for (; j < n; j++) {
                double s0 = c[c0 + j], s1 = c[c1 + j], s2 = c[c2 + j], s3 = c[c3 + j];
                for (int p = 0; p < k; p++) {
                    double bpj = b[bOff + p * ldb + j];
                    int ap = p * acs;
                    s0 = Math.fma(alpha * a[a0 + ap], bpj, s0);
                    s1 = Math.fma(alpha * a[a1 + ap], bpj, s1);
                    s2 = Math.fma(alpha * a[a2 + ap], bpj, s2);
                    s3 = Math.fma(alpha * a[a3 + ap], bpj, s3);
                }
                c[c0 + j] = s0;
                c[c1 + j] = s1;
                c[c2 + j] = s2;
                c[c3 + j] = s3;
            }
        }
        for (; i < m; i++) {
            int ai = aOff + i * ars;
            int ci = cOff + i * ldc;
            for (int p = 0; p < k; p++) {
                // same association as the tiles: alpha*A(i,p) rounded, then fused into C
                double s = alpha * a[ai + p * acs];
                int bp = bOff + p * ldb;
                int j = 0;
                DoubleVector sv = DoubleVector.broadcast(S, s);
                for (; j + L <= n; j += L) {
                    sv.fma(DoubleVector.fromArray(S, b, bp + j), DoubleVector.fromArray(S, c, ci + j))
                            .intoArray(c, ci + j);
                }
                for (; j < n; j++) {
                    c[ci + j] = Math.fma(s, b[bp + j], c[ci + j]);
                }
            }
        }
    }

    @Override
    public void gemmNT(int m, int n, int k, double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                       double beta, double[] c, int cOff, int ldc) {
        // C(i, j) = dot(A row i, B row j): 2 x 2 tiles of dots share their loads.
        int i = 0;
        for (; i + 2 <= m; i += 2) {
            int ai0 = aOff + i * lda, ai1 = ai0 + lda;
            int j = 0;
            for (; j + 2 <= n; j += 2) {
                int bj0 = bOff + j * ldb, bj1 = bj0 + ldb;
                DoubleVector s00 = DoubleVector.zero(S), s01 = s00, s10 = s00, s11 = s00;
                int p = 0;
                for (; p + L <= k; p += L) {
                    DoubleVector x0 = DoubleVector.fromArray(S, a, ai0 + p), x1 = DoubleVector.fromArray(S, a, ai1 + p);
                    DoubleVector y0 = DoubleVector.fromArray(S, b, bj0 + p), y1 = DoubleVector.fromArray(S, b, bj1 + p);
                    s00 = x0.fma(y0, s00);
                    s01 = x0.fma(y1, s01);
                    s10 = x1.fma(y0, s10);
                    s11 = x1.fma(y1, s11);
                }
                double d00 = sumLanes(s00), d01 = sumLanes(s01), d10 = sumLanes(s10), d11 = sumLanes(s11);
                for (; p < k; p++) {
                    d00 = Math.fma(a[ai0 + p], b[bj0 + p], d00);
                    d01 = Math.fma(a[ai0 + p], b[bj1 + p], d01);
                    d10 = Math.fma(a[ai1 + p], b[bj0 + p], d10);
                    d11 = Math.fma(a[ai1 + p], b[bj1 + p], d11);
                }
                int ci0 = cOff + i * ldc + j, ci1 = ci0 + ldc;
                store(alpha, d00, beta, c, ci0);
                store(alpha, d01, beta, c, ci0 + 1);
                store(alpha, d10, beta, c, ci1);
                store(alpha, d11, beta, c, ci1 + 1);
            }
            for (; j < n; j++) {
                int bj = bOff + j * ldb;
                store(alpha, dot(k, a, ai0, b, bj), beta, c, cOff + i * ldc + j);
                store(alpha, dot(k, a, ai1, b, bj), beta, c, cOff + (i + 1) * ldc + j);
            }
        }
        for (; i < m; i++) {
            for (int j = 0; j < n; j++) {
                store(alpha, dot(k, a, aOff + i * lda, b, bOff + j * ldb), beta, c, cOff + i * ldc + j);
            }
        }
    }

    private void scaleOrClear(int n, double beta, double[] y, int yOff) {
        if (beta == 0) {
            java.util.Arrays.fill(y, yOff, yOff + n, 0.0);
        } else if (beta != 1) {
            scal(n, beta, y, yOff);
        }
    }
}
