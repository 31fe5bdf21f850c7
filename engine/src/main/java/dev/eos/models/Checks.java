package dev.eos.models;

import java.util.Arrays;

/** Argument checks for model construction: every message names the argument and the shapes involved. */
final class Checks {

    private Checks() {
    }

    /** "(3, 4)"-style shape text. */
    static String shape(int... dims) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            s.append(i == 0 ? "" : ", ").append(dims[i]);
        }
        return s.append(dims.length == 1 ? ",)" : ")").toString();
    }

    static void positive(String what, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + v);
        }
    }

    /** Requires data != null with exactly the given shape (given as the expected dims; actual is the array's). */
    static void shapeIs(String what, double[] data, int[] actual, int... expected) {
        if (data == null) {
            throw new IllegalArgumentException(what + " is missing (expected shape " + shape(expected) + ")");
        }
        if (actual != null && !Arrays.equals(actual, expected)) {
            throw new IllegalArgumentException(what + " has shape " + shape(actual) + ", expected " + shape(expected));
        }
        long n = 1;
        for (int e : expected) {
            n *= e;
        }
        if (data.length != n) {
            throw new IllegalArgumentException(what + " has " + data.length + " elements, expected shape "
                    + shape(expected) + " = " + n + " elements");
        }
    }

    /** Requires every entry to be finite, naming the first bad (row-major) index. */
    static void finite(String what, double[] data, int... shape) {
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw new IllegalArgumentException(what + " (shape " + shape(shape) + ") contains " + data[i]
                        + " at flat index " + i + "; every entry must be finite");
            }
        }
    }

    static void finite(String what, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be finite, got " + v);
        }
    }

    /**
     * Requires a square n x n matrix symmetric up to rounding (|a_ij - a_ji| &le; 1e-12 max|a|, the size of
     * rounding in a matrix NumPy computed as X + X.T or Q diag Q^T), and returns its exact symmetrisation.
     */
    static double[] symmetric(String what, double[] a, int n) {
        double max = 0;
        for (double v : a) {
            max = Math.max(max, Math.abs(v));
        }
        double tol = 1e-12 * max;
        double[] s = a.clone();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double x = a[i * n + j], y = a[j * n + i];
                if (Math.abs(x - y) > tol) {
                    throw new IllegalArgumentException(what + " (shape " + shape(n, n) + ") must be symmetric: entry ("
                            + i + ", " + j + ") = " + x + " but (" + j + ", " + i + ") = " + y);
                }
                double m = 0.5 * (x + y);
                s[i * n + j] = m;
                s[j * n + i] = m;
            }
        }
        return s;
    }
}
