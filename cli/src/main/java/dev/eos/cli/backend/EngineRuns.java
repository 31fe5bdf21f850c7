package dev.eos.cli.backend;

import dev.eos.cli.common.BadInputException;
import dev.eos.run.Progress;
import dev.eos.run.RunEngine;
import dev.eos.run.RunListener;
import dev.eos.run.RunResult;
import dev.eos.run.RunSpec;
import dev.eos.run.StopToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs, resumes and extends runs with the engine's {@link RunEngine}: translates a {@link RunPlan} into a
 * {@link RunSpec}, the engine's listener into the command line's {@link RunObserver}, and its results into
 * {@link RunOutcome}s. The engine's bad-input exceptions (IllegalArgumentException, invalid runs, corrupt
 * checkpoints) become {@link BadInputException}s.
 */
final class EngineRuns {

    /** Full metric rows at the last steps, so that the last pair identities are measured. */
    static final int LAST_STEPS = 4;

    private EngineRuns() {
    }

    /** The engine over the standard components (models, optimizers, Lanczos sharpness, Phi, limiting flows). */
    static RunEngine engine() {
        return RunEngine.standard();
    }

    /**
     * Steps per second of the plan's optimizer from its start point (no metrics), timed in windows of 0.1 s until
     * two consecutive windows agree within 10%, at most 3 s: the interpreter and C1 run Vector API code very
     * slowly, and a fixed short warm-up underestimates a small model's speed many times over.
     */
    static double estimateStepsPerSecond(RunPlan plan) {
        dev.eos.optim.Optimizer opt = RunEngine.standardOptimizer(spec(plan), plan.problem().model());
        double[] x = plan.problem().start().clone();
        double previous = 0;
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (true) {
            long steps = 0;
            long t0 = System.nanoTime();
            long t;
            while ((t = System.nanoTime()) - t0 < 100_000_000L) {
                for (int i = 0; i < 16; i++) {
                    opt.step(x);
                }
                steps += 16;
            }
            double rate = steps / ((t - t0) * 1e-9);
            if (Math.abs(rate - previous) <= 0.1 * rate || t > deadline) {
                return Math.max(rate, previous);
            }
            previous = rate;
        }
    }

    /** The resolved config as plain JSON values (names for choices, strings for paths) for run.json. */
    static Map<String, Object> plain(Map<String, Object> config) {
        Map<String, Object> out = new LinkedHashMap<>();
        config.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v instanceof Number || v instanceof Boolean || v instanceof List<?> ? v : v.toString());
            }
        });
        return out;
    }

    /** The engine's spec of a plan (its flag-named JSON is what run.json stores). */
    static RunSpec spec(RunPlan p) {
        RunSpec.Builder b = RunSpec.builder().model(Problems.config(p.model())).algorithm(p.algo().cliName())
                .eta(p.eta()).seed(p.seed()).metricsEvery(p.metricsEvery())
                .phiEvery(p.phiEvery() == null ? 0 : p.phiEvery()).logPoints(Math.toIntExact(p.logPoints()))
                .lastSteps(LAST_STEPS).snapshotEvery(p.snapshotEvery() == null ? 0 : p.snapshotEvery())
                .checkpointEvery(p.checkpointEvery() == null ? 0 : p.checkpointEvery()).flow(p.flow())
                .threads(p.threads());
        if (p.steps() != null) {
            b.steps(p.steps());
        } else {
            b.horizon(p.horizon());
        }
        if (p.noiseRadius() != null) {
            b.noise(p.noiseRadius(), p.noiseEvery() == null ? 0 : p.noiseEvery());
        }
        if (p.divergenceBound() != null) {
            b.divergenceBound(p.divergenceBound());
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    static RunOutcome start(RunPlan plan, RunObserver observer) {
        RunSpec spec = spec(plan);
        return call(plan.dir(), observer, () -> engine().start(spec, plan.dir(), listener(observer), plan.stop(),
                plain(plan.config())));
    }

    static RunOutcome resume(Path dir, Long steps, StopToken stop, RunObserver observer) {
        RunEngine e = engine();
        return call(dir, observer, () -> steps == null ? e.resume(dir, listener(observer), stop)
                : e.extend(dir, steps, listener(observer), stop));
    }

    private interface Session {
        RunResult run() throws IOException;
    }

    private static RunOutcome call(Path dir, RunObserver observer, Session s) {
        RunResult r;
        try {
            r = s.run();
            if (r.status() == dev.eos.run.RunStatus.COMPLETED) {
                observer.progress(r.step(), Double.NaN, Double.NaN); // the bar ends at 100%
            }
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
        RunOutcome.Status status = switch (r.status()) {
            case COMPLETED -> RunOutcome.Status.COMPLETED;
            case DIVERGED -> RunOutcome.Status.DIVERGED;
            case STOPPED -> RunOutcome.Status.STOPPED;
            default -> throw new IllegalStateException("run ended as " + r.status() + ": " + r.message());
        };
        return new RunOutcome(status, r.dir(), r.step(), r.total().loopSeconds(), r.total().stepsPerSecond(),
                r.message());
    }

    /** The engine's listener, reporting to the observer (progress bar or log lines). */
    private static RunListener listener(RunObserver o) {
        return new RunListener() {
            private long end = -1;

            @Override
            public void onStart(RunSpec spec, Path dir, long step) {
                end = spec.isHorizon() ? spec.maxSteps() : spec.steps();
                o.started(step, end);
            }

            @Override
            public void onProgress(Progress p) {
                if (p.end() != end) {
                    end = p.end();
                    o.total(end);
                }
                o.progress(p.step(), p.loss(), p.sharpness());
            }

            @Override
            public void onPhase2(long step, long e) {
                end = e;
                o.total(e);
            }
        };
    }
}
