package dev.eos.testing;

import dev.eos.models.ClosedFormGeometry;
import dev.eos.models.Evaluator;
import dev.eos.models.Model;
import dev.eos.models.SymmetricOperator;

/**
 * Test model L(x) = 1/2 sum_i a_i x_i^2 (a_i &ge; 0): the quadratic of THEORY 3 in its eigenbasis. Gamma = {x_i = 0
 * where a_i &gt; 0}, Phi zeroes those coordinates and P_T keeps the others.
 */
public class DiagonalQuadratic implements Model, ClosedFormGeometry {

    private final double[] a;

    public DiagonalQuadratic(double... a) {
        this.a = a.clone();
    }

    @Override
    public String name() {
        return "diag-quadratic";
    }

    @Override
    public int dim() {
        return a.length;
    }

    @Override
    public double minLoss() {
        return 0;
    }

    @Override
    public String layout() {
        return "x";
    }

    @Override
    public int normalRank() {
        int m = 0;
        for (double v : a) {
            m += v > 0 ? 1 : 0;
        }
        return m;
    }

    @Override
    public void phi(double[] x, double[] out) {
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] > 0 ? 0 : x[i];
        }
    }

    @Override
    public void tangentProject(double[] p, double[] v, double[] out) {
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] > 0 ? 0 : v[i];
        }
    }

    @Override
    public Evaluator evaluator() {
        return new Evaluator() {
            @Override
            public Model model() {
                return DiagonalQuadratic.this;
            }

            @Override
            public double loss(double[] x) {
                double s = 0;
                for (int i = 0; i < a.length; i++) {
                    s += a[i] * x[i] * x[i];
                }
                return 0.5 * s;
            }

            @Override
            public double lossAndGradient(double[] x, double[] g) {
                for (int i = 0; i < a.length; i++) {
                    g[i] = a[i] * x[i];
                }
                return loss(x);
            }

            @Override
            public void hvp(double[] x, double[] v, double[] hv) {
                for (int i = 0; i < a.length; i++) {
                    hv[i] = a[i] * v[i];
                }
            }

            @Override
            public double gradientAndHvp(double[] x, double[] v, double[] g, double[] hv) {
                hvp(x, v, hv);
                return lossAndGradient(x, g);
            }

            @Override
            public void hvpBatch(double[] x, double[] v, int k, double[] hv) {
                for (int j = 0; j < k * a.length; j++) {
                    hv[j] = a[j % a.length] * v[j];
                }
            }

            @Override
            public void curvatureGradient(double[] x, double[] v, double[] out) {
                java.util.Arrays.fill(out, 0.0);
            }

            @Override
            public SymmetricOperator hessianAt(double[] x) {
                return new SymmetricOperator() {
                    @Override
                    public int dim() {
                        return a.length;
                    }

                    @Override
                    public void apply(double[] v, double[] out) {
                        hvp(x, v, out);
                    }
                };
            }
        };
    }
}
