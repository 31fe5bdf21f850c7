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
        return h;
    }

    private static long mix(long h, double v) {
        return h * 1_000_003L ^ Double.doubleToRawLongBits(v);
    }

    public static void main(String[] args) {
        Kernels k = KernelProvider.get();
        System.out.println(k.name() + " " + k.vectorBits() + " " + Long.toHexString(of(k)));
    }
}
