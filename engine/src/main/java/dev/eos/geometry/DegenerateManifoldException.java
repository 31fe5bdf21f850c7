package dev.eos.geometry;

/**
 * Thrown where a model's minimizer set is not the non-degenerate manifold the theory needs (THEORY 6.1-6.2, e.g.
 * layers wider than rank M): the tangent projection and the limiting flows are not defined there. The message is
 * the model's own explanation ({@code Model.degenerateManifold()}), meant to be shown once.
 */
public final class DegenerateManifoldException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DegenerateManifoldException(String message) {
        super(message);
    }

    /** Throws when the model says its Gamma is degenerate. */
    static void check(dev.eos.models.Model model) {
        var why = model.degenerateManifold();
        if (why.isPresent()) {
            throw new DegenerateManifoldException(why.get());
        }
    }
}
