package dev.eos.testing;

import dev.eos.models.Evaluator;
import dev.eos.models.LeastSquaresEvaluator;
import dev.eos.models.Model;
import dev.eos.models.SymmetricOperator;
import java.util.Random;

/**
 * Test model: asymmetric factorization L(U, V) = 1/2 ||U V^T - M||_F^2 with U (m x r), V (n x r), parameters U then
 * V, row-major (a two-layer deep linear net, THEORY 6.1 with N = 2). A least-squares model: F = U V^T, c = 1. With
 * rank M = r, Gamma = {U V^T = M} is non-degenerate, of dimension r^2, with normal rank r(m + n - r); J J^T is
 * singular (rank r(m+n-r) &lt; mn when r &lt; min(m, n)), which exercises the pseudo-inverse. min lambda_1 on Gamma =
 * 2 sigma_1(M).
 */
public final class Factorization implements Model {

    final int m, n, r;
    final double[] target;

    public Factorization(int m, int n, int r, double[] target) {
        this.m = m;
        this.n = n;
        this.r = r;
        this.target = target.clone();
    }

    /** A model whose target is U V^T for random U, V (seeded), and that point of Gamma in {@code onGamma}. */
    public static Factorization random(int m, int n, int r, long seed, double[] onGamma) {
        Random rnd = new Random(seed);
        double[] x = new double[(m + n) * r];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        double[] t = new double[m * n];
        product(m, n, r, x, t);
        System.arraycopy(x, 0, onGamma, 0, x.length);
        return new Factorization(m, n, r, t);
    }

    static void product(int m, int n, int r, double[] x, double[] out) {
        int vo = m * r;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int l = 0; l < r; l++) {
                    s += x[i * r + l] * x[vo + j * r + l];
                }
                out[i * n + j] = s;
            }
        }
    }

    @Override
    public String name() {
        return "test-factorization";
    }

    @Override
    public int dim() {
        return (m + n) * r;
    }

    @Override
    public double minLoss() {
        return 0;
    }

    @Override
    public String layout() {
        return "U (" + m + "x" + r + "), then V (" + n + "x" + r + "), row-major";
    }

    @Override
    public int normalRank() {
        return r * (m + n - r);
    }

    @Override
    public Evaluator evaluator() {
        return new Eval();
    }

    private final class Eval implements LeastSquaresEvaluator {
        final double[] res = new double[m * n];
        final double[] e = new double[m * n];
        final double[] at = new double[dim()];
        final SymmetricOperator view = new SymmetricOperator() {
            @Override
            public int dim() {
                return Factorization.this.dim();
            }

            @Override
            public void apply(double[] v, double[] out) {
                hvp(at, v, out);
            }
        };

        @Override
        public Model model() {
            return Factorization.this;
        }

        @Override
        public int outputDim() {
            return m * n;
        }

        @Override
        public double scale() {
            return 1;
        }

        @Override
        public void residual(double[] x, double[] out) {
            product(m, n, r, x, out);
            for (int i = 0; i < m * n; i++) {
                out[i] -= target[i];
            }
        }

        @Override
        public void jvp(double[] x, double[] v, double[] out) {
            // dU V^T + U dV^T
            int vo = m * r;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int l = 0; l < r; l++) {
                        s += v[i * r + l] * x[vo + j * r + l] + x[i * r + l] * v[vo + j * r + l];
                    }
                    out[i * n + j] = s;
                }
            }
        }

        @Override
        public void vjp(double[] x, double[] w, double[] out) {
            // (W V, W^T U)
            int vo = m * r;
            for (int i = 0; i < m; i++) {
                for (int l = 0; l < r; l++) {
                    double s = 0;
                    for (int j = 0; j < n; j++) {
                        s += w[i * n + j] * x[vo + j * r + l];
                    }
                    out[i * r + l] = s;
                }
            }
            for (int j = 0; j < n; j++) {
                for (int l = 0; l < r; l++) {
                    double s = 0;
                    for (int i = 0; i < m; i++) {
                        s += w[i * n + j] * x[i * r + l];
                    }
                    out[vo + j * r + l] = s;
                }
            }
        }

        @Override
        public double loss(double[] x) {
            residual(x, res);
            double s = 0;
            for (double v : res) {
                s += v * v;
            }
            return 0.5 * s;
        }

        @Override
        public double lossAndGradient(double[] x, double[] g) {
            double l = loss(x);
            vjp(x, res, g);
            return l;
        }

        @Override
        public void hvp(double[] x, double[] v, double[] hv) {
            // (E V + R dV, E^T U + R^T dU), E = J v, R = residual
            residual(x, res);
            jvp(x, v, e);
            vjp(x, e, hv);
            int vo = m * r;
            for (int i = 0; i < m; i++) {
                for (int l = 0; l < r; l++) {
                    double s = 0;
                    for (int j = 0; j < n; j++) {
                        s += res[i * n + j] * v[vo + j * r + l];
                    }
                    hv[i * r + l] += s;
                }
            }
            for (int j = 0; j < n; j++) {
                for (int l = 0; l < r; l++) {
                    double s = 0;
                    for (int i = 0; i < m; i++) {
                        s += res[i * n + j] * v[i * r + l];
                    }
                    hv[vo + j * r + l] += s;
                }
            }
        }

        @Override
        public double gradientAndHvp(double[] x, double[] v, double[] g, double[] hv) {
            hvp(x, v, hv);
            return lossAndGradient(x, g);
        }

        @Override
        public void hvpBatch(double[] x, double[] v, int k, double[] hv) {
            int d = dim();
            double[] a = new double[d], b = new double[d];
            for (int j = 0; j < k; j++) {
                System.arraycopy(v, j * d, a, 0, d);
                hvp(x, a, b);
                System.arraycopy(b, 0, hv, j * d, d);
            }
        }

        @Override
        public void curvatureGradient(double[] x, double[] v, double[] out) {
            // q = ||a V^T + U b^T||^2 + 2 <U V^T - M, a b^T>, v = (a, b):
            // dq/dU = 2 E b + 2 a (b^T V), dq/dV = 2 E^T a + 2 b (a^T U), E = a V^T + U b^T
            jvp(x, v, e);
            vjp(v, e, out); // (E b, E^T a): the vjp at the point v
            int vo = m * r;
            for (int i = 0; i < out.length; i++) {
                out[i] *= 2;
            }
            for (int l1 = 0; l1 < r; l1++) {
                for (int l2 = 0; l2 < r; l2++) {
                    double btv = 0, atu = 0; // (b^T V)_{l1 l2}, (a^T U)_{l1 l2}
                    for (int j = 0; j < n; j++) {
                        btv += v[vo + j * r + l1] * x[vo + j * r + l2];
                    }
                    for (int i = 0; i < m; i++) {
                        atu += v[i * r + l1] * x[i * r + l2];
                    }
                    for (int i = 0; i < m; i++) {
                        out[i * r + l2] += 2 * v[i * r + l1] * btv;
                    }
                    for (int j = 0; j < n; j++) {
                        out[vo + j * r + l2] += 2 * v[vo + j * r + l1] * atu;
                    }
                }
            }
        }

        @Override
        public SymmetricOperator hessianAt(double[] x) {
            System.arraycopy(x, 0, at, 0, at.length);
            return view;
        }
    }
}
