package dev.eos.validation;

import dev.eos.rates.RateRule;
import dev.eos.rates.Sample;
import dev.eos.run.Column;
import java.util.ArrayList;
import java.util.List;

/**
 * eos-identities (Theorems 4.7 and 4.8, THEORY 4.4 and 4.6 #6-#8): in Phase II, 1/S_t + 1/S_{t+1} = 1 + O(theta_t +
 * eta) (S = S_L(x_t, eta_t), every algorithm viewed as GD with its effective eta_t) and (sqrt L_t + sqrt L_{t+1}) /
 * (eta sqrt(lambda_1/2)) (NGD) or / (eta lambda_1 / 2) (sqrt) = 1 + O(theta_t + eta): with aligned starts both
 * deviations are O(eta). And S_sqrt(L)(x_t, eta) grows like 1/theta_t (Theorem 4.8 (1)) on toy3d, whose normal space
 * has dimension 2 (with dimension 1 theta = 0 and S is infinite). Through the run engine with the standard metrics
 * (the pair columns); each deviation is averaged over the Phase-II row pairs.
 */
final class EosIdentitiesCheck implements Check {

    static final double TOL = 0.2;
    /** S ~ 1/theta: slope in theta &lt;= -1 + 0.1 (an Omega bound), over theta in [1e-12, 0.1]. */
    static final double THETA_TOL = 0.1;

    @Override
    public String name() {
        return "eos-identities";
    }

    @Override
    public String title() {
        return "Theorems 4.7, 4.8 (THEORY 4.4, 4.6 #6-#8): |1/S_t + 1/S_t+1 - 1| and |(sqrt L_t + sqrt L_t+1) / "
                + "prediction - 1| are O(theta + eta), averaged over Phase-II row pairs (T2 = 1); S_sqrt(L) >= "
                + "Omega(1/theta) on toy3d.";
    }

    @Override
    public void run(CheckContext ctx) throws Exception {
        long[] seeds = PhaseTwoRuns.seeds(ctx.mode());
        double[] etas = PhaseTwoRuns.etas(ctx.mode());
        record Case(Subject subject, String algorithm) {
        }
        for (Case c : List.of(new Case(Subject.toy2d(), "ngd"), new Case(Subject.toy2d(), "sqrt"),
                new Case(Subject.deepLinear(), "ngd"))) {
            int rows = c.subject().key().equals("deep-linear") ? ctx.mode().pick(10, 25) : 50;
            List<PhaseTwoRuns.Run> runs = new PhaseTwoRuns(ctx, c.subject(), c.algorithm()).flow(false)
                    .stableness(true)
                    .customize((b, steps) -> b.phiEvery(Math.max(2, steps / rows)).logPoints(10))
                    .run(etas, seeds, List.of(PhaseTwoRuns.Start.ALIGNED, PhaseTwoRuns.Start.GENERIC));
            String subject = c.subject().label() + "; " + c.algorithm();
            for (Column col : List.of(Column.INV_STABLENESS_PAIR, Column.SQRT_LOSS_PAIR_RATIO)) {
                String q = col == Column.INV_STABLENESS_PAIR ? "mean |1/S_t + 1/S_t+1 - 1|, S = S_L(x_t, eta_t)"
                        : "mean |(sqrt L_t + sqrt L_t+1) / " + (c.algorithm().equals("ngd") ? "(eta sqrt(lambda_1/2))"
                        : "(eta lambda_1 / 2)") + " - 1|";
                new RateEntry(ctx).subject(subject).quantity(q).rule(RateRule.upperBound(1, TOL))
                        .fit(PhaseTwoRuns.samples(runs, PhaseTwoRuns.Start.ALIGNED, r -> meanDeviation(r, col)),
                                "aligned 2-cycle starts")
                        .beside(PhaseTwoRuns.samples(runs, PhaseTwoRuns.Start.GENERIC, r -> meanDeviation(r, col)),
                                "generic starts")
                        .plot(c.subject().key() + "-" + c.algorithm() + "-" + (col == Column.INV_STABLENESS_PAIR
                                ? "stableness" : "loss"))
                        .add();
            }
        }
        stablenessGrowsLikeOneOverTheta(ctx, seeds);
    }

    /** Theorem 4.8 (1) on toy3d: log S_sqrt(L) against log theta over the rows of 2-cycle starts with a v_2 part. */
    private static void stablenessGrowsLikeOneOverTheta(CheckContext ctx, long[] seeds) throws Exception {
        double eta = 0.01;
        List<PhaseTwoRuns.Run> runs = new PhaseTwoRuns(ctx, Subject.toy3d(), "sqrt").flow(false).stableness(true)
                .horizon(0.02).customize((b, steps) -> b.metricsEvery(1).phiEvery(1))
                .run(new double[] {eta}, seeds, List.of(PhaseTwoRuns.Start.MISALIGNED));
        List<Sample> s = new ArrayList<>();
        List<PlotSpec.Series> series = new ArrayList<>();
        for (PhaseTwoRuns.Run r : runs) {
            double[] theta = r.data().column(Column.THETA);
            double[] st = r.data().column(Column.STABLENESS_SQRT);
            for (int i = 0; i < theta.length; i++) {
                // theta from 0.1 down to 1e-12, above the rounding floor of theta (~1e-16) with a margin
                if (theta[i] >= 1e-12 && theta[i] <= 0.1 && st[i] > 0 && Double.isFinite(st[i])) {
                    s.add(new Sample(theta[i], r.seed(), st[i]));
                }
            }
        }
        new RateEntry(ctx).subject(Subject.toy3d().label() + "; sqrt, eta = " + eta)
                .quantity("S_sqrt(L)(x_t, eta) against theta_t").variable("theta")
                .rule(RateRule.lowerBound(-1, THETA_TOL))
                .fit(s, "rows of 2-cycle starts with a v_2 component (theta decays)")
                .plot("toy3d-sqrt-stableness-theta")
                .detail("rows", s.size())
                .add();
    }

    /** The mean over Phase-II pair rows of |column - 1|. */
    static double meanDeviation(PhaseTwoRuns.Run r, Column c) {
        double[] v = r.data().column(c);
        double[] phase = r.data().column(Column.PHASE);
        double sum = 0;
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if (phase[i] == 2 && Double.isFinite(v[i])) {
                sum += Math.abs(v[i] - 1);
                n++;
            }
        }
        return n > 0 ? sum / n : Double.NaN;
    }
}
