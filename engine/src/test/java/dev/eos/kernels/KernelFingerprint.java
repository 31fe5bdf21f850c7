package dev.eos.kernels;

import java.util.Random;

/**
 * A hash of the exact bits every kernel produces on fixed seeded inputs. Run in-process before and after JIT
 * warm-up, and as a main program in JVMs forced to interpret or to stop at C1, it must print the same value.
 */
final class KernelFingerprint {

    private KernelFingerprint() {
    }

    static long of(Kernels k) {
        Random r = new Random(42);
        long h = 17;
        for (int n : new int[] {1, 7, 8, 9, 33, 100, 257}) {
            double[] x = new double[n], y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = r.nextGaussian();
                y[i] = r.nextGaussian();
            }
            h = mix(h, k.dot(n, x, 0, y, 0));
            h = mix(h, k.nrm2(n, x, 0));
            double[] big = x.clone();
            k.scal(n, 1e-160, big, 0);
            h = mix(h, k.nrm2(n, big, 0));
            int m = 5;
            double[] a = new double[m * n], ym = new double[m], yn = y.clone(), xm = new double[m];
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextGaussian();
            }
            for (int i = 0; i < m; i++) {
                xm[i] = r.nextGaussian();
            }
            k.gemv(m, n, 1.0, a, 0, n, x, 0, 0.0, ym, 0);
            // gemv's L-row blocks and their lane tree (m = 5 alone would only take the one-row path)
            int mb = 3 * k.lanes() + 1;
            double[] ab = new double[mb * n], yb = new double[mb];
            for (int i = 0; i < ab.length; i++) {
                ab[i] = r.nextGaussian();
            }
            k.gemv(mb, n, -0.5, ab, 0, n, x, 0, 0.0, yb, 0);
            for (double v : yb) {
                h = mix(h, v);
            }
            k.gemvT(m, n, 0.5, a, 0, n, xm, 0, 1.0, yn, 0);
            for (double v : ym) {
                h = mix(h, v);
            }
            for (double v : yn) {
                h = mix(h, v);
            }
            double[] c = new double[m * m], d = new double[n * n];
            k.gemmNT(m, m, n, 1.0, a, 0, n, a, 0, n, 0.0, c, 0, m);
            k.gemmTN(n, n, m, 1.0, a, 0, n, a, 0, n, 0.0, d, 0, n);
            for (double v : c) {
                h = mix(h, v);
            }
            for (double v : d) {
                h = mix(h, v);
            }
        }
        // the blocked gemm (every dimension > 64: packing, alpha folded into A, edge tiles) and gemvT's row passes
        int q = 70;
        double[] a = new double[q * q], b = new double[q * q], c = new double[q * q];
        long state = r.nextLong() | 1;
        for (int i = 0; i < a.length; i++) { // a cheap fixed sequence (nextGaussian here dominated the warm-up loop)
            state = xorshift(state);
            a[i] = (state >> 11) * 0x1p-53;
            state = xorshift(state);
            b[i] = (state >> 11) * 0x1p-53;
            state = xorshift(state);
            c[i] = (state >> 11) * 0x1p-53;
        }
        k.gemm(q, q, q, 0.5, a, 0, q, b, 0, q, 0.25, c, 0, q);
        for (double v : c) {
            h = mix(h, v);
        }
        int big = 101; // 101 x 101 doubles > 64 KB: gemvT's 8-, 4- and 1-row passes
        double[] t = new double[big * big], xt = new double[big], yt = new double[big];
        for (int i = 0; i < t.length; i++) {
            state = xorshift(state);
            t[i] = (state >> 11) * 0x1p-53;
        }
        for (int i = 0; i < big; i++) {
            xt[i] = r.nextGaussian();
        }
        k.gemvT(big, big, 1.0, t, 0, big, xt, 0, 0.0, yt, 0);
        for (double v : yt) {
            h = mix(h, v);
        }
        return h;
    }

    private static long xorshift(long s) {
        s ^= s << 13;
        s ^= s >>> 7;
        return s ^ (s << 17);
    }

    private static long mix(long h, double v) {
        return h * 1_000_003L ^ Double.doubleToRawLongBits(v);
    }

    public static void main(String[] args) {
        Kernels k = KernelProvider.get();
        System.out.println(k.name() + " " + k.vectorBits() + " " + Long.toHexString(of(k)));
    }
}
