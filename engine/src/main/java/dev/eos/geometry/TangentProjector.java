package dev.eos.geometry;

import dev.eos.models.LeastSquaresEvaluator;
import dev.eos.models.Model;

/**
 * The tangent projection P_T(p) of THEORY 1 at a point p of Gamma, without any D x D matrix: set the point with
 * {@link #at}, then {@link #project} as many vectors as needed. A workspace (owns its buffers; not thread-safe).
 *
 * <p>{@link #of} chooses, in order of preference:
 * <ul>
 *   <li>closed form, when the model has one ({@link Model#closedFormGeometry()}: quadratic, toys, sensing with one
 *       diagonal measurement): "closed-form";</li>
 *   <li>least squares (H = c J^T J on Gamma): P_T v = v - J^T (J J^T)^+ J v, the CGLS residual of
 *       min_w ||J^T w - v||, a few jvp/vjp products per iteration, no factorisation: "least-squares";</li>
 *   <li>otherwise P_T = I - V_M V_M^T with V_M the top-M Hessian eigenvectors at p (M = {@link Model#normalRank()},
 *       by Lanczos): "eigen".</li>
 * </ul>
 * Models whose Gamma is degenerate ({@link Model#degenerateManifold()}) are refused with a
 * {@link DegenerateManifoldException}.
 */
public interface TangentProjector {

    /** "closed-form", "least-squares" or "eigen". */
    String method();

    /** Sets the point p of Gamma (copied) and precomputes what depends on it; returns this. */
    TangentProjector at(double[] p);

    /** out := P_T(p) v for the point of the last {@link #at}; v and out have length D and do not alias. */
    void project(double[] v, double[] out);

    /**
     * The projector for a model, with default solver tolerances.
     *
     * @throws DegenerateManifoldException when the model's Gamma is degenerate
     * @throws IllegalArgumentException    when the model has neither a closed form, a least-squares structure nor
     *                                     a known normal rank M
     */
    static TangentProjector of(Model model) {
        DegenerateManifoldException.check(model);
        var closedForm = model.closedFormGeometry();
        if (closedForm.isPresent()) {
            return new ClosedFormProjector(model, closedForm.get());
        }
        var ev = model.evaluator();
        if (ev instanceof LeastSquaresEvaluator ls) {
            return new LeastSquaresProjector(ls, LeastSquaresProjector.DEFAULT_TOL,
                    LeastSquaresProjector.defaultMaxIter(ls));
        }
        if (model.normalRank() > 0) {
            return new EigenProjector(model, model.normalRank());
        }
        throw new IllegalArgumentException("cannot project onto the tangent space of Gamma for " + model.name()
                + ": it has no closed form, no least-squares structure and no known normal rank M");
    }
}
