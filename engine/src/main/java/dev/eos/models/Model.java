package dev.eos.models;

import java.util.Optional;

/**
 * A smooth loss L: R^D -> R with analytic, fused derivatives (THEORY.md sections 1, 3, 6). A model is immutable
 * and shared between threads; all evaluation goes through an {@link Evaluator}, which owns every buffer (one per
 * thread, no allocation per call after construction).
 *
 * <p>Parameters are one flat float64 vector of length {@link #dim()}, in the layout {@link #layout()} describes;
 * users load and save it as .npy.
 */
public interface Model {

    /** The model's command-line name, e.g. "deep-linear". */
    String name();

    /** The number of parameters D. */
    int dim();

    /** The known minimum loss L_min (0 for realizable problems), or NaN when the model does not know it. */
    double minLoss();

    /** A new evaluator (a workspace with its own buffers). Use one per thread. */
    Evaluator evaluator();

    /** One line describing the flat parameter layout, e.g. "W_1 (4x4), then W_2 ..., each row-major". */
    String layout();

    /** A short human description of the model and its data, for run metadata. */
    default String describe() {
        return name() + " (D = " + dim() + ")";
    }

    /**
     * Rank M of the Hessian on the minimizer manifold Gamma (the normal-space dimension), or -1 when unknown.
     * THEORY 1: where Gamma is non-degenerate, T Gamma = ker H and the normal space is the top-M eigenspace.
     */
    default int normalRank() {
        return -1;
    }

    /**
     * Why the minimizer set of this model is not the smooth non-degenerate manifold the theory needs (e.g. layers
     * wider than rank M, THEORY 6.1-6.2), or empty when it is. Quantities the theory does not define there (P_T,
     * limiting flows) should be refused with this message.
     */
    default Optional<String> degenerateManifold() {
        return Optional.empty();
    }

    /**
     * The closed-form Phi and tangent projection of this model when it has them (the quadratic and the toys, THEORY 3
     * and 6.4; matrix sensing with one diagonal measurement, such as the ellipse of THEORY 6.2), else empty.
     * Geometry code prefers them over ODE integration. Default: the model itself when it implements
     * {@link ClosedFormGeometry}.
     */
    default Optional<ClosedFormGeometry> closedFormGeometry() {
        return this instanceof ClosedFormGeometry g ? Optional.of(g) : Optional.empty();
    }

    /** The dense Hessian at x, D x D row-major, built from D HVPs (tests and the exact path; small D only). */
    default double[] denseHessian(double[] x) {
        int d = dim();
        double[] h = new double[d * d];
        double[] e = new double[d];
        double[] col = new double[d];
        Evaluator ev = evaluator();
        for (int j = 0; j < d; j++) {
            e[j] = 1;
            ev.hvp(x, e, col);
            e[j] = 0;
            for (int i = 0; i < d; i++) {
                h[i * d + j] = col[i];
            }
        }
        // symmetrise the rounding: H is symmetric in exact arithmetic
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double s = 0.5 * (h[i * d + j] + h[j * d + i]);
                h[i * d + j] = s;
                h[j * d + i] = s;
            }
        }
        return h;
    }
}
