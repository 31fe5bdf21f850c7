package dev.eos.validation;

import dev.eos.rates.RateRule;
import dev.eos.rates.Verdict;
import dev.eos.run.Column;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * sensing-flow (THEORY 6.2 (ii), 4.2-4.3): matrix sensing with m = 20 measurements of a rank-8 truth, d = k = 8, so
 * that Gamma (codimension 20 in R^64) is far larger than one rotation orbit and lambda_1 varies on it: NGD tracks its
 * limiting flow at O(eta) and lambda_1(Phi(x_t)) decreases. Also the ellipse of THEORY 6.2 (m = 1) with NGD and GD
 * on sqrt(L) (one-dimensional normal space).
 */
final class SensingFlowCheck implements Check {

    static final double TOL = 0.2;

    @Override
    public String name() {
        return "sensing-flow";
    }

    @Override
    public String title() {
        return "THEORY 6.2 (ii): matrix sensing d = k = 8, m = 20 (Gamma larger than an orbit) and the ellipse "
                + "(m = 1): ||Phi(x_T) - X(T2)|| = O(eta) over floor(T2/eta^2) steps, T2 = 1, and lambda_1(Phi(x_t))"
                + " decreases along the run.";
    }

    @Override
    public void run(CheckContext ctx) throws Exception {
        long[] seeds = PhaseTwoRuns.seeds(ctx.mode());
        double[] etas = PhaseTwoRuns.etas(ctx.mode());
        Subject ellipse = Subject.ellipse(ctx.runDir("inputs"));
        record Case(Subject subject, String algorithm) {
        }
        for (Case c : List.of(new Case(Subject.sensing(), "ngd"), new Case(ellipse, "ngd"),
                new Case(ellipse, "sqrt"))) {
            List<PhaseTwoRuns.Run> runs = new PhaseTwoRuns(ctx, c.subject(), c.algorithm())
                    .customize((b, steps) -> b.phiEvery(Math.max(2, steps / 10)))
                    .run(etas, seeds, List.of(PhaseTwoRuns.Start.ALIGNED, PhaseTwoRuns.Start.GENERIC));
            String subject = c.subject().label() + "; " + c.algorithm();
            new RateEntry(ctx).subject(subject).quantity("||Phi(x_T) - X(T2)||").rule(RateRule.upperBound(1, TOL))
                    .fit(PhaseTwoRuns.samples(runs, PhaseTwoRuns.Start.ALIGNED,
                            r -> r.data().lastValue(Column.FLOW_DIST)), "aligned 2-cycle starts")
                    .beside(PhaseTwoRuns.samples(runs, PhaseTwoRuns.Start.GENERIC,
                            r -> r.data().lastValue(Column.FLOW_DIST)), "generic starts")
                    .plot(c.subject().key() + "-" + c.algorithm())
                    .add();
            decreases(ctx, subject, runs);
        }
    }

    /** lambda_1(Phi(x_t)) over the expensive rows of the aligned runs: it must fall, and the flow's with it. */
    private static void decreases(CheckContext ctx, String subject, List<PhaseTwoRuns.Run> runs) {
        double rise = 0;
        double minDrop = Double.POSITIVE_INFINITY;
        double maxDrop = 0;
        int n = 0;
        for (PhaseTwoRuns.Run r : runs) {
            if (r.start() != PhaseTwoRuns.Start.ALIGNED) {
                continue;
            }
            double[] s = r.data().column(Column.SHARPNESS_AT_PHI);
            double first = Double.NaN;
            double last = Double.NaN;
            double prev = Double.NaN;
            for (double v : s) {
                if (!Double.isFinite(v)) {
                    continue;
                }
                if (Double.isFinite(prev)) {
                    rise = Math.max(rise, (v - prev) / prev);
                }
                if (Double.isNaN(first)) {
                    first = v;
                }
                prev = v;
                last = v;
            }
            double drop = (first - last) / first;
            minDrop = Math.min(minDrop, drop);
            maxDrop = Math.max(maxDrop, drop);
            n++;
        }
        // rows are >= T2/(10 eta^2) steps apart, over which the flow lowers lambda_1 by O(1e-3) relative while the
        // 2-cycle moves Phi by O(eta^3) per step: a rise beyond 1e-9 relative would contradict the flow
        boolean ok = rise <= 1e-9 && minDrop > 0;
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("runs", n);
        d.put("largest_relative_rise_between_rows", rise);
        d.put("relative_decrease_over_T2", String.format(Locale.ROOT, "%.3e .. %.3e", minDrop, maxDrop));
        ctx.add(new Entry(ctx.name(), subject, "lambda_1(Phi(x_t)) along each aligned run", "decreasing",
                String.format(Locale.ROOT, "falls by %.2e .. %.2e", minDrop, maxDrop), minDrop, Double.NaN,
                Double.NaN, ok ? Verdict.PASS : Verdict.FAIL, "a positive total decrease in every run and no rise "
                + "above 1e-9 relative between rows", null, d));
    }
}
