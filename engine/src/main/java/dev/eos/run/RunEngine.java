package dev.eos.run;

import dev.eos.io.AtomicFiles;
import dev.eos.io.CsvWriter;
import dev.eos.io.Json;
import dev.eos.models.Model;
import dev.eos.optim.Optimizer;
import dev.eos.optim.Optimizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Runs, resumes and extends runs in a run directory ({@link RunDirectory} documents the layout). The engine never
 * prints, handles signals or exits: it reports through a {@link RunListener}, stops when a {@link StopToken} is set
 * (after writing a checkpoint), and returns a {@link RunResult} whose {@link RunStatus} says how the session ended.
 *
 * <p>Errors: bad input (an invalid spec, model options or files, a directory that is not empty or not a run, a run
 * that cannot be resumed) raises IllegalArgumentException, in particular {@link InvalidRunException} and
 * {@link CorruptCheckpointException}, with a one-line message, before anything is written; I/O failures raise
 * IOException; anything else is an internal error. Both are recorded in run.json as "failed" (best effort) and
 * rethrown; the last checkpoint stays valid and resume continues from it.
 */
public final class RunEngine {

    private final ProblemFactory problems;
    private final OptimizerFactory optimizers;
    private final MetricsFactory metrics;

    /**
     * The engine over the standard components: {@link ModelProblems} (dev.eos.models), the optimizers by name
     * (dev.eos.optim.Optimizers, with the spec's perturbation and seed) and {@link StandardMetrics}.
     */
    public static RunEngine standard() {
        return new RunEngine(new ModelProblems(), RunEngine::standardOptimizer, new StandardMetrics());
    }

    /** The optimizer a spec names, with its eta, perturbation radius and period, and seed. */
    public static Optimizer standardOptimizer(RunSpec spec, Model model) {
        return Optimizers.create(spec.algorithm(), model, spec.eta(), Optimizers.Settings.defaults()
                .withNoise(spec.noiseRadius(), spec.noiseEvery()).withSeed(spec.seed()));
    }

    /** An engine over the given components ({@link #standard()} uses the project's; tests pass stand-ins). */
    public RunEngine(ProblemFactory problems, OptimizerFactory optimizers, MetricsFactory metrics) {
        this.problems = Objects.requireNonNull(problems);
        this.optimizers = Objects.requireNonNull(optimizers);
        this.metrics = Objects.requireNonNull(metrics);
    }

    /**
     * Starts a new run in {@code dir} (created; it must not exist or be empty). Model, optimizer and meters are built
     * first, so that bad input leaves no directory behind.
     */
    public RunResult start(RunSpec spec, Path dir, RunListener listener, StopToken stop) throws IOException {
        return start(spec, dir, listener, stop, null);
    }

    /**
     * {@link #start(RunSpec, Path, RunListener, StopToken)}, also saving the caller's resolved configuration (e.g.
     * the CLI's flags and config file, as plain maps, lists, strings, numbers and booleans) in run.json under
     * "config".
     */
    public RunResult start(RunSpec spec, Path dir, RunListener listener, StopToken stop, Map<String, ?> config)
            throws IOException {
        checkFlow(spec);
        Problem problem = problems.create(spec.model(), spec.seed(), spec.threads());
        Optimizer opt = optimizers.create(spec, problem.model());
        Meters meters = metrics.create(spec, problem.model());
        if (Files.exists(dir) && (!Files.isDirectory(dir) || !isEmpty(dir))) {
            throw new InvalidRunException(dir + (RunDirectory.isRun(dir) ? " already holds a run (resume it, or "
                    + "choose another directory)" : " exists and is not an empty directory"));
        }
        Files.createDirectories(dir);
        try (RunLock lock = RunLock.acquire(dir)) {
            RunJson json = RunJson.create(dir, spec, problem.model());
            if (config != null) {
                json.setConfig(Json.valueOf(config));
            }
            json.beginSession("start", 0);
            CsvWriter csv = CsvWriter.create(dir.resolve(RunDirectory.METRICS), Column.header());
            MetricsRecorder rec = new MetricsRecorder(csv, spec.algorithm(), spec.eta(), problem.model().minLoss());
            RunLoop.Start from = new RunLoop.Start(problem.start(), 0, -1, Double.NaN, 0, 0, 0);
            listener.onStart(spec, dir, 0);
            return execute(new RunLoop(spec, dir, opt, meters, rec, json, from, listener, stop), json, true);
        }
    }

    /**
     * Continues a stopped or killed run from its last checkpoint: verifies the checkpoint, truncates metrics.csv back
     * to it and runs to the planned end. The result is bit-identical to an uninterrupted run.
     *
     * @throws InvalidRunException when the directory holds no run, the run diverged, or it is already complete
     */
    public RunResult resume(Path dir, RunListener listener, StopToken stop) throws IOException {
        Checkpoint c = readResumable(dir);
        if (isComplete(c)) {
            throw new InvalidRunException(dir + " is complete at step " + c.step()
                    + "; extend it with more steps instead");
        }
        return continueFrom(dir, c, c.spec(), "resume", listener, stop);
    }

    /**
     * Extends a run (completed or stopped) to {@code totalSteps} steps in all, continuing from its last checkpoint;
     * a horizon run becomes a step-count run. Rows already written stay; the schedule (log points, last steps) is
     * planned over the new length from here on.
     */
    public RunResult extend(Path dir, long totalSteps, RunListener listener, StopToken stop) throws IOException {
        Checkpoint c = readResumable(dir);
        if (totalSteps <= c.step()) {
            throw new InvalidRunException(dir + " is already at step " + c.step() + "; extend to more than that, not "
                    + totalSteps);
        }
        RunSpec spec = c.spec().toBuilder().steps(totalSteps).build();
        return continueFrom(dir, c, spec, "extend", listener, stop);
    }

    /**
     * Estimated steps per second of the spec's optimizer on its model on this machine (for a dry run): builds them
     * (bad input raises as in {@link #start}), warms up, then times steps for about {@code seconds}. Writes nothing.
     */
    public double estimateStepsPerSecond(RunSpec spec, double seconds) {
        Problem problem = problems.create(spec.model(), spec.seed(), spec.threads());
        Optimizer opt = optimizers.create(spec, problem.model());
        double[] x = problem.start().clone();
        long budget = (long) (Math.max(seconds, 1e-3) * 1e9);
        long n = 1;
        long warm = System.nanoTime();
        while (System.nanoTime() - warm < budget / 2) { // JIT warm-up, doubling the batch
            for (long i = 0; i < n; i++) {
                opt.step(x);
            }
            n *= 2;
        }
        long steps = 0;
        long t0 = System.nanoTime();
        long elapsed;
        do {
            for (long i = 0; i < n; i++) {
                opt.step(x);
            }
            steps += n;
            elapsed = System.nanoTime() - t0;
        } while (elapsed < budget / 2);
        return steps * 1e9 / elapsed;
    }

    private Checkpoint readResumable(Path dir) throws IOException {
        if (!Files.isDirectory(dir) || !RunDirectory.isRun(dir)) {
            throw new InvalidRunException(dir + " is not a run directory");
        }
        Checkpoint c = CheckpointFile.read(dir);
        if (Files.isRegularFile(dir.resolve(RunDirectory.RUN_JSON))) {
            try {
                if (RunDirectory.status(dir) == RunStatus.DIVERGED) {
                    throw new InvalidRunException(dir + " diverged (" + RunDirectory.runJson(dir).path("message")
                            .asText() + "); resuming would diverge again");
                }
            } catch (IOException | IllegalArgumentException e) {
                if (e instanceof InvalidRunException ie) {
                    throw ie;
                }
                // an unreadable run.json is rebuilt from the checkpoint's spec
            }
        }
        return c;
    }

    private static boolean isComplete(Checkpoint c) {
        RunSpec s = c.spec();
        if (!s.isHorizon()) {
            return c.step() >= s.steps();
        }
        long end = c.phase2Start() >= 0 ? Math.min(s.maxSteps(), c.phase2Start() + s.horizonSteps()) : s.maxSteps();
        return c.step() >= end;
    }

    private RunResult continueFrom(Path dir, Checkpoint c, RunSpec spec, String kind, RunListener listener,
                                   StopToken stop) throws IOException {
        checkFlow(spec);
        Problem problem = problems.create(spec.model(), spec.seed(), spec.threads());
        Model model = problem.model();
        if (c.x().length != model.dim()) {
            throw new CorruptCheckpointException(dir + ": the checkpoint's iterate has " + c.x().length
                    + " entries but the model has " + model.dim());
        }
        Optimizer opt = optimizers.create(spec, model);
        if (!opt.name().equals(c.optimizer())) {
            throw new CorruptCheckpointException(dir + ": the checkpoint was written by optimizer " + c.optimizer()
                    + ", the spec builds " + opt.name());
        }
        opt.restore(c.optimizerState());
        Meters meters = metrics.create(spec, model);
        try (RunLock lock = RunLock.acquire(dir)) {
            return continueLocked(dir, c, spec, kind, model, opt, meters, listener, stop);
        }
    }

    private static RunResult continueLocked(Path dir, Checkpoint c, RunSpec spec, String kind, Model model,
                                            Optimizer opt, Meters meters, RunListener listener, StopToken stop)
            throws IOException {
        Path csvPath = dir.resolve(RunDirectory.METRICS);
        CsvWriter csv;
        try {
            csv = CsvWriter.reopen(csvPath, Column.header().size(), c.metricsBytes(), c.metricsRows());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CorruptCheckpointException(dir + " has a checkpoint but no " + RunDirectory.METRICS);
        } catch (IOException e) {
            throw new CorruptCheckpointException(dir + ": " + e.getMessage()
                    + " (metrics.csv lost rows the checkpoint recorded)", e);
        }
        Files.deleteIfExists(AtomicFiles.tempFor(CheckpointFile.path(dir))); // a write that was killed mid-way
        MetricsRecorder rec = new MetricsRecorder(csv, spec.algorithm(), spec.eta(), model.minLoss());
        RunJson json = RunJson.open(dir, spec, model);
        json.beginSession(kind, c.step());
        RunLoop.Start from = new RunLoop.Start(c.x(), c.step(), c.phase2Start(), c.lastSharpness(), c.steps(),
                c.loopSeconds(), c.metricSeconds());
        RunLoop loop = new RunLoop(spec, dir, opt, meters, rec, json, from, listener, stop);
        for (Checkpointed m : loop.checkpointed()) {
            m.restore(c.meters());
        }
        listener.onStart(spec, dir, c.step());
        return execute(loop, json, false);
    }

    private static RunResult execute(RunLoop loop, RunJson json, boolean checkpointAtStart) throws IOException {
        try {
            return loop.run(checkpointAtStart);
        } catch (RuntimeException | Error | IOException e) {
            try {
                Timing zero = new Timing(0, 0, 0, 0);
                json.endSession(new RunResult(RunStatus.FAILED, (e instanceof IOException ? "I/O error" : "internal error")
                        + " at step " + loop.step() + ": " + e,
                        null, loop.step(), -1, zero, zero), -1, false);
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static void checkFlow(RunSpec spec) {
        if (spec.flow() && !spec.algorithm().equals("ngd") && !spec.algorithm().equals("sqrt")) {
            throw new InvalidRunException("the limiting flow is defined for algo ngd and sqrt only, not "
                    + spec.algorithm());
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
