package dev.eos.geometry;

import dev.eos.models.LeastSquaresEvaluator;

/**
 * P_T v = v - J^T (J J^T)^+ J v for a least-squares model at a point of Gamma (THEORY 1, implementation note): the
 * residual of CGLS on min_w ||J^T w - v|| from w = 0, i.e. v minus its projection onto range(J^T) = the normal
 * space. Costs one jvp and one vjp per iteration, works in the output space (P numbers), handles a singular J J^T.
 *
 * <p>Tolerance: CGLS stops when ||J r|| &le; tol sigmaHat ||v|| (r the returned projection, sigmaHat a running
 * estimate of ||J||; see {@link Cgls}), default 1e-12, within {@link #defaultMaxIter} iterations; the reached value
 * is {@link #lastRelativeResidual()}.
 */
public final class LeastSquaresProjector implements TangentProjector {

    /** Default relative tolerance of the normal-equation residual. */
    public static final double DEFAULT_TOL = 1e-12;

    private final JacobianOperators jac;
    private final Cgls cgls;
    private final double tol;
    private final int maxIter;

    /** A projector for the evaluator's model (the evaluator is used by this projector only). */
    public LeastSquaresProjector(LeastSquaresEvaluator ev, double tol, int maxIter) {
        this.jac = new JacobianOperators(ev);
        // A = J^T: rows D, columns P
        this.cgls = new Cgls(ev.model().dim(), ev.outputDim());
        this.tol = tol;
        this.maxIter = maxIter;
    }

    /** 2 min(D, P) + 50: CGLS ends in rank(J) steps in exact arithmetic; the rest absorbs rounding. */
    public static int defaultMaxIter(LeastSquaresEvaluator ev) {
        return 2 * Math.min(ev.model().dim(), ev.outputDim()) + 50;
    }

    @Override
    public String method() {
        return "least-squares";
    }

    @Override
    public TangentProjector at(double[] p) {
        jac.setPoint(p);
        return this;
    }

    @Override
    public void project(double[] v, double[] out) {
        cgls.solve(jac.transpose, v, tol, maxIter);
        System.arraycopy(cgls.residual(), 0, out, 0, out.length);
    }

    /** CGLS iterations of the last projection. */
    public int lastIterations() {
        return cgls.iterations();
    }

    /** ||J P_T v|| / (sigmaHat ||v||) reached by the last projection. */
    public double lastRelativeResidual() {
        return cgls.relativeNormalResidual();
    }
}
