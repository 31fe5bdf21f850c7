package dev.eos.spectral;

import dev.eos.models.Evaluator;
import dev.eos.models.Model;
import dev.eos.models.SymmetricOperator;

/**
 * A test model whose top Hessian eigenvalue has interior maxima along GD segments: L(x, y) = a(x) y^2 / 2 with
 * a(x) = 2 + sin(3x). Gradient (a' y^2 / 2, a y); Hessian [[a'' y^2 / 2, a' y], [a' y, a]].
 */
final class BumpToy implements Model {

    static double a(double x) {
        return 2 + Math.sin(3 * x);
    }

    static double a1(double x) {
        return 3 * Math.cos(3 * x);
    }

    static double a2(double x) {
        return -9 * Math.sin(3 * x);
    }

    static double a3(double x) {
        return -27 * Math.cos(3 * x);
    }

    /** The Hessian at p, 2 x 2 row-major. */
    static double[] hessian(double[] p) {
        double x = p[0];
        double y = p[1];
        return new double[] {0.5 * a2(x) * y * y, a1(x) * y, a1(x) * y, a(x)};
    }

    static double[] gradient(double[] p) {
        return new double[] {0.5 * a1(p[0]) * p[1] * p[1], a(p[0]) * p[1]};
    }

    /** lambda_max of the 2 x 2 Hessian. */
    static double lambda1(double[] p) {
        double[] h = hessian(p);
        return 0.5 * (h[0] + h[3]) + Math.hypot(0.5 * (h[0] - h[3]), h[1]);
    }

    @Override
    public String name() {
        return "bump-toy";
    }

    @Override
    public int dim() {
        return 2;
    }

    @Override
    public double minLoss() {
        return 0;
    }

    @Override
    public String layout() {
        return "(x, y)";
    }

    @Override
    public Evaluator evaluator() {
        return new Evaluator() {
            private final double[] at = new double[2];

            @Override
            public Model model() {
                return BumpToy.this;
            }

            @Override
            public double loss(double[] p) {
                return 0.5 * a(p[0]) * p[1] * p[1];
            }

            @Override
            public double lossAndGradient(double[] p, double[] grad) {
                double[] g = gradient(p);
                grad[0] = g[0];
                grad[1] = g[1];
                return loss(p);
            }

            @Override
            public void hvp(double[] p, double[] v, double[] hv) {
                double[] h = hessian(p);
                hv[0] = h[0] * v[0] + h[1] * v[1];
                hv[1] = h[2] * v[0] + h[3] * v[1];
            }

            @Override
            public double gradientAndHvp(double[] p, double[] v, double[] grad, double[] hv) {
                hvp(p, v, hv);
                return lossAndGradient(p, grad);
            }

            @Override
            public void hvpBatch(double[] p, double[] v, int k, double[] hv) {
                double[] a = new double[2];
                double[] b = new double[2];
                for (int j = 0; j < k; j++) {
                    a[0] = v[2 * j];
                    a[1] = v[2 * j + 1];
                    hvp(p, a, b);
                    hv[2 * j] = b[0];
                    hv[2 * j + 1] = b[1];
                }
            }

            @Override
            public void curvatureGradient(double[] p, double[] v, double[] out) {
                // q = a'' y^2 vx^2 / 2 + 2 a' y vx vy + a vy^2
                double x = p[0];
                double y = p[1];
                double vx = v[0];
                double vy = v[1];
                out[0] = 0.5 * a3(x) * y * y * vx * vx + 2 * a2(x) * y * vx * vy + a1(x) * vy * vy;
                out[1] = a2(x) * y * vx * vx + 2 * a1(x) * vx * vy;
            }

            @Override
            public SymmetricOperator hessianAt(double[] p) {
                at[0] = p[0];
                at[1] = p[1];
                return new SymmetricOperator() {
                    @Override
                    public int dim() {
                        return 2;
                    }

                    @Override
                    public void apply(double[] v, double[] out) {
                        hvp(at, v, out);
                    }
                };
            }
        };
    }
}
