package dev.eos.validation;

import dev.eos.geometry.Phi;
import dev.eos.models.Model;
import dev.eos.ode.GradientFlowIntegrator;
import dev.eos.optim.Optimizer;
import dev.eos.optim.Optimizers;
import dev.eos.rates.RateRule;
import dev.eos.rates.Sample;
import dev.eos.rates.Verdict;
import dev.eos.run.Problem;
import dev.eos.spectral.EigenResult;
import dev.eos.spectral.Sharpness;
import dev.eos.spectral.TransformedIterate;
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
 * phase1 (Theorem 4.3, THEORY 4.1 and 4.6 #1-#2): from x_init in U, over the window t in [T1/eta, T1'/eta],
 * max ||x_t - Phi(x_init)|| = O(eta) and max_j R_j(x_t) = O(eta^2). A direct computation (the quantities are
 * measured against the fixed point Phi(x_init) at every step, which no metrics column holds); each run writes its
 * numbers to a small CSV in its directory.
 *
 * <p>T1: an NGD step moves eta, a GD-on-sqrt(L) step eta ||grad sqrt(L)||, so Phase I crosses the gradient-flow
 * path from x_init in about A / eta steps, A = the integral of dl / speed along the path ({@link #crossingTime}).
 * T1 = 2 A and T1' = 2 T1: the window starts after Phase I (checked: the iterate is within 2 eta s of Gamma at
 * T1/eta) and lasts Theta(1/eta) steps. The fitted series starts on the normal line through Phi_0 an integer number
 * of steps plus 0.3 s away (Phase I then lands on the 2-cycle of ratio C = 0.3 at every eta, like the aligned starts
 * of Phase II); generic starts are fitted beside it.
 */
final class PhaseOneCheck implements Check {

    /** O(eta): slope &gt;= 0.8 (as in phase2). */
    static final double TOL = 0.2;

    @Override
    public String name() {
        return "phase1";
    }

    @Override
    public String title() {
        return "Theorem 4.3 (THEORY 4.1, 4.6 #1-#2): over t in [T1/eta, 2 T1/eta], max ||x_t - Phi(x_init)|| = "
                + "O(eta) and max_j R_j(x_t) <= O(eta^2) (T1 = twice the Phase-I crossing time of the gradient-flow "
                + "path at the algorithm's step speed).";
    }

    /** The distance of the line starts from Gamma, about (in units of s, rounded to whole steps). */
    static final double LINE_DISTANCE = 0.5;

    private record Result(double eta, long seed, boolean generic, double maxDist, double maxR, boolean phaseOver,
                          double t1) {
    }

    @Override
    public void run(CheckContext ctx) throws Exception {
        List<Subject> subjects = List.of(Subject.toy2d(), Subject.deepLinear());
        double[] etas = PhaseTwoRuns.etas(ctx.mode());
        long[] seeds = PhaseTwoRuns.seeds(ctx.mode());
        for (String alg : List.of("ngd", "sqrt")) {
            for (Subject s : subjects) {
                List<Anchor> anchors = new PhaseTwoRuns(ctx, s, alg).anchors(seeds);
                List<CheckContext.Task<Result>> tasks = new ArrayList<>();
                int samples = s.key().equals("deep-linear") ? ctx.mode().pick(20, 50) : Integer.MAX_VALUE;
                for (double eta : etas) {
                    for (int k = 0; k < seeds.length; k++) {
                        long seed = seeds[k];
                        Anchor a = anchors.get(k);
                        for (boolean generic : new boolean[] {false, true}) {
                            String name = String.format(Locale.ROOT, "%s-%s-%s-s%d-%s", s.key(), alg,
                                    EngineRun.eta(eta), seed, generic ? "generic" : "line");
                            tasks.add(new CheckContext.Task<>(name, () -> measure(ctx, s, alg, eta, seed, a, generic,
                                    samples, ctx.runDir(s.key()).resolve(name))));
                        }
                    }
                }
                List<Result> res = ctx.parallel(tasks);
                List<Sample> line = new ArrayList<>();
                List<Sample> generic = new ArrayList<>();
                List<Sample> positive = new ArrayList<>();
                double worstR = Double.NEGATIVE_INFINITY;
                double worstRatio = Double.NEGATIVE_INFINITY;
                boolean over = true;
                double t1min = Double.POSITIVE_INFINITY;
                double t1max = 0;
                for (Result r : res) {
                    (r.generic() ? generic : line).add(new Sample(r.eta(), r.seed(), r.maxDist()));
                    worstR = Math.max(worstR, r.maxR());
                    worstRatio = Math.max(worstRatio, r.maxR() / (r.eta() * r.eta()));
                    positive.add(new Sample(r.eta(), r.seed(), r.maxR()));
                    over &= r.phaseOver();
                    t1min = Math.min(t1min, r.t1());
                    t1max = Math.max(t1max, r.t1());
                }
                String subject = s.label() + "; " + alg;
                new RateEntry(ctx).subject(subject).quantity("max over the window of ||x_t - Phi(x_init)||")
                        .rule(RateRule.upperBound(1, TOL))
                        .fit(line, "starts on the v_1 line, (round(0.5/s) + 0.3) s from Gamma")
                        .beside(generic, "generic starts").plot(s.key() + "-" + alg)
                        .detail("T1", String.format(Locale.ROOT, "%.4g .. %.4g", t1min, t1max))
                        .detail("phase_I_over_at_T1_in_every_run", over).add();
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("max_R_over_eta2", worstRatio);
                d.put("samples_per_window", samples == Integer.MAX_VALUE ? "every step" : samples + " pairs");
                d.put("note", "R_j = ||P_{>=j} x~|| - eta lambda_j (THEORY 1); R_j <= 0 is the invariant set of "
                        + "Lemma Q, which an O(eta^2) bound includes");
                Verdict v;
                String measured;
                double value;
                if (worstR <= 0) {
                    v = Verdict.PASS;
                    measured = String.format(Locale.ROOT, "max R_j = %.2e <= 0", worstR);
                    value = worstR;
                } else {
                    // some runs leave the invariant set: their positive parts must fall like eta^2
                    var fit = dev.eos.rates.Rates.fit(positive, ctx.fit());
                    value = fit.slope();
                    measured = String.format(Locale.ROOT, "%.2f (on the positive parts)", fit.slope());
                    v = RateRule.upperBound(2, 2 * TOL).verdict(fit);
                    d.put("positive_fit_r2", RateEntry.round(fit.r2()));
                }
                ctx.add(new Entry(name(), subject, "max over the window of max_j R_j(x_t)", "<= O(eta^2)", measured,
                        value, Double.NaN, Double.NaN, v, "max_j R_j <= 0 everywhere passes; otherwise the positive "
                        + "parts need slope >= 1.60", null, d));
            }
        }
    }

    private static Result measure(CheckContext ctx, Subject s, String alg, double eta, long seed, Anchor a,
                                  boolean generic, int samples, Path dir) throws IOException {
        Problem p = s.build(seed);
        Model m = p.model();
        double[] x;
        if (generic) {
            x = p.start().clone();
        } else {
            // on the normal line through Phi_0: an integer number of steps plus 0.3 s from Gamma, so that Phase I
            // lands on the 2-cycle of amplitude ratio 0.3 at every eta (the Phase-I analogue of the aligned start)
            double sc = a.scale(alg, eta);
            x = a.phi0().clone();
            double off = (Math.round(LINE_DISTANCE / sc) + Anchor.AMPLITUDE) * sc;
            for (int i = 0; i < x.length; i++) {
                x[i] += off * a.v1()[i];
            }
        }
        Phi phi = new Phi(m, Phi.Options.defaults().withPolish(true));
        double[] target = new double[m.dim()];
        phi.apply(x, target);
        Sharpness sh = new Sharpness(m);
        int rank = m.normalRank();
        double lambda1 = sh.lambda1(target);
        double v = alg.equals("ngd") ? 1 : Math.sqrt(lambda1 / 2);
        double t1 = 2 * crossingTime(m, x, alg);
        long from = Math.round(t1 / eta);
        long to = 2 * from;
        long every = samples == Integer.MAX_VALUE ? 1 : Math.max(2, (to - from) / samples);
        Optimizer o = Optimizers.create(alg, m, eta);
        TransformedIterate ti = new TransformedIterate(m.dim());
        double[] q = new double[m.dim()];
        double[] xt = new double[m.dim()];
        double[] r = new double[rank];
        double maxDist = 0;
        double maxR = Double.NEGATIVE_INFINITY;
        boolean over = false;
        Phi plain = new Phi(m);
        for (long t = 0; t <= to; t++) {
            if (t >= from) {
                maxDist = Math.max(maxDist, dist(x, target));
                long k = t - from;
                if (k % every == 0 || k % every == 1) {
                    plain.apply(x, q);
                    if (t == from) {
                        over = dist(x, q) <= 2 * eta * v;
                    }
                    EigenResult top = sh.top(q, rank);
                    ti.compute(alg.equals("ngd") ? TransformedIterate.Kind.NGD : TransformedIterate.Kind.SQRT, x, q,
                            top, xt);
                    ti.r(xt, top, eta, r);
                    for (double rj : r) {
                        maxR = Math.max(maxR, rj);
                    }
                }
            }
            o.step(x);
        }
        ctx.addRun(dir);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("phase1.csv"), String.format(Locale.ROOT,
                "eta,seed,start,T1,window_from,window_to,max_dist,max_R,lambda1,phase_I_over%n"
                        + "%s,%d,%s,%s,%d,%d,%s,%s,%s,%b%n", eta, seed, generic ? "generic" : "line", t1, from, to,
                maxDist, maxR, lambda1, over), StandardCharsets.US_ASCII);
        return new Result(eta, seed, generic, maxDist, maxR, over, t1);
    }

    /**
     * The Phase-I crossing time in units of eta x steps: the integral along the gradient-flow path from x of
     * dl / speed, where an NGD step moves eta (speed 1) and a GD-on-sqrt(L) step moves eta ||grad sqrt(L)|| =
     * eta ||grad L|| / (2 sqrt(L - L_min)). Chords every dt of flow time, dt growing by 5% a chord, until the path
     * stalls.
     */
    static double crossingTime(Model m, double[] x0, String alg) {
        GradientFlowIntegrator gf = new GradientFlowIntegrator(m, GradientFlowIntegrator.Options.precise());
        var ev = m.evaluator();
        double lmin = Double.isNaN(m.minLoss()) ? 0 : m.minLoss();
        double[] x = x0.clone();
        double[] prev = x0.clone();
        double[] g = new double[x.length];
        double[] mid = new double[x.length];
        double len = 0;
        double time = 0;
        double dt = 0.02;
        for (int i = 0; i < 200_000; i++) {
            gf.advance(x, dt);
            double step = dist(x, prev);
            double speed = 1;
            if (alg.equals("sqrt")) {
                for (int j = 0; j < x.length; j++) {
                    mid[j] = 0.5 * (x[j] + prev[j]);
                }
                double l = ev.lossAndGradient(mid, g);
                double gn = 0;
                for (double v : g) {
                    gn += v * v;
                }
                speed = Math.sqrt(gn) / (2 * Math.sqrt(Math.max(l - lmin, 1e-300)));
            }
            len += step;
            time += step / speed;
            System.arraycopy(x, 0, prev, 0, x.length);
            if (step < 1e-10 * Math.max(1, len)) {
                break;
            }
            dt = Math.min(dt * 1.05, 1.0);
        }
        return time;
    }

    private static double dist(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
