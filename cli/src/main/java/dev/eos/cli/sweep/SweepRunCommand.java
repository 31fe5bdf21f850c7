package dev.eos.cli.sweep;

import dev.eos.cli.common.BadInputException;
import dev.eos.cli.common.ExitCodes;
import dev.eos.cli.output.RunSession;
import dev.eos.cli.backend.Backend;
import dev.eos.cli.output.Format;
import dev.eos.cli.output.StopSignals;
import dev.eos.run.RunDirectory;
import dev.eos.run.RunSpec;
import dev.eos.run.StopToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code eos sweep run SWEEP}: runs one row (--index, or the index a scheduler gives) or every row (--all, N at a
 * time on threads of this JVM) into SWEEP/runs/&lt;id&gt;/, with eos run's engine, resume and exit codes. Finished
 * rows are no-ops; interrupted rows resume from their checkpoints; signals checkpoint every running row first.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Run rows of a planned sweep into SWEEP/runs/<id>/. A finished row (its DONE marker) is a no-op; an "
                    + "interrupted one resumes from its checkpoint. SIGINT, SIGTERM and SIGUSR1 checkpoint first and "
                    + "exit 4: run the same command again to continue.",
            "The row: --index I; else $" + IndexChoice.SLURM + " (+ --index-offset) in a Slurm job array; else $"
                    + IndexChoice.KUBERNETES + " in a Kubernetes Indexed Job; or every row with --all."},
        footer = {
            "%nExamples:",
            "  eos sweep run SWEEP --all --jobs 4        # every row here, 4 at a time",
            "  eos sweep run SWEEP --index 7             # row 7 (0-based)",
            "  eos sweep run SWEEP --index-offset 1000   # in a Slurm array's 2nd chunk",
            "                                            # (see eos sweep slurm)",
            "%nExit codes:",
            "  0 ok (also: the row had finished before)   1 internal error",
            "  2 bad input   3 diverged",
            "  4 stopped by a signal after a checkpoint (run the same command again to continue)"})
final class SweepRunCommand implements Callable<Integer> {

    /** The environment the scheduler's index is read from (tests replace it). */
    static volatile Function<String, String> env = System::getenv;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SWEEP", description = "The sweep directory (eos sweep plan --out).")
    Path dir;

    @Option(names = "--index", paramLabel = "I", description = "Run row I (0-based over the manifest's rows).")
    Integer index;

    @Option(names = "--index-offset", paramLabel = "K",
            description = "Add K to $" + IndexChoice.SLURM + " (or $" + IndexChoice.KUBERNETES + "): arrays chunked "
                    + "below Slurm's MaxArraySize run chunk c with K = c x chunk.")
    Integer indexOffset;

    @Option(names = "--all", description = "Run every row that has not finished, on this machine.")
    boolean all;

    @Option(names = "--jobs", paramLabel = "N",
            description = "With --all: rows at a time (threads; default: the number of cores / the rows' "
                    + "--threads).")
    Integer jobs;

    @Option(names = "--no-progress", description = "No progress bar: plain log lines every few seconds.")
    boolean noProgress;

    private final Backend backend;

    SweepRunCommand(Backend backend) {
        this.backend = backend;
    }

    @Override
    public Integer call() throws Exception {
        SweepDir s = SweepDir.open(dir);
        Manifest m = s.readManifest();
        if (m.rows().isEmpty()) {
            throw new BadInputException(s.manifest() + " has no rows");
        }
        if (jobs != null && !all) {
            throw new BadInputException("--jobs runs rows in parallel with --all (one invocation runs one row "
                    + "otherwise)");
        }
        if (jobs != null && jobs <= 0) {
            throw new BadInputException("--jobs must be a positive integer, got " + jobs);
        }
        IndexChoice choice = IndexChoice.choose(index, indexOffset, all, env, m.rows().size());
        return choice.all() ? runAll(s, m) : runOne(s, m.rows().get(choice.row()));
    }

    /** The row's plan, checked against the manifest's run id. */
    static RowCommand.Resolved resolve(RowParser parser, SweepDir s, ManifestRow row) {
        RowCommand.Resolved r = parser.resolve(s.base(), row.values(), s.run(row.id()), row.label());
        if (!r.id().equals(row.id())) {
            throw new BadInputException(row.label() + ": its options now resolve to run id " + r.id() + ", not the "
                    + "manifest's " + row.id() + " (" + SweepDir.BASE + " or an input file was edited, or this eos "
                    + "resolves defaults differently from the one that planned it): re-plan with eos sweep plan ... --force");
        }
        return r;
    }

    private int runOne(SweepDir s, ManifestRow row) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        RowParser parser = new RowParser(RootCommand.of(spec).fresh(backend));
        StopToken stop = new StopToken();
        RowOutcome o;
        try (RunSession session = RunSession.row("row " + row.index(), noProgress, err, stop)) {
            o = new RowRunner(s, backend).run(row, () -> resolve(parser, s, row), stop, session);
        }
        String line = "eos sweep run: " + line(row, o, s);
        if (o.status() == RowOutcome.Status.COMPLETED || o.status() == RowOutcome.Status.ALREADY_DONE) {
            spec.commandLine().getOut().println(line);
            spec.commandLine().getOut().flush();
        } else {
            err.println(line);
            err.flush();
        }
        return o.status().exitCode();
    }

    /** One line on how a row ended. */
    static String line(ManifestRow row, RowOutcome o, SweepDir s) {
        String head = row.label() + ": ";
        return switch (o.status()) {
            case COMPLETED -> head + "completed, " + Format.count(o.step()) + " steps in " + Format.duration(o.seconds())
                    + " (" + Format.count(Math.round(o.stepsPerSecond())) + " steps/s): " + s.run(row.id());
            case DIVERGED -> head + "diverged at step " + Format.count(o.step())
                    + (o.message().isEmpty() ? "" : " (" + o.message() + ")") + ": " + s.run(row.id());
            case STOPPED -> head + "stopped at step " + Format.count(o.step()) + " after a checkpoint; run the same "
                    + "command again to continue";
            case ALREADY_DONE -> head + "already finished (" + o.message() + " at step " + Format.count(o.step())
                    + "); nothing to do";
            case NOT_STARTED -> head + "not started";
            case BUSY -> head + "another eos session is running it (" + s.run(row.id()) + " is locked); nothing done";
        };
    }

    private int runAll(SweepDir s, Manifest m) throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RowParser parser = new RowParser(RootCommand.of(spec).fresh(backend));
        List<ManifestRow> todo = new ArrayList<>();
        long planned = 0;
        int threads = 1;
        for (ManifestRow row : m.rows()) {
            if (Files.isRegularFile(s.done(row.id()))) {
                continue;
            }
            todo.add(row);
            if (!RunDirectory.isRun(s.run(row.id()))) { // a row that starts: check it before anything runs
                RunSpec spec = resolve(parser, s, row).spec();
                threads = Math.max(threads, spec.threads());
                planned += spec.isHorizon() ? spec.horizonSteps() : spec.steps();
            }
        }
        int n = m.rows().size();
        if (todo.isEmpty()) {
            out.println("eos sweep run: all " + n + " rows have finished; collect them with: eos sweep collect " + dir);
            out.flush();
            return ExitCodes.OK;
        }
        int parallel = Math.min(todo.size(), jobs != null ? jobs : Math.max(1, PlanCommand.defaultJobs() / threads));
        StopToken stop = new StopToken();
        long t0 = System.nanoTime();
        AtomicInteger[] counts = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger(), new AtomicInteger(),
            new AtomicInteger()}; // by exit code 0..4
        AtomicInteger notStarted = new AtomicInteger();
        AtomicInteger busy = new AtomicInteger();
        RowRunner runner = new RowRunner(s, backend);
        try (StopSignals signals = StopSignals.install(name -> {
                stop.requestStop("SIG" + name);
                err.println("eos sweep run: received SIG" + name + ": checkpointing the running rows, then stopping");
                err.flush();
            });
             SweepProgress progress = new SweepProgress(n, n - todo.size(), planned, noProgress, err)) {
            ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
                Thread t = new Thread(r, "eos-sweep-row");
                t.setDaemon(true);
                return t;
            });
            List<Future<?>> futures = new ArrayList<>();
            for (ManifestRow row : todo) {
                futures.add(pool.submit(() -> {
                    if (stop.isStopRequested()) {
                        notStarted.incrementAndGet();
                        counts[ExitCodes.STOPPED].incrementAndGet();
                        progress.finished(row.index(), RowOutcome.Status.NOT_STARTED, null);
                        return;
                    }
                    try {
                        RowOutcome o = runner.run(row, () -> {
                            synchronized (parser) {
                                return resolve(parser, s, row);
                            }
                        }, stop, progress.observer(row.index()));
                        if (o.status() == RowOutcome.Status.BUSY) {
                            busy.incrementAndGet(); // running elsewhere (another machine sharing SWEEP): skipped
                        } else {
                            counts[o.status().exitCode()].incrementAndGet();
                        }
                        progress.finished(row.index(), o.status(), line(row, o, s));
                    } catch (BadInputException e) {
                        counts[ExitCodes.BAD_INPUT].incrementAndGet();
                        progress.failed(row.index(), row.label() + ": " + e.getMessage());
                    } catch (IOException | RuntimeException e) {
                        counts[ExitCodes.INTERNAL].incrementAndGet();
                        progress.failed(row.index(), row.label() + ": internal error: " + e
                                + " -- please report it with the command line");
                    }
                }));
            }
            pool.shutdown();
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        int stopped = counts[ExitCodes.STOPPED].get();
        String tally = counts[ExitCodes.OK].get() + " finished, " + counts[ExitCodes.DIVERGED].get() + " diverged"
                + (counts[1].get() + counts[2].get() > 0 ? ", " + (counts[1].get() + counts[2].get()) + " failed" : "")
                + (busy.get() > 0 ? ", " + busy.get() + " skipped (running in another eos session)" : "")
                + " of the " + todo.size() + " rows to run (" + n + " in the sweep) in " + Format.duration(seconds);
        if (stopped > 0) {
            err.println("eos sweep run: stopped: " + (stopped - notStarted.get()) + " running rows checkpointed, "
                    + notStarted.get() + " not started; " + tally + "; continue with: eos sweep run " + dir + " --all"
                    + (jobs != null ? " --jobs " + jobs : ""));
            err.flush();
            return ExitCodes.STOPPED;
        }
        out.println("eos sweep run: " + tally + "; collect them with: eos sweep collect " + dir);
        out.flush();
        for (int code : new int[] {ExitCodes.INTERNAL, ExitCodes.BAD_INPUT, ExitCodes.DIVERGED}) {
            if (counts[code].get() > 0) {
                return code;
            }
        }
        return ExitCodes.OK;
    }
}
