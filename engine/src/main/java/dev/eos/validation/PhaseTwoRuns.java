package dev.eos.validation;

import dev.eos.rates.Sample;
import dev.eos.run.ModelConfig;
import dev.eos.run.Problem;
import dev.eos.run.RunSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The Phase-II runs of a check on one subject and algorithm over an eta grid, seeds and kinds of start, through the
 * run engine with a horizon T2 (floor(T2 / eta^2) steps after the phase-2 start t_0, THEORY 4.2) and the limiting
 * flow alongside. Anchors (Phi_0 and v_1 of each seed) are computed first, then every run, all on the worker pool;
 * results come back in grid order (etas, then seeds, then starts).
 */
final class PhaseTwoRuns {

    /** How a run starts. */
    enum Start {
        /** Phi_0 + 0.3 s v_1: an aligned 2-cycle from step 0 (t_0 = 0). */
        ALIGNED("aligned", "aligned 2-cycle starts"),
        /** Phi_0 + 0.3 s (v_1 + v_2): a 2-cycle whose alignment must be restored (t_0 = 0). */
        MISALIGNED("misaligned", "2-cycle starts with an equal v_2 component"),
        /** The seeded random start of the subject: Phase I first, t_0 from the engine's phase rule. */
        GENERIC("generic", "generic starts");

        final String label;
        final String description;

        Start(String label, String description) {
            this.label = label;
            this.description = description;
        }
    }

    /**
     * One run.
     *
     * @param eta    its eta
     * @param seed   its seed
     * @param start  its start
     * @param data   what it produced
     * @param anchor the seed's anchor
     */
    record Run(double eta, long seed, Start start, EngineRun.Data data, Anchor anchor) {
    }

    private final CheckContext ctx;
    private final Subject subject;
    private final String algorithm;
    private double horizon = 1.0;
    private boolean flow = true;
    private boolean stableness;
    private Schedule customize = (b, steps) -> b;

    /** Changes to a run's spec given its Phase-II length floor(T2 / eta^2). */
    @FunctionalInterface
    interface Schedule {
        RunSpec.Builder apply(RunSpec.Builder b, long steps);
    }

    PhaseTwoRuns(CheckContext ctx, Subject subject, String algorithm) {
        this.ctx = ctx;
        this.subject = subject;
        this.algorithm = algorithm;
    }

    /** T2 (default 1). */
    PhaseTwoRuns horizon(double t2) {
        horizon = t2;
        return this;
    }

    /** Integrate the limiting flow alongside (default true). */
    PhaseTwoRuns flow(boolean on) {
        flow = on;
        return this;
    }

    /** The standard expensive metrics with stableness (default: the lean ones). */
    PhaseTwoRuns stableness(boolean on) {
        stableness = on;
        return this;
    }

    /** Changes to each run's spec (schedules), given after the defaults. */
    PhaseTwoRuns customize(Schedule c) {
        customize = c;
        return this;
    }

    /** The seeds' anchors, in seed order. */
    List<Anchor> anchors(long[] seeds) throws Exception {
        List<CheckContext.Task<Anchor>> tasks = new ArrayList<>();
        for (long s : seeds) {
            tasks.add(new CheckContext.Task<>(subject.key() + " anchor seed " + s, () -> {
                Problem p = subject.build(s);
                return Anchor.of(p.model(), p.start());
            }));
        }
        return ctx.parallel(tasks);
    }

    /** Runs the grid. */
    List<Run> run(double[] etas, long[] seeds, List<Start> starts) throws Exception {
        List<Anchor> anchors = anchors(seeds);
        List<CheckContext.Task<Run>> tasks = new ArrayList<>();
        Path inputs = ctx.runDir("inputs");
        for (double eta : etas) {
            for (int k = 0; k < seeds.length; k++) {
                long seed = seeds[k];
                Anchor anchor = anchors.get(k);
                for (Start st : starts) {
                    String name = String.format(Locale.ROOT, "%s-%s-%s-s%d-%s", subject.key(), algorithm,
                            EngineRun.eta(eta), seed, st.label);
                    tasks.add(new CheckContext.Task<>(name, () -> {
                        ModelConfig model = switch (st) {
                            case GENERIC -> subject.genericConfig(seed);
                            case ALIGNED -> EngineRun.withStart(subject.config(seed), inputs, name,
                                    anchor.aligned(algorithm, eta));
                            case MISALIGNED -> EngineRun.withStart(subject.config(seed), inputs, name,
                                    anchor.start(algorithm, eta, 1.0));
                        };
                        long steps = EngineRun.horizonSteps(horizon, eta);
                        RunSpec.Builder b = EngineRun.spec(model, algorithm, eta, seed, steps).horizon(horizon)
                                .flow(flow).lastSteps(2);
                        RunSpec spec = customize.apply(b, steps).build();
                        EngineRun.Data d = EngineRun.run(ctx, ctx.runDir(subject.key()).resolve(name), spec,
                                stableness);
                        return new Run(eta, seed, st, d, anchor);
                    }));
                }
            }
        }
        return ctx.parallel(tasks);
    }

    /** The samples of one kind of start: value(run) per run. */
    static List<Sample> samples(List<Run> runs, Start start, ToDoubleFunction<Run> value) {
        List<Sample> out = new ArrayList<>();
        for (Run r : runs) {
            if (r.start() == start) {
                out.add(new Sample(r.eta(), r.seed(), value.applyAsDouble(r)));
            }
        }
        return out;
    }

    /** Seeds 1..n. */
    static long[] seeds(int n) {
        long[] s = new long[n];
        for (int i = 0; i < n; i++) {
            s[i] = i + 1;
        }
        return s;
    }

    /** 3 seeds in quick mode, 5 in full mode. */
    static long[] seeds(Mode mode) {
        return seeds(mode.pick(3, 5));
    }

    /**
     * The quick grid 0.04 / 2^k, k = 0..5 (6 etas over 1.5 decades), or the full grid 0.032 / 2^(k/2), k = 0..10
     * (11 etas over 1.5 decades, down to 1e-3: 10^6 steps per run at T2 = 1).
     */
    static double[] etas(Mode mode) {
        if (mode == Mode.QUICK) {
            return new double[] {0.04, 0.02, 0.01, 0.005, 0.0025, 0.00125};
        }
        double[] e = new double[11];
        for (int k = 0; k < e.length; k++) {
            e[k] = k == e.length - 1 ? 0.001 : 0.032 * Math.pow(2, -k / 2.0);
        }
        return e;
    }
}
