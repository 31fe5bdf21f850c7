package dev.eos.validation;

import dev.eos.rates.Verdict;
import dev.eos.run.Column;
import dev.eos.run.ModelConfig;
import dev.eos.run.RunSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * gd-eos (Cohen et al. 2021, THEORY 7): plain GD on a deep linear network (N = 5, d = 4, target singular values
 * 1/(1 + i/2), init scale 0.5) at eta = 0.36, where gradient flow from the same start ends at a minimum sharper than
 * 2/eta = 5.56 (the flattest minimum has N sigma_1^(2(N-1)/N) = 5): sharpness rises from below 2/eta (progressive
 * sharpening), then its median over the last half of the run lies within 10% of 2/eta, while the loss falls by at
 * least 10x, non-monotonically.
 */
final class GdEosCheck implements Check {

    static final double ETA = 0.36;
    static final double BAND = 0.10;

    @Override
    public String name() {
        return "gd-eos";
    }

    @Override
    public String title() {
        return "Edge of stability of plain GD (Cohen et al. 2021): on a deep linear net (N = 5, d = 4) at eta = "
                + ETA + ", where gf from the same start ends sharper than 2/eta, sharpness rises to 2/eta, its median"
                + " over the last half is within 10% of 2/eta, and the loss falls >= 10x non-monotonically.";
    }

    private record Outcome(long seed, double gfSharpness, double start, double max, double median, double loss0,
                           double lossEnd, int increases, double[] step, double[] sharpness, double[] loss) {
    }

    @Override
    public void run(CheckContext ctx) throws Exception {
        long steps = ctx.mode().pick(10_000L, 30_000L);
        ModelConfig base = ModelConfig.of("deep-linear").with("depth", 5).with("width", 4);
        Subject s = new Subject("deep-linear-5x4", "deep-linear N = 5, d = 4, sigma(M) = 1/(1 + i/2)", base, 0.5);
        List<CheckContext.Task<Outcome>> tasks = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            long sd = seed;
            tasks.add(new CheckContext.Task<>("gd and gf seed " + sd, () -> measure(ctx, s, sd, steps)));
        }
        List<Outcome> out = ctx.parallel(tasks);
        double edge = 2 / ETA;
        boolean ok = true;
        List<String> per = new ArrayList<>();
        double worst = 0;
        List<PlotSpec.Series> sharp = new ArrayList<>();
        List<PlotSpec.Series> loss = new ArrayList<>();
        for (Outcome o : out) {
            boolean gfSharper = o.gfSharpness() > edge;
            boolean sharpening = o.start() < 0.5 * edge && o.max() >= 0.95 * edge;
            boolean atEdge = Math.abs(o.median() / edge - 1) <= BAND;
            boolean falls = o.lossEnd() <= o.loss0() / 10;
            boolean nonMonotone = o.increases() > 0;
            ok &= gfSharper && sharpening && atEdge && falls && nonMonotone;
            worst = Math.max(worst, Math.abs(o.median() / edge - 1));
            per.add(String.format(Locale.ROOT, "seed %d: gf ends at %.3f; GD from %.3f up to %.3f, median over the "
                    + "last half %.3f (%.3f of 2/eta); loss %.2e -> %.2e with %d rises", o.seed(), o.gfSharpness(),
                    o.start(), o.max(), o.median(), o.median() / edge, o.loss0(), o.lossEnd(), o.increases()));
            sharp.add(new PlotSpec.Series("GD sharpness, seed " + o.seed(), o.step(), o.sharpness(), false));
            loss.add(new PlotSpec.Series("GD loss, seed " + o.seed(), o.step(), aboveRounding(o.loss()), false));
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("eta", ETA);
        d.put("two_over_eta", edge);
        d.put("steps", steps);
        d.put("runs", per);
        ctx.add(new Entry(name(), s.label() + "; gd, eta = " + ETA, "median sharpness over the last half / (2/eta)",
                "within 10% of 1 (after progressive sharpening; loss falls >= 10x, non-monotonically)",
                String.format(Locale.ROOT, "max |median / (2/eta) - 1| = %.3f", worst), worst, Double.NaN,
                Double.NaN, ok ? Verdict.PASS : Verdict.FAIL, "in every seed: gf ends above 2/eta; GD starts below "
                + "half of 2/eta and reaches 0.95 of it; median over the last half within 10%; final loss <= initial / "
                + "10 with at least one rise above rounding", name() + "-sharpness", d));
        ctx.add(new PlotSpec.Lines(name() + "-sharpness", "gd-eos: sharpness of GD at eta = " + ETA, "step t",
                "lambda_1(x_t)", true, false, sharp, List.of(new PlotSpec.RefLine(edge, "2/eta"),
                new PlotSpec.RefLine(out.get(0).gfSharpness(), "gf limit, seed 1"))));
        ctx.add(new PlotSpec.Lines(name() + "-loss", "gd-eos: loss of GD at eta = " + ETA, "step t", "L(x_t)",
                true, true, loss, List.of()));
    }

    /** The loss with values below 1e-14 of the initial one (rounding once converged) left out of the plot. */
    private static double[] aboveRounding(double[] loss) {
        double[] out = loss.clone();
        for (int i = 0; i < out.length; i++) {
            if (!(out[i] > 1e-14 * loss[0])) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }

    private static Outcome measure(CheckContext ctx, Subject s, long seed, long steps) throws Exception {
        ModelConfig m = s.genericConfig(seed);
        RunSpec gf = EngineRun.spec(m, "gf", ETA, seed, steps).steps(steps).phaseEvery(0).build();
        EngineRun.Data g = EngineRun.run(ctx, ctx.runDir("gf-s" + seed), gf, false);
        RunSpec gd = EngineRun.spec(m, "gd", ETA, seed, steps).steps(steps).metricsEvery(1).phaseEvery(0).build();
        EngineRun.Data d = EngineRun.run(ctx, ctx.runDir("gd-s" + seed), gd, false);
        double[] sh = d.column(Column.SHARPNESS);
        double[] loss = d.column(Column.LOSS);
        double max = 0;
        int rises = 0;
        for (int i = 0; i < sh.length; i++) {
            max = Math.max(max, sh[i]);
            // a rise counts while the loss is above rounding (GD converges to ~1e-32 here)
            if (i > 0 && loss[i] > loss[i - 1] && loss[i - 1] > 1e-12 * loss[0]) {
                rises++;
            }
        }
        double[] half = Arrays.copyOfRange(sh, sh.length / 2, sh.length);
        Arrays.sort(half);
        double median = half.length % 2 == 1 ? half[half.length / 2]
                : 0.5 * (half[half.length / 2 - 1] + half[half.length / 2]);
        return new Outcome(seed, g.lastValue(Column.SHARPNESS), sh[0], max, median, loss[0], loss[loss.length - 1],
                rises, d.column(Column.STEP), sh, loss);
    }
}
