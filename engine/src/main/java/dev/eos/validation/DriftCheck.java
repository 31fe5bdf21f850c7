package dev.eos.validation;

import dev.eos.geometry.LimitingFlow;
import dev.eos.geometry.ManifoldDistance;
import dev.eos.geometry.Phi;
import dev.eos.models.Model;
import dev.eos.optim.Optimizer;
import dev.eos.optim.Optimizers;
import dev.eos.rates.RateFit;
import dev.eos.rates.RateRule;
import dev.eos.rates.Rates;
import dev.eos.rates.Sample;
import dev.eos.rates.Verdict;
import dev.eos.run.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * drift (THEORY 4.5, 4.6 #9-#10): in Phase II the two-step change of Phi is Phi(x_{t+2}) - Phi(x_t) =
 * 2 eta^2 V(Phi(x_t)) + O(eta^3), V the limiting-flow velocity -1/4 P_T grad log lambda_1 (NGD) or -1/8 P_T grad
 * lambda_1 (sqrt), and lambda_1(Phi) changes by 2 eta^2 grad lambda_1 . V + O(eta^3). The residual's exponent 3
 * tells the constants apart: a flow with twice the constant (-1/2 for NGD) leaves an O(eta^2) residual, which the
 * rule rejects (the control entry shows it). A direct computation over a window of W two-step increments after a
 * short burn-in, with Phi exact (closed form, or gradient flow to 1e-12 polished onto Gamma): the Newton proxy's
 * O(eta^2) error would swamp an O(eta^3) residual (THEORY 4.6).
 */
public final class DriftCheck implements Check {

    /** O(eta^3): slope &gt;= 2.5. A wrong constant gives slope 2: tol must stay below 1. */
    public static final double TOL = 0.5;
    /** Two-step increments per window. */
    static final int WINDOW = 20;
    /** Steps before the window (after t_0). */
    static final int BURN_IN = 10;

    private final double[] etas;
    private final List<String> cases;

    /** The check over the mode's grid and every case. */
    DriftCheck() {
        this(null, List.of("toy2d/ngd", "toy2d/sqrt", "deep-linear/ngd", "ellipse/sqrt"));
    }

    /**
     * The check on a given grid and cases ("subject/algorithm" with subject toy2d, deep-linear or ellipse), e.g. for
     * a fast test that a wrong constant fails.
     */
    public DriftCheck(double[] etas, List<String> cases) {
        this.etas = etas;
        this.cases = List.copyOf(cases);
    }

    @Override
    public String name() {
        return "drift";
    }

    @Override
    public String title() {
        return "THEORY 4.5, 4.6 #9-#10: Phi(x_{t+2}) - Phi(x_t) = -(eta^2/2) P_T grad log lambda_1 (NGD) or "
                + "-(eta^2/4) P_T grad lambda_1 (sqrt) + O(eta^3), and lambda_1(Phi) falls at the matching rate + "
                + "O(eta^3); max residual over " + WINDOW + " two-step increments after " + BURN_IN + " steps. A flow"
                + " with twice the constant (-1/2 for NGD) must be rejected.";
    }

    private record Result(double eta, long seed, boolean generic, double drift, double sharpness, double control,
                          double scale) {
    }

    @Override
    public void run(CheckContext ctx) throws Exception {
        double[] grid = etas != null ? etas : PhaseTwoRuns.etas(ctx.mode());
        long[] seeds = etas != null ? PhaseTwoRuns.seeds(1) : PhaseTwoRuns.seeds(ctx.mode());
        for (String c : cases) {
            String[] parts = c.split("/");
            Subject s = switch (parts[0]) {
                case "toy2d" -> Subject.toy2d();
                case "deep-linear" -> Subject.deepLinear();
                case "ellipse" -> Subject.ellipse(ctx.runDir("inputs"));
                default -> throw new IllegalArgumentException("drift: unknown subject " + parts[0]);
            };
            String alg = parts[1];
            List<Anchor> anchors = new PhaseTwoRuns(ctx, s, alg).anchors(seeds);
            List<CheckContext.Task<Result>> tasks = new ArrayList<>();
            for (double eta : grid) {
                for (int k = 0; k < seeds.length; k++) {
                    long seed = seeds[k];
                    Anchor a = anchors.get(k);
                    for (boolean generic : new boolean[] {false, true}) {
                        String name = String.format(Locale.ROOT, "%s-%s-%s-s%d-%s", s.key(), alg, EngineRun.eta(eta),
                                seed, generic ? "generic" : "aligned");
                        tasks.add(new CheckContext.Task<>(name, () -> measure(ctx, s, alg, eta, seed, a, generic,
                                ctx.runDir(s.key()).resolve(name))));
                    }
                }
            }
            List<Result> res = ctx.parallel(tasks);
            String subject = s.label() + "; " + alg;
            String pk = alg.equals("ngd") ? "-(eta^2/2) P_T grad log lambda_1" : "-(eta^2/4) P_T grad lambda_1";
            new RateEntry(ctx).subject(subject)
                    .quantity("max |Phi(x_t+2) - Phi(x_t) - (" + pk + ")|")
                    .rule(RateRule.upperBound(3, TOL))
                    .fit(samples(res, false, Result::drift), "aligned 2-cycle starts")
                    .beside(samples(res, true, Result::drift), "generic starts")
                    .plot(s.key() + "-" + alg)
                    .detail("flow_constant", ctx.constants().of(alg))
                    .detail("drift_size_over_eta2", typicalScale(res))
                    .add();
            new RateEntry(ctx).subject(subject)
                    .quantity("max |lambda_1(Phi(x_t+2)) - lambda_1(Phi(x_t)) - 2 eta^2 grad lambda_1 . V|")
                    .rule(RateRule.upperBound(3, TOL))
                    .fit(samples(res, false, Result::sharpness), "aligned 2-cycle starts")
                    .beside(samples(res, true, Result::sharpness), "generic starts")
                    .plot(s.key() + "-" + alg + "-sharpness")
                    .add();
            control(ctx, subject, alg, samples(res, false, Result::control));
        }
    }

    /** The control: the residual against a flow with twice the constant under test must fail the O(eta^3) rule. */
    private static void control(CheckContext ctx, String subject, String alg, List<Sample> s) {
        RateFit f = Rates.fit(s, ctx.fit());
        RateRule rule = RateRule.upperBound(3, TOL);
        boolean rejected = rule.verdict(f) == Verdict.FAIL;
        double c = 2 * ctx.constants().of(alg);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("wrong_constant", c);
        d.put("r2", RateEntry.round(f.r2()));
        d.put("means", RateEntry.toList(f.means()));
        ctx.add(new Entry(ctx.name(), subject, String.format(Locale.ROOT, "control: the same residual against a flow "
                + "with constant %s (%s)", RateEntry.round(c), alg.equals("ngd") ? "-1/2 for NGD" : "-1/4 for sqrt"),
                "rejected (slope < " + (3 - TOL) + ")", String.format(Locale.ROOT, "%.2f", f.slope()), f.slope(),
                f.lo(), f.hi(), rejected ? Verdict.PASS : Verdict.FAIL,
                "passes when the O(eta^3) rule rejects the wrong constant", null, d));
    }

    private static List<Sample> samples(List<Result> res, boolean generic,
                                        java.util.function.ToDoubleFunction<Result> f) {
        List<Sample> out = new ArrayList<>();
        for (Result r : res) {
            if (r.generic() == generic) {
                out.add(new Sample(r.eta(), r.seed(), f.applyAsDouble(r)));
            }
        }
        return out;
    }

    private static double typicalScale(List<Result> res) {
        double s = 0;
        int n = 0;
        for (Result r : res) {
            s += r.scale();
            n++;
        }
        return RateEntry.round(s / n);
    }

    private static Result measure(CheckContext ctx, Subject s, String alg, double eta, long seed, Anchor a,
                                  boolean generic, Path dir) throws IOException {
        Problem p = s.build(seed);
        Model m = p.model();
        double[] x = generic ? p.start().clone() : a.aligned(alg, eta);
        Optimizer o = Optimizers.create(alg, m, eta);
        long t = 0;
        if (generic) { // Phase I, then the engine's phase rule: within 2 eta s of Gamma
            ManifoldDistance md = new ManifoldDistance(m);
            double limit = 2 * a.scale(alg, eta);
            long cap = (long) Math.ceil(100 / eta);
            while (md.estimate(x) > limit && t < cap) {
                o.step(x);
                t++;
            }
        }
        for (int i = 0; i < BURN_IN; i++) {
            o.step(x);
        }
        Phi phi = new Phi(m, Phi.Options.defaults().withPolish(true));
        LimitingFlow flow = ctx.constants().flow(m, alg, LimitingFlow.Options.defaults());
        double c = ctx.constants().of(alg);
        int n = m.dim();
        double[] p0 = new double[n];
        double[] p1 = new double[n];
        double[] v = new double[n];
        phi.apply(x, p0);
        double drift = 0;
        double sharp = 0;
        double control = 0;
        double scale = 0;
        StringBuilder csv = new StringBuilder("pair,drift_residual,sharpness_residual,control_residual\n");
        for (int w = 0; w < WINDOW; w++) {
            double lam0 = flow.velocity(p0, v);
            o.step(x);
            o.step(x);
            phi.apply(x, p1);
            double lam1 = flow.velocity(p1, new double[n]);
            double r = 0;
            double rc = 0;
            double vv = 0;
            for (int i = 0; i < n; i++) {
                double dp = p1[i] - p0[i];
                double pred = 2 * eta * eta * v[i];
                r += (dp - pred) * (dp - pred);
                rc += (dp - 2 * pred) * (dp - 2 * pred);
                vv += v[i] * v[i];
            }
            // d lambda_1 / d tau = grad lambda_1 . V = -||V||^2 lambda_1 / c (NGD) or -||V||^2 / c (sqrt)
            double rate = alg.equals("ngd") ? -vv * lam0 / c : -vv / c;
            double rs = Math.abs(lam1 - lam0 - 2 * eta * eta * rate);
            drift = Math.max(drift, Math.sqrt(r));
            control = Math.max(control, Math.sqrt(rc));
            sharp = Math.max(sharp, rs);
            scale = Math.max(scale, Math.sqrt(vv) * 2);
            csv.append(w).append(',').append(Math.sqrt(r)).append(',').append(rs).append(',').append(Math.sqrt(rc))
                    .append('\n');
            System.arraycopy(p1, 0, p0, 0, n);
        }
        ctx.addRun(dir);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("drift.csv"), String.format(Locale.ROOT,
                "# %s %s eta %s seed %d %s start, t_0 = %d, flow constant %s%n", s.key(), alg, eta, seed,
                generic ? "generic" : "aligned", t, c) + csv, StandardCharsets.US_ASCII);
        return new Result(eta, seed, generic, drift, sharp, control, scale);
    }
}
