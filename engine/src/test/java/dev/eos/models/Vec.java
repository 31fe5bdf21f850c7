package dev.eos.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small vector helpers and a relative-closeness assertion for model tests. */
final class Vec {

    private Vec() {
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static double[] axpy(double alpha, double[] x, double[] y) {
        double[] out = y.clone();
        for (int i = 0; i < x.length; i++) {
            out[i] += alpha * x[i];
        }
        return out;
    }

    static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    /** ||actual - expected||_inf &le; tol * scale, with a message naming both. */
    static void close(double[] expected, double[] actual, double tol, double scale, String what) {
        double err = maxAbsDiff(expected, actual);
        assertTrue(err <= tol * scale, () -> what + ": max |error| = " + err + " > " + tol + " * " + scale);
    }

    static void close(double expected, double actual, double tol, double scale, String what) {
        double err = Math.abs(expected - actual);
        assertTrue(err <= tol * scale, () -> what + ": expected " + expected + ", got " + actual + " (|error| = "
                + err + " > " + tol + " * " + scale + ")");
    }

    /** The top eigenvalue of a dense symmetric n x n matrix (EJML). */
    static double lambdaMax(double[] h, int n) {
        return Dense.symmetricEig(h, n).values()[0];
    }
}
