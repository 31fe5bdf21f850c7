package dev.eos.kernels;

import static dev.eos.kernels.VectorKernels.L;
import static dev.eos.kernels.VectorKernels.S;

import jdk.incubator.vector.DoubleVector;

/**
 * Level-2 kernels on the Vector API: {@code y := alpha*A*x + beta*y} and {@code y := alpha*A^T*x + beta*y}.
 *
 * <h2>gemv: blocks of L rows</h2>
 * L rows of A are swept together (one load of x serves L fused multiply-adds; L independent accumulator chains),
 * and the L accumulators are reduced at once by a tree of {@link Lanes#pair} steps into the vector of L dot
 * products, which is scaled and stored as one vector. Per row the order is fixed (see {@link #rowDot}): lane l
 * accumulates columns j = l (mod L) in increasing j, lane 0 adds the row's scalar tail, then the lane tree of
 * {@link Lanes}.
 * Rows past the last full block use the same order one row at a time, so a row's bits do not depend on its block.
 * (The tail is scalar because masked loads made the 8-row block too large for C2 to inline the reduction, and the
 * accumulators passed to it were then boxed: megabytes of garbage per call.)
 *
 * <h2>gemvT: the sum over rows in increasing i</h2>
 * Every y[j] starts at beta*y[j] (0 when beta = 0) and adds fma(alpha*x[i], A[i][j], .) for i = 0, 1, ..., m-1.
 * Two sweeps give these same bits: when A is small ({@value #STRIP_MAX_BYTES} bytes) the columns are taken in
 * strips of 4 vectors held in registers over all rows (y is read and written once); a larger A is read row-major
 * in passes of 8 rows (then 4, then 1), so memory streams stay sequential.
 *
 * <h2>Shapes that did not help at L2-resident sizes (128^2 .. 512 x 256, 512-bit lanes)</h2>
 * Order-preserving variants tried against the blocks above, medians of 14 rounds run one after the other in one
 * JVM: gemv with 16 rows per block (one load of x per 16 rows) 3-7% slower; 8 or 4 rows with two vectors per row
 * per step -1 to +4%. gemvT with 16-row passes 0-15% slower; 4-row passes -7 to +1%; 8-row passes with two y
 * vectors per step within 1%. Both kernels ran at 83-93% of a one-stream read of the same bytes (L2 read roofline
 * 144, 162 and 127 GB/s at 128^2, 256^2 and 512 x 256 in that run), and gemv matched, within 1% at 128^2 and
 * 256^2, a plain sum over the same 8 rows (adds only, no x): the 8 row streams set the pace, not the arithmetic.
 */
final class VectorGemv {

    /**
     * Above this matrix size (bytes) gemvT reads A row by row instead of in column strips (strips won in L1, at
     * 64^2; 8-row passes from 128^2 on: 127 against 105 GB/s at 128^2, 147 against 97 at 256^2).
     */
    static final long STRIP_MAX_BYTES = 64 << 10;

    private VectorGemv() {
    }

    // ---------------------------------------------------------------- gemv

    static void gemv(int m, int n, double alpha, double[] a, int aOff, int lda, double[] x, int xOff,
                     double beta, double[] y, int yOff) {
        int i = 0;
        if (L == 8) {
            for (; i + 8 <= m; i += 8) {
                block8(n, alpha, a, aOff + i * lda, lda, x, xOff, beta, y, yOff + i);
            }
        } else if (L == 4) {
            for (; i + 4 <= m; i += 4) {
                block4(n, alpha, a, aOff + i * lda, lda, x, xOff, beta, y, yOff + i);
            }
        } else {
            for (; i + 2 <= m; i += 2) {
                block2(n, alpha, a, aOff + i * lda, lda, x, xOff, beta, y, yOff + i);
            }
        }
        for (; i < m; i++) {
            double d = rowDot(n, a, aOff + i * lda, x, xOff);
            y[yOff + i] = beta == 0 ? alpha * d : Math.fma(alpha, d, beta * y[yOff + i]);
        }
    }

    /**
     * One row's dot product in the order of every gemv row: lane l of an accumulator sums columns j = l (mod L),
     * j < nb = n - n mod L, in increasing j; lane 0 then adds the tail t = fma(a[j], x[j], t) (from t = 0,
     * j = nb..n-1); then the lane tree of {@link Lanes}.
     */
    static double rowDot(int n, double[] a, int r, double[] x, int xOff) {
        DoubleVector c = DoubleVector.zero(S);
        int nb = n & -L;
        for (int j = 0; j < nb; j += L) {
            c = DoubleVector.fromArray(S, a, r + j).fma(DoubleVector.fromArray(S, x, xOff + j), c);
        }
        if (nb < n) {
            double t = 0;
            for (int j = nb; j < n; j++) {
                t = Math.fma(a[r + j], x[xOff + j], t);
            }
            c = c.withLane(0, c.lane(0) + t);
        }
        if (L == 8) {
            c = c.add(c.rearrange(Lanes.P4)); // Lanes.fold, written out
        }
        if (L >= 4) {
            c = c.add(c.rearrange(Lanes.P2)); // Lanes.fold, written out
        }
        return c.lane(0) + c.lane(1); // the last level: lane 0 of fold(c, P1)
    }

    private static void block8(int n, double alpha, double[] a, int r0, int lda, double[] x, int xOff,
                               double beta, double[] y, int yOff) {
        int r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda, r4 = r3 + lda, r5 = r4 + lda, r6 = r5 + lda, r7 = r6 + lda;
        DoubleVector c0 = DoubleVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        int nb = n & -L;
        for (int j = 0; j < nb; j += L) {
            DoubleVector xv = DoubleVector.fromArray(S, x, xOff + j);
            c0 = DoubleVector.fromArray(S, a, r0 + j).fma(xv, c0);
            c1 = DoubleVector.fromArray(S, a, r1 + j).fma(xv, c1);
            c2 = DoubleVector.fromArray(S, a, r2 + j).fma(xv, c2);
            c3 = DoubleVector.fromArray(S, a, r3 + j).fma(xv, c3);
            c4 = DoubleVector.fromArray(S, a, r4 + j).fma(xv, c4);
            c5 = DoubleVector.fromArray(S, a, r5 + j).fma(xv, c5);
            c6 = DoubleVector.fromArray(S, a, r6 + j).fma(xv, c6);
            c7 = DoubleVector.fromArray(S, a, r7 + j).fma(xv, c7);
        }
        if (nb < n) { // the tail of each row into its lane 0, as in rowDot
            double t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0, t6 = 0, t7 = 0;
            for (int j = nb; j < n; j++) {
                double xj = x[xOff + j];
                t0 = Math.fma(a[r0 + j], xj, t0);
                t1 = Math.fma(a[r1 + j], xj, t1);
                t2 = Math.fma(a[r2 + j], xj, t2);
                t3 = Math.fma(a[r3 + j], xj, t3);
                t4 = Math.fma(a[r4 + j], xj, t4);
                t5 = Math.fma(a[r5 + j], xj, t5);
                t6 = Math.fma(a[r6 + j], xj, t6);
                t7 = Math.fma(a[r7 + j], xj, t7);
            }
            c0 = c0.withLane(0, c0.lane(0) + t0);
            c1 = c1.withLane(0, c1.lane(0) + t1);
            c2 = c2.withLane(0, c2.lane(0) + t2);
            c3 = c3.withLane(0, c3.lane(0) + t3);
            c4 = c4.withLane(0, c4.lane(0) + t4);
            c5 = c5.withLane(0, c5.lane(0) + t5);
            c6 = c6.withLane(0, c6.lane(0) + t6);
            c7 = c7.withLane(0, c7.lane(0) + t7);
        }
        // the L row sums at once (lane r = row r: accumulators enter the tree in bit-reversed order), then
        // y := alpha*d + beta*y lane-wise (beta = 0 overwrites)
        DoubleVector d = Lanes.pair(
                Lanes.pair(Lanes.pair(c0, c4, Lanes.M4, Lanes.P4), Lanes.pair(c2, c6, Lanes.M4, Lanes.P4), Lanes.M2,
                        Lanes.P2),
                Lanes.pair(Lanes.pair(c1, c5, Lanes.M4, Lanes.P4), Lanes.pair(c3, c7, Lanes.M4, Lanes.P4), Lanes.M2,
                        Lanes.P2),
                Lanes.M1, Lanes.P1);
        if (beta == 0) {
            d.mul(alpha).intoArray(y, yOff);
        } else {
            DoubleVector.broadcast(S, alpha).fma(d, DoubleVector.fromArray(S, y, yOff).mul(beta)).intoArray(y, yOff);
        }
    }

    private static void block4(int n, double alpha, double[] a, int r0, int lda, double[] x, int xOff,
                               double beta, double[] y, int yOff) {
        int r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda;
        DoubleVector c0 = DoubleVector.zero(S), c1 = c0, c2 = c0, c3 = c0;
        int nb = n & -L;
        for (int j = 0; j < nb; j += L) {
            DoubleVector xv = DoubleVector.fromArray(S, x, xOff + j);
            c0 = DoubleVector.fromArray(S, a, r0 + j).fma(xv, c0);
            c1 = DoubleVector.fromArray(S, a, r1 + j).fma(xv, c1);
            c2 = DoubleVector.fromArray(S, a, r2 + j).fma(xv, c2);
            c3 = DoubleVector.fromArray(S, a, r3 + j).fma(xv, c3);
        }
        if (nb < n) {
            double t0 = 0, t1 = 0, t2 = 0, t3 = 0;
            for (int j = nb; j < n; j++) {
                double xj = x[xOff + j];
                t0 = Math.fma(a[r0 + j], xj, t0);
                t1 = Math.fma(a[r1 + j], xj, t1);
                t2 = Math.fma(a[r2 + j], xj, t2);
                t3 = Math.fma(a[r3 + j], xj, t3);
            }
            c0 = c0.withLane(0, c0.lane(0) + t0);
            c1 = c1.withLane(0, c1.lane(0) + t1);
            c2 = c2.withLane(0, c2.lane(0) + t2);
            c3 = c3.withLane(0, c3.lane(0) + t3);
        }
        // the L row sums at once (lane r = row r: accumulators enter the tree in bit-reversed order), then
        // y := alpha*d + beta*y lane-wise (beta = 0 overwrites)
        DoubleVector d = Lanes.pair(Lanes.pair(c0, c2, Lanes.M2, Lanes.P2), Lanes.pair(c1, c3, Lanes.M2, Lanes.P2),
                Lanes.M1, Lanes.P1);
        if (beta == 0) {
            d.mul(alpha).intoArray(y, yOff);
        } else {
            DoubleVector.broadcast(S, alpha).fma(d, DoubleVector.fromArray(S, y, yOff).mul(beta)).intoArray(y, yOff);
        }
    }

    private static void block2(int n, double alpha, double[] a, int r0, int lda, double[] x, int xOff,
                               double beta, double[] y, int yOff) {
        int r1 = r0 + lda;
        DoubleVector c0 = DoubleVector.zero(S), c1 = c0;
        int nb = n & -L;
        for (int j = 0; j < nb; j += L) {
            DoubleVector xv = DoubleVector.fromArray(S, x, xOff + j);
            c0 = DoubleVector.fromArray(S, a, r0 + j).fma(xv, c0);
            c1 = DoubleVector.fromArray(S, a, r1 + j).fma(xv, c1);
        }
        if (nb < n) {
            double t0 = 0, t1 = 0;
            for (int j = nb; j < n; j++) {
                double xj = x[xOff + j];
                t0 = Math.fma(a[r0 + j], xj, t0);
                t1 = Math.fma(a[r1 + j], xj, t1);
            }
            c0 = c0.withLane(0, c0.lane(0) + t0);
            c1 = c1.withLane(0, c1.lane(0) + t1);
        }
        // two lanes: the sums by lane extraction (C2 does not compile 2-lane double permutes here: they would box),
        // stored with the same formula as the wider blocks
        double d0 = c0.lane(0) + c0.lane(1), d1 = c1.lane(0) + c1.lane(1);
        y[yOff] = beta == 0 ? alpha * d0 : Math.fma(alpha, d0, beta * y[yOff]);
        y[yOff + 1] = beta == 0 ? alpha * d1 : Math.fma(alpha, d1, beta * y[yOff + 1]);
    }

    // ---------------------------------------------------------------- gemvT

    static void gemvT(int m, int n, double alpha, double[] a, int aOff, int lda, double[] x, int xOff,
                      double beta, double[] y, int yOff) {
        if ((long) m * n * 8 <= STRIP_MAX_BYTES) {
            strips(m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
        } else {
            rowPasses(m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
        }
    }

    /**
     * The start of y[j..j+L): beta*y, or zero when beta = 0 (y unread). Times 1 is exact, so beta = 1 needs no case.
     * Under 35 bytecodes, so always inlined (a vector returned by a call C2 does not inline is boxed).
     */
    private static DoubleVector start(double beta, double[] y, int idx) {
        return beta == 0 ? DoubleVector.zero(S) : DoubleVector.fromArray(S, y, idx).mul(beta);
    }

    /** Column strips held in registers across all m rows; A read down the strip (fits L2). */
    private static void strips(int m, int n, double alpha, double[] a, int aOff, int lda, double[] x, int xOff,
                               double beta, double[] y, int yOff) {
        int j = 0;
        for (int n4 = n - 4 * L; j <= n4; j += 4 * L) {
            DoubleVector c0 = start(beta, y, yOff + j), c1 = start(beta, y, yOff + j + L);
            DoubleVector c2 = start(beta, y, yOff + j + 2 * L), c3 = start(beta, y, yOff + j + 3 * L);
            int r = aOff + j;
            for (int i = 0; i < m; i++, r += lda) {
                DoubleVector s = DoubleVector.broadcast(S, alpha * x[xOff + i]);
                c0 = s.fma(DoubleVector.fromArray(S, a, r), c0);
                c1 = s.fma(DoubleVector.fromArray(S, a, r + L), c1);
                c2 = s.fma(DoubleVector.fromArray(S, a, r + 2 * L), c2);
                c3 = s.fma(DoubleVector.fromArray(S, a, r + 3 * L), c3);
            }
            c0.intoArray(y, yOff + j);
            c1.intoArray(y, yOff + j + L);
            c2.intoArray(y, yOff + j + 2 * L);
            c3.intoArray(y, yOff + j + 3 * L);
        }
        for (int nv = n & -L; j < nv; j += L) {
            DoubleVector c = start(beta, y, yOff + j);
            int r = aOff + j;
            for (int i = 0; i < m; i++, r += lda) {
                c = DoubleVector.broadcast(S, alpha * x[xOff + i]).fma(DoubleVector.fromArray(S, a, r), c);
            }
            c.intoArray(y, yOff + j);
        }
        if (j < n) { // the last n mod L columns in plain Java, same order (rows outside: independent chains)
            for (int q = j; q < n; q++) {
                y[yOff + q] = beta == 0 ? 0 : beta * y[yOff + q];
            }
            for (int i = 0; i < m; i++) {
                double s = alpha * x[xOff + i];
                int r = aOff + i * lda;
                for (int q = j; q < n; q++) {
                    y[yOff + q] = Math.fma(s, a[r + q], y[yOff + q]);
                }
            }
        }
    }

    /** Passes of 8 rows over y (A read row-major, 8 streams; y stays in L1 for n up to a few thousand). */
    private static void rowPasses(int m, int n, double alpha, double[] a, int aOff, int lda, double[] x, int xOff,
                                  double beta, double[] y, int yOff) {
        int nb = n & -L;
        for (int j = 0; j < nb; j += L) {
            start(beta, y, yOff + j).intoArray(y, yOff + j);
        }
        for (int j = nb; j < n; j++) {
            y[yOff + j] = beta == 0 ? 0 : beta == 1 ? y[yOff + j] : beta * y[yOff + j];
        }
        int i = 0;
        for (; i + 8 <= m; i += 8) {
            int r0 = aOff + i * lda, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda;
            int r4 = r3 + lda, r5 = r4 + lda, r6 = r5 + lda, r7 = r6 + lda;
            double s0 = alpha * x[xOff + i], s1 = alpha * x[xOff + i + 1];
            double s2 = alpha * x[xOff + i + 2], s3 = alpha * x[xOff + i + 3];
            double s4 = alpha * x[xOff + i + 4], s5 = alpha * x[xOff + i + 5];
            double s6 = alpha * x[xOff + i + 6], s7 = alpha * x[xOff + i + 7];
            DoubleVector v0 = DoubleVector.broadcast(S, s0), v1 = DoubleVector.broadcast(S, s1);
            DoubleVector v2 = DoubleVector.broadcast(S, s2), v3 = DoubleVector.broadcast(S, s3);
            DoubleVector v4 = DoubleVector.broadcast(S, s4), v5 = DoubleVector.broadcast(S, s5);
            DoubleVector v6 = DoubleVector.broadcast(S, s6), v7 = DoubleVector.broadcast(S, s7);
            for (int j = 0; j < nb; j += L) {
                DoubleVector acc = DoubleVector.fromArray(S, y, yOff + j);
                acc = v0.fma(DoubleVector.fromArray(S, a, r0 + j), acc);
                acc = v1.fma(DoubleVector.fromArray(S, a, r1 + j), acc);
                acc = v2.fma(DoubleVector.fromArray(S, a, r2 + j), acc);
                acc = v3.fma(DoubleVector.fromArray(S, a, r3 + j), acc);
                acc = v4.fma(DoubleVector.fromArray(S, a, r4 + j), acc);
                acc = v5.fma(DoubleVector.fromArray(S, a, r5 + j), acc);
                acc = v6.fma(DoubleVector.fromArray(S, a, r6 + j), acc);
                acc = v7.fma(DoubleVector.fromArray(S, a, r7 + j), acc);
                acc.intoArray(y, yOff + j);
            }
            for (int j = nb; j < n; j++) {
                double acc = y[yOff + j];
                acc = Math.fma(s0, a[r0 + j], acc);
                acc = Math.fma(s1, a[r1 + j], acc);
                acc = Math.fma(s2, a[r2 + j], acc);
                acc = Math.fma(s3, a[r3 + j], acc);
                acc = Math.fma(s4, a[r4 + j], acc);
                acc = Math.fma(s5, a[r5 + j], acc);
                acc = Math.fma(s6, a[r6 + j], acc);
                acc = Math.fma(s7, a[r7 + j], acc);
                y[yOff + j] = acc;
            }
        }
        for (; i + 4 <= m; i += 4) {
            int r0 = aOff + i * lda, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda;
            double s0 = alpha * x[xOff + i], s1 = alpha * x[xOff + i + 1];
            double s2 = alpha * x[xOff + i + 2], s3 = alpha * x[xOff + i + 3];
            DoubleVector v0 = DoubleVector.broadcast(S, s0), v1 = DoubleVector.broadcast(S, s1);
            DoubleVector v2 = DoubleVector.broadcast(S, s2), v3 = DoubleVector.broadcast(S, s3);
            for (int j = 0; j < nb; j += L) {
                DoubleVector acc = DoubleVector.fromArray(S, y, yOff + j);
                acc = v0.fma(DoubleVector.fromArray(S, a, r0 + j), acc);
                acc = v1.fma(DoubleVector.fromArray(S, a, r1 + j), acc);
                acc = v2.fma(DoubleVector.fromArray(S, a, r2 + j), acc);
                acc = v3.fma(DoubleVector.fromArray(S, a, r3 + j), acc);
                acc.intoArray(y, yOff + j);
            }
            for (int j = nb; j < n; j++) {
                double acc = y[yOff + j];
                acc = Math.fma(s0, a[r0 + j], acc);
                acc = Math.fma(s1, a[r1 + j], acc);
                acc = Math.fma(s2, a[r2 + j], acc);
                acc = Math.fma(s3, a[r3 + j], acc);
                y[yOff + j] = acc;
            }
        }
        for (; i < m; i++) {
            double s = alpha * x[xOff + i];
            int r = aOff + i * lda;
            DoubleVector v = DoubleVector.broadcast(S, s);
            for (int j = 0; j < nb; j += L) {
                v.fma(DoubleVector.fromArray(S, a, r + j), DoubleVector.fromArray(S, y, yOff + j))
                        .intoArray(y, yOff + j);
            }
            for (int j = nb; j < n; j++) {
                y[yOff + j] = Math.fma(s, a[r + j], y[yOff + j]);
            }
        }
    }
}
