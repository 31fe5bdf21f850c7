package dev.eos.geometry;

import dev.eos.models.LeastSquaresEvaluator;

/**
 * The Jacobian J = DF(x) of a least-squares model at a fixed point x as the two CGLS operators J (D -&gt; P) and
 * J^T (P -&gt; D), through the evaluator's jvp and vjp (THEORY 1, implementation note). Holds a copy of x.
 */
final class JacobianOperators {

    final LeastSquaresEvaluator ev;
    final double[] at;

    /** J: parameter directions to output space. */
    final Cgls.Operator jacobian = new Cgls.Operator() {
        @Override
        public void apply(double[] v, double[] out) {
            ev.jvp(at, v, out);
        }

        @Override
        public void applyTranspose(double[] w, double[] out) {
            ev.vjp(at, w, out);
        }
    };

    /** J^T: output space to parameter directions. */
    final Cgls.Operator transpose = new Cgls.Operator() {
        @Override
        public void apply(double[] w, double[] out) {
            ev.vjp(at, w, out);
        }

        @Override
        public void applyTranspose(double[] v, double[] out) {
            ev.jvp(at, v, out);
        }
    };

    JacobianOperators(LeastSquaresEvaluator ev) {
        this.ev = ev;
        this.at = new double[ev.model().dim()];
    }

    void setPoint(double[] x) {
        System.arraycopy(x, 0, at, 0, at.length);
    }
}
