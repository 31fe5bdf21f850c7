package dev.eos.run;

import dev.eos.models.ClosedFormGeometry;
import dev.eos.models.Evaluator;
import dev.eos.models.Model;
import dev.eos.models.SeparableToy;
import java.util.List;

/**
 * Test stand-ins for the run engine's components (ProblemFactory, MetricsFactory and its meters): toy problems
 * (toy2d, toy3d, a tiny deep linear net), a warm-started power-iteration sharpness, and closed-form phase, point
 * metrics and limiting flow on the separable toys (THEORY 6.4).
 */
final class TestKit {

    private TestKit() {
    }

    /** toy2d / toy3d (option "start": list of coordinates) and deep-linear-test (depth, width). */
    static Problem problem(ModelConfig spec, long seed, int threads) {
        switch (spec.name()) {
            case "toy2d", "toy3d" -> {
                SeparableToy m = spec.name().equals("toy2d") ? SeparableToy.toy2d() : SeparableToy.toy3d();
                double[] x = m.defaultStart();
                if (spec.option("start").orElse(null) instanceof List<?> l) {
                    if (l.size() != x.length) {
                        throw new IllegalArgumentException("start must have " + x.length + " entries");
                    }
                    for (int i = 0; i < x.length; i++) {
                        x[i] = ((Number) l.get(i)).doubleValue();
                    }
                }
                return new Problem(m, x);
            }
            case "deep-linear-test" -> {
                TinyDeepLinear m = new TinyDeepLinear((int) spec.longOption("depth", 4),
                        (int) spec.longOption("width", 8), seed);
                return new Problem(m, m.start(seed + 1));
            }
            default -> throw new IllegalArgumentException("unknown model '" + spec.name() + "'");
        }
    }

    /** Every test meter that applies to the model. */
    static Meters meters(RunSpec spec, Model model) {
        SharpnessMeter sharp = new PowerSharpness(model, 30);
        if (model instanceof SeparableToy toy) {
            return new Meters(sharp, x -> distToPhi(toy, x), new ToyPoint(toy, spec), new ToyFlow(toy, spec));
        }
        return new Meters(sharp, null, null, null);
    }

    static RunEngine engine() {
        return new RunEngine(TestKit::problem, SimpleOptimizer.factory(), TestKit::meters);
    }

    static double distToPhi(ClosedFormGeometry g, double[] x) {
        double[] p = new double[x.length];
        g.phi(x, p);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (x[i] - p[i]) * (x[i] - p[i]);
        }
        return Math.sqrt(s);
    }

    /** Top eigenvalue of a toy's Hessian: the (x, y1) 2 x 2 block in closed form, and the constant a_j. */
    static double toyLambdaMax(SeparableToy toy, double[] x) {
        double[] h = toy.denseHessian(x);
        int n = toy.dim();
        double a = h[0], b = h[1], c = h[n + 1];
        double top = (a + c) / 2 + Math.hypot((a - c) / 2, b);
        for (int j = 2; j < n; j++) {
            top = Math.max(top, h[j * n + j]);
        }
        return top;
    }

    /** Warm-started power iteration with a fixed number of HVPs; its vector is checkpointed. */
    static final class PowerSharpness implements SharpnessMeter, Checkpointed {
        private final Evaluator ev;
        private final int iterations;
        private final double[] v;
        private final double[] hv;

        PowerSharpness(Model m, int iterations) {
            this.ev = m.evaluator();
            this.iterations = iterations;
            this.v = new double[m.dim()];
            this.hv = new double[m.dim()];
            java.util.Random r = new java.util.Random(7);
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextGaussian();
            }
        }

        @Override
        public double sharpness(double[] x) {
            double lambda = 0;
            for (int k = 0; k < iterations; k++) {
                ev.hvp(x, v, hv);
                double n = 0;
                double q = 0;
                for (int i = 0; i < v.length; i++) {
                    n += hv[i] * hv[i];
                    q += v[i] * hv[i];
                }
                n = Math.sqrt(n);
                double vn = 0;
                for (double e : v) {
                    vn += e * e;
                }
                lambda = q / vn;
                for (int i = 0; i < v.length; i++) {
                    v[i] = hv[i] / n;
                }
            }
            return lambda;
        }

        @Override
        public void save(CheckpointState out) {
            out.putDoubles("sharpness.v", v);
        }

        @Override
        public void restore(CheckpointState in) {
            double[] s = in.doubles("sharpness.v");
            if (s != null) {
                System.arraycopy(s, 0, v, 0, v.length);
            }
        }
    }

    /** Closed-form expensive metrics on a toy: S_L by sampling the segment (K = 32), dist_to_phi, sharpness_at_phi. */
    static final class ToyPoint implements PointMeter {
        private final SeparableToy toy;
        private final double[] phi;
        private final double[] g;
        private final double[] y;
        private final Evaluator ev;

        ToyPoint(SeparableToy toy, RunSpec spec) {
            this.toy = toy;
            this.phi = new double[toy.dim()];
            this.g = new double[toy.dim()];
            this.y = new double[toy.dim()];
            this.ev = toy.evaluator();
        }

        @Override
        public double[] measure(double[] x, double etaEff, MetricRow row) {
            ev.lossAndGradient(x, g);
            double sup = 0;
            for (int k = 0; k <= 32; k++) {
                double s = etaEff * k / 32;
                for (int i = 0; i < x.length; i++) {
                    y[i] = x[i] - s * g[i];
                }
                sup = Math.max(sup, toyLambdaMax(toy, y));
            }
            row.set(Column.STABLENESS, etaEff * sup);
            toy.phi(x, phi);
            row.set(Column.DIST_TO_PHI, distToPhi(toy, x));
            row.set(Column.SHARPNESS_AT_PHI, toy.a1(phi[0]));
            return phi;
        }
    }

    /** The closed-form limiting flows of THEORY 6.4 on a toy; X_0 is checkpointed. */
    static final class ToyFlow implements FlowMeter, Checkpointed {
        private final SeparableToy toy;
        private final boolean ngd;
        private double x0 = Double.NaN;

        ToyFlow(SeparableToy toy, RunSpec spec) {
            this.toy = toy;
            this.ngd = spec.algorithm().equals("ngd");
        }

        @Override
        public void start(double[] x) {
            double[] p = new double[x.length];
            toy.phi(x, p);
            x0 = p[0];
        }

        @Override
        public void advance(double s, double[] phi, MetricRow row) {
            double xs = ngd ? toy.ngdFlow(x0, s) : toy.sqrtFlow(x0, s);
            row.set(Column.FLOW_SHARPNESS, toy.a1(xs));
            if (phi != null) {
                double d = (phi[0] - xs) * (phi[0] - xs);
                for (int i = 1; i < phi.length; i++) {
                    d += phi[i] * phi[i];
                }
                row.set(Column.FLOW_DIST, Math.sqrt(d));
            }
        }

        @Override
        public void save(CheckpointState out) {
            out.putDoubles("flow.x0", new double[] {x0});
        }

        @Override
        public void restore(CheckpointState in) {
            double[] s = in.doubles("flow.x0");
            if (s != null) {
                x0 = s[0];
            }
        }
    }
}
