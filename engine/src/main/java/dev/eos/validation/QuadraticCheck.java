package dev.eos.validation;

import dev.eos.models.Model;
import dev.eos.optim.Optimizer;
import dev.eos.optim.Optimizers;
import dev.eos.rates.Verdict;
import dev.eos.run.Column;
import dev.eos.run.ModelConfig;
import dev.eos.run.Problem;
import dev.eos.run.RunSpec;
import dev.eos.spectral.EigenResult;
import dev.eos.spectral.Sharpness;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * quadratic (Theorem 3.1, THEORY 3): on L = 1/2 x^T A x both algorithms become x~ &lt;- x~ - A x~ / ||x~|| with
 * x~ = A x / eta (NGD) or (2A)^{1/2} x / eta (sqrt), for every eta. From generic starts the iterates reach the
 * 2-cycle: ||x~_2t|| + ||x~_2t+1|| -&gt; lambda_1, theta -&gt; 0, the sign along v_1 flips every step and the v_2
 * component vanishes. Nothing depends on eta, so these are limits checked at several etas, not rates.
 */
final class QuadraticCheck implements Check {

    /** A = Q diag(1, 0.6, 0.4, 0.2) Q^T, Q random orthogonal per seed. */
    static final List<Double> SPECTRUM = List.of(1.0, 0.6, 0.4, 0.2);
    /** Relative error allowed at the end: the approach is geometric, so after T steps only rounding is left. */
    static final double TOL = 1e-9;

    @Override
    public String name() {
        return "quadratic";
    }

    @Override
    public String title() {
        return "Theorem 3.1 (THEORY 3): on L = 1/2 x^T A x, A = Q diag(1, 0.6, 0.4, 0.2) Q^T, NGD and GD on sqrt(L) "
                + "reach the 2-cycle x~_2t -> C s lambda_1 v_1, x~_2t+1 -> -(1 - C) s lambda_1 v_1 from generic "
                + "starts at every eta (x~ = A x / eta or (2A)^{1/2} x / eta).";
    }

    private record Result(String algorithm, double eta, long seed, double pairError, double theta, double v2Share,
                          boolean flips, double c) {
    }

    @Override
    public void run(CheckContext ctx) throws Exception {
        double[] etas = ctx.mode().pick(new double[] {0.1, 0.01, 0.001}, new double[] {0.1, 0.01, 0.001, 1e-4});
        long steps = ctx.mode().pick(20_000L, 100_000L);
        ModelConfig base = ModelConfig.of("quadratic").with("spectrum", SPECTRUM);
        Subject subject = new Subject("quadratic", "quadratic D = 4, lambda(A) = (1, 0.6, 0.4, 0.2)", base, 1.0);
        List<CheckContext.Task<Result>> tasks = new ArrayList<>();
        for (String alg : List.of("ngd", "sqrt")) {
            for (double eta : etas) {
                for (long seed = 1; seed <= 3; seed++) {
                    long s = seed;
                    String name = String.format(Locale.ROOT, "quadratic-%s-%s-s%d", alg, EngineRun.eta(eta), s);
                    tasks.add(new CheckContext.Task<>(name, () -> measure(ctx, subject, alg, eta, s, steps, name)));
                }
            }
        }
        List<Result> results = ctx.parallel(tasks);
        for (String alg : List.of("ngd", "sqrt")) {
            double pair = 0;
            double theta = 0;
            double v2 = 0;
            boolean flips = true;
            double cmin = 1;
            double cmax = 0;
            for (Result r : results) {
                if (r.algorithm().equals(alg)) {
                    pair = Math.max(pair, r.pairError());
                    theta = Math.max(theta, r.theta());
                    v2 = Math.max(v2, r.v2Share());
                    flips &= r.flips();
                    cmin = Math.min(cmin, r.c());
                    cmax = Math.max(cmax, r.c());
                }
            }
            boolean ok = pair <= TOL && theta <= TOL && v2 <= TOL && flips;
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("etas", RateEntry.toList(etas));
            d.put("seeds", 3);
            d.put("steps", steps);
            d.put("max_theta", theta);
            d.put("max_v2_share", v2);
            d.put("sign_flips_every_step", flips);
            d.put("amplitude_ratio_C", String.format(Locale.ROOT, "%.4f .. %.4f (init-dependent, THEORY 3)", cmin,
                    cmax));
            ctx.add(new Entry(name(), subject.label() + "; " + alg,
                    "| ||x~_2t|| + ||x~_2t+1|| - lambda_1 | / lambda_1 at the end",
                    "-> 0 (and theta, v_2 share -> 0, sign flips)", String.format(Locale.ROOT, "%.1e", pair), pair,
                    Double.NaN, Double.NaN, ok ? Verdict.PASS : Verdict.FAIL,
                    "pair error, theta and v_2 share <= " + TOL + " after " + steps + " steps, and a sign flip "
                            + "along v_1 at every step, in every run",
                    name() + "-" + alg, d));
        }
        for (String alg : List.of("ngd", "sqrt")) {
            trajectory(ctx, subject, alg);
        }
    }

    private static Result measure(CheckContext ctx, Subject subject, String alg, double eta, long seed, long steps,
                                  String name) throws Exception {
        RunSpec spec = EngineRun.spec(subject.genericConfig(seed), alg, eta, seed, steps).steps(steps)
                .metricsEvery(steps / 10).lastSteps(2).build();
        EngineRun.Data d = EngineRun.run(ctx, ctx.runDir(alg).resolve(name), spec, false);
        Problem p = subject.build(seed);
        Model m = p.model();
        EigenResult top = new Sharpness(m).top(new double[m.dim()], 2);
        double l1 = top.values()[0];
        double[] v1 = new double[m.dim()];
        double[] v2 = new double[m.dim()];
        top.vector(0, v1);
        top.vector(1, v2);
        // ||x~_t|| from the last two rows: ||grad L|| / eta (NGD) or 2 sqrt(L) / eta (sqrt), THEORY 3
        double[] g = d.column(alg.equals("ngd") ? Column.GRAD_NORM : Column.LOSS);
        int n = g.length;
        double a = norm(alg, g[n - 2], eta);
        double b = norm(alg, g[n - 1], eta);
        double pair = Math.abs(a + b - l1) / l1;
        double theta = Math.max(d.column(Column.THETA)[n - 2], d.column(Column.THETA)[n - 1]);
        // x~ components along v_1, v_2 at x_T: A x or A^{1/2} x scales each by lambda_i or sqrt(lambda_i)
        double[] x = d.last();
        double c1 = dot(v1, x) * (alg.equals("ngd") ? l1 : Math.sqrt(l1));
        double c2 = dot(v2, x) * (alg.equals("ngd") ? top.values()[1] : Math.sqrt(top.values()[1]));
        double v2Share = Math.abs(c2) / Math.hypot(c1, c2);
        Optimizer o = Optimizers.create(alg, m, eta);
        double[] next = x.clone();
        o.step(next);
        boolean flips = dot(v1, x) * dot(v1, next) < 0;
        double c = Math.min(a, b) / (a + b);
        return new Result(alg, eta, seed, pair, theta, v2Share, flips, c);
    }

    /** ||x~|| = ||grad L|| / eta (NGD) or 2 sqrt(L) / eta (sqrt). */
    private static double norm(String alg, double v, double eta) {
        return alg.equals("ngd") ? v / eta : 2 * Math.sqrt(v) / eta;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** One run recorded at every step: the pair error and theta over time. */
    private static void trajectory(CheckContext ctx, Subject subject, String alg) throws Exception {
        double eta = 0.01;
        long steps = 400;
        String name = "quadratic-" + alg + "-trajectory";
        EngineRun.Data d = ctx.compute(name, () -> EngineRun.run(ctx, ctx.runDir(alg).resolve(name),
                EngineRun.spec(subject.genericConfig(1), alg, eta, 1, steps).steps(steps).metricsEvery(1)
                        .phiEvery(1).build(), false));
        Model m = subject.build(1).model();
        double l1 = new Sharpness(m).lambda1(new double[m.dim()]);
        double[] g = d.column(alg.equals("ngd") ? Column.GRAD_NORM : Column.LOSS);
        double[] step = d.column(Column.STEP);
        double[] err = new double[g.length - 1];
        double[] t = new double[g.length - 1];
        for (int i = 0; i + 1 < g.length; i++) {
            t[i] = step[i];
            err[i] = Math.abs(norm(alg, g[i], eta) + norm(alg, g[i + 1], eta) - l1) / l1;
        }
        ctx.add(new PlotSpec.Lines(ctx.name() + "-" + alg, "quadratic, " + alg + ", eta = 0.01, seed 1: the approach"
                + " to the 2-cycle", "step t", "relative error / angle", false, true,
                List.of(new PlotSpec.Series("| ||x~_t|| + ||x~_t+1|| - lambda_1 | / lambda_1", t, err, false),
                        new PlotSpec.Series("theta_t", step, d.column(Column.THETA), false)),
                List.of()));
    }
}
