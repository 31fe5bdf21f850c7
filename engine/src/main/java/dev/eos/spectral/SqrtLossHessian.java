package dev.eos.spectral;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import dev.eos.models.Evaluator;
import dev.eos.models.SymmetricOperator;

/**
 * The Hessian of f = sqrt(L - L_min) at a point, as an operator (THEORY 1 and 5, the authors' Figure-1 notebook):
 * grad^2 f = (2 H - g g^T / (L - L_min)) / (4 sqrt(L - L_min)), with g = grad L and H = grad^2 L at the point. One
 * product costs one model HVP plus a rank-one correction. Defined only where L &gt; L_min (f is a cone on Gamma).
 */
public final class SqrtLossHessian implements SymmetricOperator {

    private final Evaluator ev;
    private final double minLoss;
    private final int n;
    private final double[] g;
    private final Kernels k = KernelProvider.get();
    private SymmetricOperator h;
    private double excess = Double.NaN;

    /** The operator for the model of ev, with the known minimum loss L_min. */
    public SqrtLossHessian(Evaluator ev, double minLoss) {
        if (Double.isNaN(minLoss)) {
            throw new IllegalArgumentException("sqrt(L - L_min) needs a known L_min");
        }
        this.ev = ev;
        this.minLoss = minLoss;
        this.n = ev.model().dim();
        this.g = new double[n];
    }

    /**
     * Moves the operator to x: evaluates L and grad L there and takes the Hessian view of the evaluator (valid until
     * the evaluator is used again). Returns L(x) - L_min; products are defined only when it is &gt; 0.
     */
    public double at(double[] x) {
        excess = ev.lossAndGradient(x, g) - minLoss;
        h = ev.hessianAt(x);
        return excess;
    }

    /** L - L_min at the current point. */
    public double excess() {
        return excess;
    }

    /** grad L at the current point (owned by this operator). */
    public double[] gradient() {
        return g;
    }

    @Override
    public int dim() {
        return n;
    }

    @Override
    public void apply(double[] v, double[] out) {
        h.apply(v, out);
        correct(v, 0, out);
    }

    @Override
    public void applyBatch(double[] v, int count, double[] out) {
        h.applyBatch(v, count, out);
        for (int j = 0; j < count; j++) {
            correct(v, j * n, out);
        }
    }

    /** out := (2 out - g (g.v) / e) / (4 sqrt e) on the block at off, with e = L - L_min. */
    private void correct(double[] v, int off, double[] out) {
        if (!(excess > 0)) {
            throw new IllegalStateException("the Hessian of sqrt(L - L_min) is undefined where L - L_min = " + excess);
        }
        double root = Math.sqrt(excess);
        double gv = k.dot(n, g, 0, v, off);
        k.scal(n, 1 / (2 * root), out, off);
        k.axpy(n, -gv / (4 * excess * root), g, 0, out, off);
    }
}
