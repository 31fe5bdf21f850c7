package dev.eos.run;

import dev.eos.io.AtomicFiles;
import dev.eos.io.Npy;
import dev.eos.optim.Optimizer;
import dev.eos.spectral.NonFiniteOperatorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * One session of a run: the step loop and everything it schedules. The hot loop ({@link #spin}) is
 * {@code do { opt.step(x); t++; } while (t != nextEvent & opt.lastLoss() <= bound)}: one branch per step, nothing
 * allocated. Every other piece of work (rows, snapshots, checkpoints, phase checks, progress, the stop token) happens
 * at a precomputed event step; a progress heartbeat, spaced adaptively every ~50 ms of run time, bounds the delay
 * before a stop request or a wall-time checkpoint is seen.
 *
 * <p>A step that reports a NaN loss, a loss above the divergence bound, or a {@link Optimizer#failure()} (gradient flow
 * that could not advance time eta) ends the run as {@link RunStatus#DIVERGED}.
 *
 * <p>Order of work at an event t (x = x_t): divergence of the last step, end, stop (checkpoint, return), checkpoint
 * due, snapshot, phase check, and the row of t: copy x_t, take the step (it reports L, ||grad L|| and eta_t at x_t),
 * then measure sharpness and, on expensive rows, the expensive metrics and the flow at the copy.
 */
final class RunLoop {

    private static final long NS = 1_000_000_000L;
    private static final long BEAT_NANOS = 50_000_000L;

    private final RunSpec spec;
    private final Path dir;
    private final Optimizer opt;
    private final Meters meters;
    private final RunListener listener;
    private final StopToken stop;
    private final MetricsRecorder recorder;
    private final RunJson runJson;
    private final double[] x;
    private final double[] xt;
    private final MetricRow row = new MetricRow();
    private final GapWatch gapWatch = new GapWatch();
    private final double bound;
    private final double eta2;
    private final long startStep;
    private final boolean flowOn;

    private long t;
    private long phase2Start;
    private long end;
    private boolean endKnown;
    private MetricSchedule schedule;
    private double lastSharpness;
    private boolean stepped;
    private boolean checkpointOwed;
    private long lastCheckpointStep = -1;
    /** Why the metrics found the run diverging although its loss was still finite, or null. */
    private String overflow;

    // timing: nanos of this session, and totals carried over from earlier sessions
    private final long startNanos = System.nanoTime();
    private long loopNanos;
    private long metricNanos;
    private final long prevSteps;
    private final double prevLoopSeconds;
    private final double prevMetricSeconds;
    private long lastCheckpointNanos = startNanos;
    private long heartbeatEvery = 64;
    private long nextHeartbeat;
    private long lastBeatNanos = startNanos;

    /** State a session starts from: a fresh run (step 0) or a checkpoint. */
    record Start(double[] x, long step, long phase2Start, double lastSharpness, long steps, double loopSeconds,
                 double metricSeconds) {
    }

    RunLoop(RunSpec spec, Path dir, Optimizer opt, Meters meters, MetricsRecorder recorder, RunJson runJson,
            Start from, RunListener listener, StopToken stop) {
        this.spec = spec;
        this.dir = dir;
        this.opt = opt;
        this.meters = meters;
        this.recorder = recorder;
        this.runJson = runJson;
        this.listener = listener;
        this.stop = stop;
        this.x = from.x().clone();
        this.xt = new double[x.length];
        this.t = from.step();
        this.startStep = from.step();
        this.phase2Start = from.phase2Start();
        this.lastSharpness = from.lastSharpness();
        this.prevSteps = from.steps();
        this.prevLoopSeconds = from.loopSeconds();
        this.prevMetricSeconds = from.metricSeconds();
        this.bound = Math.min(spec.divergenceBound(), Double.MAX_VALUE); // Inf and NaN always count
        this.eta2 = spec.eta() * spec.eta();
        this.flowOn = spec.flow() && meters.flow() != null;
        planEnd();
        this.nextHeartbeat = t + heartbeatEvery;
        this.lastCheckpointStep = from.step() > 0 ? from.step() : -1; // a resumed session starts at a checkpoint
    }

    /** Runs the session to its end and returns how it ended (run.json is written, the recorder closed). */
    RunResult run(boolean checkpointAtStart) throws IOException {
        if (checkpointAtStart) {
            checkpoint();
        }
        long lastExit = System.nanoTime();
        RunResult result = null;
        while (result == null) {
            long enter = System.nanoTime();
            loopNanos += enter - lastExit;
            long stepNanos = 0;
            boolean didRow = false;
            result = event();
            // a pending pair row needs its partner t even when the phase-2 start just replanned the schedule
            if (result == null && (schedule.row(t) || recorder.hasPending())) {
                stepNanos = row();
                didRow = true;
            }
            if (result == null && t >= nextHeartbeat) {
                beat();
            }
            lastExit = System.nanoTime();
            metricNanos += lastExit - enter - stepNanos;
            loopNanos += stepNanos;
            if (result != null) {
                break;
            }
            long next = nextEvent(didRow ? t : t + 1);
            if (t != next && !diverged()) {
                t = spin(opt, x, t, next, bound);
                stepped = true;
            }
        }
        return result;
    }

    /**
     * The hot loop: steps from step n until step {@code next}, or until a step reports a loss that is not
     * &le; bound (NaN, Inf, above the divergence bound). One branch per step, nothing allocated; a small method of
     * its own so that the JIT compiles it whole. Returns the step reached.
     */
    static long spin(Optimizer o, double[] x, long n, long next, double bound) {
        do {
            o.step(x);
            n++;
        } while (n != next & o.lastLoss() <= bound);
        return n;
    }

    // ---------------------------------------------------------------- events

    /** Work at event t before the row; returns the result when the session ends here. */
    private RunResult event() throws IOException {
        if (diverged()) {
            return finish(RunStatus.DIVERGED, divergenceMessage());
        }
        if (t >= end) {
            return finish(RunStatus.COMPLETED, completionMessage());
        }
        if (stop.isStopRequested() && !recorder.hasPending()) {
            checkpoint();
            return finish(RunStatus.STOPPED, "stopped by " + stop.reason() + " at step " + t
                    + " after writing a checkpoint; resume to continue");
        }
        boolean due = checkpointOwed
                || (spec.checkpointEvery() > 0 && t % spec.checkpointEvery() == 0 && t != lastCheckpointStep)
                || (spec.checkpointSeconds() > 0
                    && System.nanoTime() - lastCheckpointNanos >= (long) (spec.checkpointSeconds() * NS));
        if (due && t != lastCheckpointStep) {
            if (recorder.hasPending()) {
                checkpointOwed = true; // a pair row waits for x_{t+1}: checkpoint one step later
            } else {
                checkpoint();
            }
        }
        if (spec.snapshotEvery() > 0 && t % spec.snapshotEvery() == 0) {
            Path f = RunDirectory.snapshot(dir, t);
            Files.createDirectories(f.getParent());
            AtomicFiles.write(f, Npy.encode(x, x.length));
        }
        if (phase2Start < 0 && meters.phase() != null && (t % spec.phaseEvery() == 0 || schedule.row(t))) {
            double d = meters.phase().distanceToGamma(x);
            if (d <= phaseThreshold()) {
                enterPhase2();
            }
        }
        return null;
    }

    /** Records the row of step t: takes the step from x_t itself; returns the nanos spent stepping. */
    private long row() throws IOException {
        long t0 = t;
        boolean expensive = schedule.expensive(t0) || recorder.hasPending();
        System.arraycopy(x, 0, xt, 0, x.length);
        long s = System.nanoTime();
        opt.step(x);
        long stepNanos = System.nanoTime() - s;
        t++;
        stepped = true;
        if (opt.failure() != null) {
            return stepNanos; // a step that could not be taken (gf) has no row: the run ends at the next event
        }
        row.reset(t0);
        row.set(Column.STEP, t0);
        row.set(Column.TAU, eta2 * t0);
        row.set(Column.PHASE, phase2Start >= 0 && t0 >= phase2Start ? 2 : 1);
        row.set(Column.LOSS, opt.lastLoss());
        row.set(Column.GRAD_NORM, opt.lastGradNorm());
        row.set(Column.ETA_EFF, opt.lastEtaEff());
        try {
            if (meters.sharpness() != null) {
                lastSharpness = meters.sharpness().sharpness(xt);
                row.set(Column.SHARPNESS, lastSharpness);
            }
            if (expensive) {
                double[] phi = meters.point() != null ? meters.point().measure(xt, opt.lastEtaEff(), row) : null;
                if (flowOn && phase2Start >= 0) {
                    meters.flow().advance(eta2 * (t0 - phase2Start), phi, row);
                }
            }
        } catch (NonFiniteOperatorException e) {
            // the loss at x_t is still finite, but its Hessian overflows: the run is diverging
            overflow = "the Hessian at x_" + t0 + " is not finite (loss " + opt.lastLoss() + ")";
        }
        gapWatch.observe(row);
        recorder.add(row, schedule.pairStart(t0));
        if (checkpointOwed && !recorder.hasPending() && !diverged()) {
            checkpointOwed = false;
            checkpoint(); // the owed checkpoint, at t0 + 1
        }
        return stepNanos;
    }

    /** The next step with work, at or after s. */
    private long nextEvent(long s) {
        if (diverged() || stop.isStopRequested() || checkpointOwed) {
            return t;
        }
        long e = Math.min(end, schedule.nextRow(s));
        e = Math.min(e, MetricSchedule.nextMultiple(spec.snapshotEvery(), s));
        e = Math.min(e, MetricSchedule.nextMultiple(spec.checkpointEvery(), s));
        if (phase2Start < 0 && meters.phase() != null) {
            e = Math.min(e, MetricSchedule.nextMultiple(spec.phaseEvery(), s));
        }
        e = Math.min(e, Math.max(s, nextHeartbeat));
        return Math.max(e, s);
    }

    /**
     * c eta s: s = 1 for ngd, gd and gf, s = sqrt(lambda_1(x_t) / 2) for sqrt, the amplitude scale of the Phase-II
     * 2-cycle (THEORY 3, consequences); s = 1 when no sharpness meter is available.
     */
    private double phaseThreshold() {
        double s = 1;
        if (spec.algorithm().equals("sqrt") && meters.sharpness() != null) {
            double lambda = meters.sharpness().sharpness(x);
            if (lambda > 0) {
                s = Math.sqrt(lambda / 2);
            }
        }
        return spec.phaseConstant() * spec.eta() * s;
    }

    private boolean diverged() {
        return overflow != null || (stepped && !(opt.lastLoss() <= bound));
    }

    private void enterPhase2() {
        phase2Start = t;
        if (flowOn) {
            meters.flow().start(x);
        }
        planEnd();
        listener.onPhase2(t, end);
    }

    /** Sets end, endKnown and the schedule from the spec and the phase-2 start. */
    private void planEnd() {
        if (!spec.isHorizon()) {
            end = spec.steps();
            endKnown = true;
        } else if (phase2Start >= 0) {
            end = Math.min(spec.maxSteps(), phase2Start + spec.horizonSteps());
            endKnown = true;
        } else {
            end = spec.maxSteps();
            endKnown = false;
        }
        schedule = new MetricSchedule(spec, end);
    }

    private void beat() {
        long now = System.nanoTime();
        long dt = now - lastBeatNanos;
        if (dt < BEAT_NANOS / 2 && heartbeatEvery < (1L << 40)) {
            heartbeatEvery *= 2;
        } else if (dt > 2 * BEAT_NANOS && heartbeatEvery > 1) {
            heartbeatEvery /= 2;
        }
        lastBeatNanos = now;
        nextHeartbeat = t + heartbeatEvery;
        listener.onProgress(new Progress(t, startStep, end, endKnown, phase2Start >= 0 ? 2 : 1,
                stepped ? opt.lastLoss() : Double.NaN, lastSharpness, rate(), (now - startNanos) / 1e9));
    }

    private double rate() {
        return loopNanos > 0 ? (t - startStep) * 1e9 / loopNanos : Double.NaN;
    }

    // ---------------------------------------------------------------- checkpoint and end

    private void checkpoint() throws IOException {
        long bytes = recorder.sync();
        CheckpointState state = new CheckpointState();
        for (Checkpointed c : checkpointed()) {
            c.save(state);
        }
        Timing total = total();
        CheckpointFile.write(dir, new Checkpoint(spec, t, opt.name(), opt.state(), x.clone(), bytes, recorder.rows(),
                phase2Start, state, stepped ? opt.lastLoss() : Double.NaN, lastSharpness, total.steps(),
                total.loopSeconds(), total.metricSeconds()));
        lastCheckpointStep = t;
        lastCheckpointNanos = System.nanoTime();
        listener.onCheckpoint(t);
    }

    /** The metric components with state, each once. */
    Set<Checkpointed> checkpointed() {
        Set<Checkpointed> s = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Object o : new Object[] {meters.sharpness(), meters.phase(), meters.point(), meters.flow(), gapWatch}) {
            if (o instanceof Checkpointed c) {
                s.add(c);
            }
        }
        return s;
    }

    private RunResult finish(RunStatus status, String message) throws IOException {
        if (status != RunStatus.STOPPED) {
            recorder.flushPending();
        }
        if (status == RunStatus.COMPLETED) {
            if (lastCheckpointStep != t) {
                checkpoint(); // so that the run can be extended
            }
            AtomicFiles.write(dir.resolve(RunDirectory.FINAL), Npy.encode(x, x.length));
        }
        recorder.sync();
        recorder.close();
        RunResult r = new RunResult(status, message, dir, t, phase2Start, session(), total());
        if (meters.flow() instanceof LimitingFlowMeter f && f.flow().stopped()) {
            gapWatch.flowStopped(f.flow().stoppedAt());
        }
        gapWatch.writeTo(runJson.eigengap());
        runJson.endSession(r, end, endKnown);
        listener.onFinish(r);
        return r;
    }

    private Timing session() {
        return new Timing(t - startStep, loopNanos / 1e9, metricNanos / 1e9, (System.nanoTime() - startNanos) / 1e9);
    }

    private Timing total() {
        Timing s = session();
        return new Timing(prevSteps + s.steps(), prevLoopSeconds + s.loopSeconds(),
                prevMetricSeconds + s.metricSeconds(), prevLoopSeconds + prevMetricSeconds + s.totalSeconds());
    }

    private String divergenceMessage() {
        String failure = opt.failure();
        if (failure != null) {
            return "stopped at step " + (t - 1) + ": " + failure + "; the step is not recorded, and the last good"
                    + " checkpoint" + (lastCheckpointStep >= 0 ? " (step " + lastCheckpointStep + ")" : "")
                    + " is kept";
        }
        double l = opt.lastLoss();
        String why = overflow != null ? overflow
                : Double.isFinite(l) ? "loss " + l + " exceeds the divergence bound " + spec.divergenceBound()
                : "loss is " + l;
        return "diverged at step " + (t - 1) + ": " + why + " (eta = " + spec.eta() + "); the last good checkpoint"
                + (lastCheckpointStep >= 0 ? " (step " + lastCheckpointStep + ")" : "") + " is kept";
    }

    private String completionMessage() {
        String s = "completed " + t + " steps";
        if (spec.isHorizon() && endKnown && end < phase2Start + spec.horizonSteps()) {
            s += "; the horizon was cut at max-steps = " + spec.maxSteps() + " (phase 2 started at step " + phase2Start
                    + ", the horizon needs " + spec.horizonSteps() + " steps after it)";
        }
        if (spec.isHorizon() && !endKnown) {
            s += "; phase 2 never started (no iterate within " + spec.phaseConstant() + " eta s of Gamma by the cap"
                    + " max-steps = " + spec.maxSteps() + ")";
        }
        return s;
    }

    long step() {
        return t;
    }
}
