package dev.eos.testing;

import java.util.Random;

/** Small vector helpers for tests. */
public final class Vec {

    private Vec() {
    }

    public static double norm(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    public static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    public static double[] sub(double[] x, double[] y) {
        double[] z = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            z[i] = x[i] - y[i];
        }
        return z;
    }

    public static double dist(double[] x, double[] y) {
        return norm(sub(x, y));
    }

    public static double[] gaussian(Random r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    public static double[] scale(double a, double[] x) {
        double[] z = x.clone();
        for (int i = 0; i < z.length; i++) {
            z[i] *= a;
        }
        return z;
    }
}
