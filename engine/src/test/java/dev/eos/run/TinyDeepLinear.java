package dev.eos.run;

import dev.eos.models.Evaluator;
import dev.eos.models.Model;
import dev.eos.models.SymmetricOperator;
import java.util.Random;

/**
 * Test stand-in for the models issue's deep linear network: L = 1/2 ||W_N ... W_1 - M||_F^2 with square d x d layers
 * (THEORY 6.1), gradient grad_{W_k} = A_k^T R B_k^T by prefix and suffix products; HVPs by central differences of the
 * gradient (test metrics only). Plain loops: a realistic per-step cost for timing the engine, not a fast model.
 */
final class TinyDeepLinear implements Model {

    private final int depth;
    private final int d;
    private final double[] target;

    TinyDeepLinear(int depth, int d, long seed) {
        this.depth = depth;
        this.d = d;
        this.target = new double[d * d];
        Random r = new Random(seed);
        for (int i = 0; i < d; i++) {
            target[i * d + i] = 1 + 0.5 * i / d;
            for (int j = 0; j < d; j++) {
                target[i * d + j] += 0.1 * r.nextGaussian();
            }
        }
    }

    /** A start near the identity layers. */
    double[] start(long seed) {
        Random r = new Random(seed);
        double[] x = new double[dim()];
        for (int k = 0; k < depth; k++) {
            for (int i = 0; i < d; i++) {
                x[k * d * d + i * d + i] = 1;
            }
        }
        for (int i = 0; i < x.length; i++) {
            x[i] += 0.05 * r.nextGaussian();
        }
        return x;
    }

    @Override
    public String name() {
        return "deep-linear-test";
    }

    @Override
    public int dim() {
        return depth * d * d;
    }

    @Override
    public double minLoss() {
        return 0;
    }

    @Override
    public String layout() {
        return "W_1 .. W_N, each " + d + "x" + d + " row-major";
    }

    @Override
    public Evaluator evaluator() {
        return new Eval();
    }

    private final class Eval implements Evaluator {
        private final int dd = d * d;
        private final double[] pre = new double[(depth + 1) * dd]; // pre_k = W_k ... W_1 (pre_0 = I)
        private final double[] suf = new double[(depth + 1) * dd]; // suf_k = W_N ... W_{k+1} (suf_N = I)
        private final double[] res = new double[dd];
        private final double[] tmp = new double[dd];
        private final double[] xp = new double[dim()];
        private final double[] gp = new double[dim()];
        private final double[] gm = new double[dim()];
        private final double[] at = new double[dim()];

        @Override
        public Model model() {
            return TinyDeepLinear.this;
        }

        @Override
        public double loss(double[] x) {
            return lossAndGradient(x, gp);
        }

        @Override
        public double lossAndGradient(double[] x, double[] grad) {
            identity(pre, 0);
            for (int k = 1; k <= depth; k++) {
                mul(x, (k - 1) * dd, pre, (k - 1) * dd, pre, k * dd); // W_k pre_{k-1}
            }
            identity(suf, depth * dd);
            for (int k = depth - 1; k >= 0; k--) {
                mul(suf, (k + 1) * dd, x, k * dd, suf, k * dd); // suf_{k+1} W_{k+1}
            }
            double l = 0;
            for (int i = 0; i < dd; i++) {
                res[i] = pre[depth * dd + i] - target[i];
                l += res[i] * res[i];
            }
            for (int k = 0; k < depth; k++) {
                // grad W_{k+1} = suf_{k+1}^T R pre_k^T
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        double s = 0;
                        for (int q = 0; q < d; q++) {
                            s += suf[(k + 1) * dd + q * d + i] * res[q * d + j];
                        }
                        tmp[i * d + j] = s;
                    }
                }
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        double s = 0;
                        for (int q = 0; q < d; q++) {
                            s += tmp[i * d + q] * pre[k * dd + j * d + q];
                        }
                        grad[k * dd + i * d + j] = s;
                    }
                }
            }
            return 0.5 * l;
        }

        private void identity(double[] a, int off) {
            java.util.Arrays.fill(a, off, off + dd, 0);
            for (int i = 0; i < d; i++) {
                a[off + i * d + i] = 1;
            }
        }

        /** c := a b (d x d), c may not alias a or b. */
        private void mul(double[] a, int ao, double[] b, int bo, double[] c, int co) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double s = 0;
                    for (int q = 0; q < d; q++) {
                        s += a[ao + i * d + q] * b[bo + q * d + j];
                    }
                    c[co + i * d + j] = s;
                }
            }
        }

        @Override
        public void hvp(double[] x, double[] v, double[] hv) {
            double eps = 1e-5;
            for (int i = 0; i < x.length; i++) {
                xp[i] = x[i] + eps * v[i];
            }
            lossAndGradient(xp, gp);
            for (int i = 0; i < x.length; i++) {
                xp[i] = x[i] - eps * v[i];
            }
            lossAndGradient(xp, gm);
            for (int i = 0; i < x.length; i++) {
                hv[i] = (gp[i] - gm[i]) / (2 * eps);
            }
        }

        @Override
        public double gradientAndHvp(double[] x, double[] v, double[] grad, double[] hv) {
            hvp(x, v, hv);
            return lossAndGradient(x, grad);
        }

        @Override
        public void hvpBatch(double[] x, double[] v, int k, double[] hv) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void curvatureGradient(double[] x, double[] v, double[] out) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SymmetricOperator hessianAt(double[] x) {
            System.arraycopy(x, 0, at, 0, at.length);
            return new SymmetricOperator() {
                @Override
                public int dim() {
                    return at.length;
                }

                @Override
                public void apply(double[] v, double[] out) {
                    hvp(at, v, out);
                }
            };
        }
    }
}
