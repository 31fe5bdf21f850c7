package dev.eos.models;

import java.util.Random;

/**
 * A loss of one factor U of shape d x k (parameters: U row-major) that depends on U only through U U^T: symmetric
 * matrix factorization and matrix sensing (THEORY 6.2). What the two share: the layout, the dimension count of the
 * manifold they minimise over, and the random start.
 */
public sealed interface FactorModel extends Model permits SymmetricFactorization, MatrixSensing {

    /** The size d (rows of U). */
    int size();

    /** The columns k of U. */
    int rank();

    @Override
    default int dim() {
        return size() * rank();
    }

    @Override
    default String layout() {
        return "U (" + size() + "x" + rank() + "), row-major";
    }

    /**
     * A random start: every entry of U is scale * N(0, 1/d), drawn from {@code seed} in layout order.
     */
    default double[] randomStart(long seed, double scale) {
        Random rnd = new Random(seed);
        double[] u = new double[dim()];
        double s = scale / Math.sqrt(size());
        for (int i = 0; i < u.length; i++) {
            u[i] = s * rnd.nextGaussian();
        }
        return u;
    }

    /**
     * d k - k(k-1)/2: the dimension of {U U^T : U of shape d x k, rank k}, i.e. the rank of the Jacobian of
     * U -&gt; U U^T at a full-rank U (U and U O give the same product for O in O(k), a k(k-1)/2-dimensional group).
     */
    static int productDimension(int d, int k) {
        return d * k - k * (k - 1) / 2;
    }
}
