package dev.eos.spectral;

import dev.eos.models.Evaluator;
import dev.eos.models.Model;
import dev.eos.models.SymmetricOperator;

/** L(x) = 1/2 x^T A x with a dense symmetric PSD A (THEORY 3), a test model: Gamma = ker A, Phi = projection. */
final class DenseQuadratic implements Model {

    final DenseOperator a;
    private final int rank;

    DenseQuadratic(DenseOperator a, int rank) {
        this.a = a;
        this.rank = rank;
    }

    @Override
    public String name() {
        return "dense-quadratic";
    }

    @Override
    public int dim() {
        return a.n;
    }

    @Override
    public double minLoss() {
        return 0;
    }

    @Override
    public int normalRank() {
        return rank;
    }

    @Override
    public String layout() {
        return "x";
    }

    @Override
    public Evaluator evaluator() {
        return new Evaluator() {
            private final double[] ax = new double[a.n];

            @Override
            public Model model() {
                return DenseQuadratic.this;
            }

            @Override
            public double loss(double[] x) {
                a.apply(x, ax);
                double s = 0;
                for (int i = 0; i < a.n; i++) {
                    s += x[i] * ax[i];
                }
                return 0.5 * s;
            }

            @Override
            public double lossAndGradient(double[] x, double[] grad) {
                a.apply(x, grad);
                double s = 0;
                for (int i = 0; i < a.n; i++) {
                    s += x[i] * grad[i];
                }
                return 0.5 * s;
            }

            @Override
            public void hvp(double[] x, double[] v, double[] hv) {
                a.apply(v, hv);
            }

            @Override
            public double gradientAndHvp(double[] x, double[] v, double[] grad, double[] hv) {
                a.apply(v, hv);
                return lossAndGradient(x, grad);
            }

            @Override
            public void hvpBatch(double[] x, double[] v, int k, double[] hv) {
                a.applyBatch(v, k, hv);
            }

            @Override
            public void curvatureGradient(double[] x, double[] v, double[] out) {
                java.util.Arrays.fill(out, 0.0); // the Hessian is constant
            }

            @Override
            public SymmetricOperator hessianAt(double[] x) {
                return a;
            }
        };
    }
}
