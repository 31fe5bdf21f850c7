package dev.eos.validation;

import dev.eos.geometry.Phi;
import dev.eos.models.Model;
import dev.eos.optim.Optimizer;
import dev.eos.optim.Optimizers;
import dev.eos.rates.RateRule;
import dev.eos.rates.Sample;
import dev.eos.run.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * factorization-null (THEORY 6.2 (i)): on symmetric factorization with k = r, lambda_1 = 2 lambda_max(M) at every
 * point of Gamma, so P_T grad lambda_1 = 0 and both limiting flows stand still: Phi(x_t) may move only by O(eta)
 * over T2/eta^2 Phase-II steps. Measured directly as ||Phi(x_T) - Phi(x_{t_0})|| from the run's final iterate and
 * its phase-2 start (x_{t_0} is recomputed by repeating the run's first t_0 steps, which reproduces the engine's
 * iterate bit for bit). Aligned starts do not move Phi at all (rounding level); the fitted series starts in the
 * 2-cycle with an equal v_2 component, whose transient moves Phi a little.
 */
final class FactorizationNullCheck implements Check {

    static final double TOL = 0.2;

    @Override
    public String name() {
        return "factorization-null";
    }

    @Override
    public String title() {
        return "THEORY 6.2 (i): lambda_1 is constant (2 lambda_max(M)) on Gamma of 1/4 ||U U^T - M||^2 with k = r, "
                + "so the flows stand still and ||Phi(x_T) - Phi(x_t0)|| = O(eta) over floor(T2/eta^2) steps, T2 = 1.";
    }

    @Override
    public void run(CheckContext ctx) throws Exception {
        Subject s = Subject.factorization();
        long[] seeds = PhaseTwoRuns.seeds(ctx.mode());
        double[] etas = PhaseTwoRuns.etas(ctx.mode());
        for (String alg : List.of("ngd", "sqrt")) {
            List<PhaseTwoRuns.Run> runs = new PhaseTwoRuns(ctx, s, alg).flow(false)
                    .run(etas, seeds, List.of(PhaseTwoRuns.Start.MISALIGNED, PhaseTwoRuns.Start.GENERIC,
                            PhaseTwoRuns.Start.ALIGNED));
            List<CheckContext.Task<double[]>> tasks = new ArrayList<>();
            for (PhaseTwoRuns.Run r : runs) {
                tasks.add(new CheckContext.Task<>("Phi of " + r.data().dir().getFileName(),
                        () -> new double[] {movement(s, alg, r)}));
            }
            List<double[]> moved = ctx.parallel(tasks);
            List<Sample> fit = new ArrayList<>();
            List<Sample> generic = new ArrayList<>();
            double aligned = 0;
            for (int i = 0; i < runs.size(); i++) {
                PhaseTwoRuns.Run r = runs.get(i);
                Sample smp = new Sample(r.eta(), r.seed(), moved.get(i)[0]);
                switch (r.start()) {
                    case MISALIGNED -> fit.add(smp);
                    case GENERIC -> generic.add(smp);
                    case ALIGNED -> aligned = Math.max(aligned, moved.get(i)[0]);
                }
            }
            new RateEntry(ctx).subject(s.label() + "; " + alg).quantity("||Phi(x_T) - Phi(x_t0)||")
                    .rule(RateRule.upperBound(1, TOL))
                    .fit(fit, PhaseTwoRuns.Start.MISALIGNED.description).beside(generic, "generic starts")
                    .plot(alg)
                    .detail("aligned_starts_max_movement", aligned)
                    .add();
        }
    }

    /** ||Phi(x_T) - Phi(x_{t_0})|| of a run (Phi by gradient flow, polished onto Gamma). */
    private static double movement(Subject s, String alg, PhaseTwoRuns.Run r) {
        Problem p = s.build(r.seed());
        Model m = p.model();
        double[] x0 = switch (r.start()) {
            case ALIGNED -> r.anchor().aligned(alg, r.eta());
            case MISALIGNED -> r.anchor().start(alg, r.eta(), 1.0);
            case GENERIC -> p.start().clone();
        };
        Optimizer o = Optimizers.create(alg, m, r.eta());
        for (long t = 0; t < r.data().phase2Start(); t++) {
            o.step(x0);
        }
        Phi phi = new Phi(m, Phi.Options.defaults().withPolish(true));
        double[] a = new double[m.dim()];
        double[] b = new double[m.dim()];
        phi.apply(x0, a);
        phi.apply(r.data().last(), b);
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(d);
    }
}
