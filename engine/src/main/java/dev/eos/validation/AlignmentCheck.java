package dev.eos.validation;

import dev.eos.rates.RateRule;
import dev.eos.rates.Sample;
import dev.eos.run.Column;
import java.util.List;

/**
 * alignment (Theorem 4.4 (2), THEORY 4.2 and 4.6 #5): the mean of theta_t over the floor(T2/eta^2) Phase-II steps is
 * O(eta), theta the angle between x~_t and v_1 at Phi(x_t). Through the run engine, theta at log-spaced and evenly
 * spaced row pairs ({@link TimeAverage}). NGD on the deep linear net (aligned 2-cycle starts fitted) and on toy3d;
 * GD on sqrt(L) on toy3d with the log factor THEORY 4.6 #5 allows. On toy3d an aligned start stays exactly aligned
 * (theta = 0 at every step), so its fitted series starts with an equal v_2 component.
 */
final class AlignmentCheck implements Check {

    static final double TOL = 0.2;

    @Override
    public String name() {
        return "alignment";
    }

    @Override
    public String title() {
        return "Theorem 4.4 (2) (THEORY 4.2, 4.6 #5): (1/T) sum over the T = floor(T2/eta^2) Phase-II steps of theta_t"
                + " = O(eta) (sqrt: O(eta log(1/eta)) allowed), T2 = 1; theta averaged over row pairs at log-spaced "
                + "and evenly spaced steps.";
    }

    @Override
    public void run(CheckContext ctx) throws Exception {
        long[] seeds = PhaseTwoRuns.seeds(ctx.mode());
        double[] etas = PhaseTwoRuns.etas(ctx.mode());
        record Case(Subject subject, String algorithm, PhaseTwoRuns.Start fitted) {
        }
        for (Case c : List.of(new Case(Subject.deepLinear(), "ngd", PhaseTwoRuns.Start.ALIGNED),
                new Case(Subject.toy3d(), "ngd", PhaseTwoRuns.Start.MISALIGNED),
                new Case(Subject.toy3d(), "sqrt", PhaseTwoRuns.Start.MISALIGNED))) {
            int rows = c.subject().key().equals("deep-linear") ? ctx.mode().pick(40, 100) : 200;
            List<PhaseTwoRuns.Run> runs = new PhaseTwoRuns(ctx, c.subject(), c.algorithm()).flow(false)
                    .customize((b, steps) -> b.phiEvery(Math.max(2, steps / rows)).logPoints(40))
                    .run(etas, seeds, List.of(c.fitted(), PhaseTwoRuns.Start.GENERIC));
            List<Sample> fit = PhaseTwoRuns.samples(runs, c.fitted(), AlignmentCheck::meanTheta);
            List<Sample> generic = PhaseTwoRuns.samples(runs, PhaseTwoRuns.Start.GENERIC, AlignmentCheck::meanTheta);
            boolean sqrt = c.algorithm().equals("sqrt");
            new RateEntry(ctx).subject(c.subject().label() + "; " + c.algorithm())
                    .quantity("mean of theta_t over the Phase-II steps")
                    .rule(RateRule.upperBound(1, TOL)).logFactor(sqrt)
                    .fit(fit, c.fitted().description).beside(generic, "generic starts")
                    .plot(c.subject().key() + "-" + c.algorithm())
                    .detail("theta_over_eta_fitted", PhaseTwoCheck.ratios(fit))
                    .add();
        }
    }

    /** The time average of theta over the run's Phase II. */
    static double meanTheta(PhaseTwoRuns.Run r) {
        long t0 = r.data().phase2Start();
        long end = r.data().result().step();
        return TimeAverage.of(r.data(), Column.THETA, t0, end);
    }
}
