package dev.eos.geometry;

import dev.eos.models.ClosedFormGeometry;
import dev.eos.models.LeastSquaresEvaluator;
import dev.eos.models.Model;

/**
 * How a {@link LimitingFlow} puts a point back onto Gamma after a step (THEORY 4.6): closed-form Phi when the model
 * has it, else the Newton projection x - J^+ (F(x) - y) for least-squares models, else {@link Phi} by gradient flow.
 */
final class Reprojection {

    private final int n;
    private final ClosedFormGeometry closedForm;
    private final NewtonProjection newton;
    private final Phi phi;
    private final double[] tmp;

    Reprojection(Model model, Phi.Options phiOptions) {
        n = model.dim();
        closedForm = model.closedFormGeometry().orElse(null);
        var e2 = closedForm == null ? model.evaluator() : null;
        newton = e2 instanceof LeastSquaresEvaluator ls ? new NewtonProjection(ls) : null;
        phi = new Phi(model, phiOptions);
        tmp = new double[n];
    }

    /** y := its projection onto Gamma, in place (y is O(h^5) off Gamma after an RK4 step). */
    void apply(double[] y) {
        if (closedForm != null) {
            closedForm.phi(y, tmp);
            System.arraycopy(tmp, 0, y, 0, n);
        } else if (newton != null) {
            newton.project(y, 1e-15, 5);
        } else {
            phi.apply(y, y);
        }
    }

    /** The Phi of the flow (its start, and the re-projection of models without closed form or least squares). */
    Phi phi() {
        return phi;
    }

    /** "closed-form", "newton" or "gradient-flow". */
    String name() {
        return closedForm != null ? "closed-form" : newton != null ? "newton" : "gradient-flow";
    }
}
