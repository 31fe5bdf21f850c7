package dev.eos.spectral;

import dev.eos.kernels.Kernels;
import java.util.Random;

/**
 * The start of a {@link RestartedSolver} solve: the first block of basis rows from the caller's start vectors (summed
 * per column) or from a recycled subspace (entered lazily, a block at a time), with random vectors orthogonal to the
 * basis where the given ones run out or are dependent.
 */
final class StartBlock {

    private final int n;
    private final int p;
    private final int mb;
    private final Kernels k;
    private final KrylovBasis basis;
    private final Random rng;
    /** Recycled vectors not yet in the basis: rows [next, count) of recycle. */
    private double[] recycle;
    private int next;
    private int count;

    StartBlock(int n, int p, int mb, Kernels k, KrylovBasis basis, Random rng) {
        this.n = n;
        this.p = p;
        this.mb = mb;
        this.k = k;
        this.basis = basis;
        this.rng = rng;
    }

    /**
     * The first block for a plain start: column c is the sum of the normalised start vectors c, c + p, ... (random
     * when none or dependent); returns the block size.
     */
    int initial(double[] start, int j) {
        count = 0;
        next = 0;
        double[] v = basis.v;
        int formed = 0;
        for (int c = 0; c < Math.min(p, n); c++) {
            int off = formed * n;
            java.util.Arrays.fill(v, off, off + n, 0.0);
            for (int i = c; i < j; i += p) {
                double norm = k.nrm2(n, start, i * n);
                if (norm > 0) {
                    k.axpy(n, 1.0 / norm, start, i * n, v, off);
                }
            }
            if (!basis.orthonormalize(formed) && !basis.randomOrthogonal(formed, rng)) {
                break;
            }
            formed++;
        }
        return formed;
    }

    /**
     * The first block for a recycled subspace of j vectors: the first p independent ones (random vectors fill the
     * block); the others join later through {@link #take}, newest first. Returns the block size.
     */
    int recycled(double[] start, int j) {
        recycle = start;
        count = j;
        next = 0;
        int formed = take(0);
        while (formed < Math.min(p, n) && basis.randomOrthogonal(formed, rng)) {
            formed++;
        }
        return formed;
    }

    /** True while recycled vectors wait to join the basis. */
    boolean pending() {
        return next < count;
    }

    /** Moves up to p independent recycled vectors into basis rows from pos on; returns how many. */
    int take(int pos) {
        int formed = 0;
        while (formed < Math.min(p, n) && next < count && pos + formed < mb) {
            System.arraycopy(recycle, next++ * n, basis.v, (pos + formed) * n, n);
            if (basis.orthonormalize(pos + formed)) {
                formed++;
            }
        }
        return formed;
    }
}
