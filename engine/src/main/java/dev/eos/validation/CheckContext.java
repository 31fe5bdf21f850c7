package dev.eos.validation;

import dev.eos.rates.FitOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a {@link Check} works with: its mode, its directory, the shared worker pool, the flow constants and fit
 * options, and the collectors of its entries, figures and run directories.
 *
 * <p>Heavy work goes through {@link #parallel}: tasks run on the validation's worker threads (as many as --jobs),
 * each task's thread CPU time is added to the check's, and results come back in task order, so nothing depends on
 * the number of threads or the order in which tasks finish.
 */
public final class CheckContext {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final String name;
    private final Mode mode;
    private final Path out;
    private final ExecutorService workers;
    private final FlowConstants constants;
    private final FitOptions fit;
    private final ValidationListener listener;
    private final boolean enforceGrid;
    private final AtomicLong cpuNanos = new AtomicLong();
    private final List<Entry> entries = Collections.synchronizedList(new ArrayList<>());
    private final List<PlotSpec> plots = Collections.synchronizedList(new ArrayList<>());
    private final List<String> runs = Collections.synchronizedList(new ArrayList<>());

    /** A task for {@link #parallel}: a label for progress lines and its work. */
    public record Task<T>(String label, Callable<T> body) {
    }

    CheckContext(String name, Mode mode, Path out, ExecutorService workers, FlowConstants constants, FitOptions fit,
                 ValidationListener listener, boolean enforceGrid) {
        this.enforceGrid = enforceGrid;
        this.name = name;
        this.mode = mode;
        this.out = out;
        this.workers = workers;
        this.constants = constants;
        this.fit = fit;
        this.listener = listener;
    }

    /**
     * A context that runs tasks on the given pool (tests of single checks with small grids: {@code enforceGrid} false
     * lets a rate pass on fewer than 5 etas, 1.5 decades or 3 seeds).
     */
    public static CheckContext of(String name, Mode mode, Path out, ExecutorService workers, FlowConstants constants,
                                  FitOptions fit, ValidationListener listener, boolean enforceGrid) {
        return new CheckContext(name, mode, out, workers, constants, fit, listener, enforceGrid);
    }

    /** Whether a rate needs the grid (>= 5 etas over >= 1.5 decades, >= 3 seeds) to pass. */
    public boolean enforceGrid() {
        return enforceGrid;
    }

    public String name() {
        return name;
    }

    public Mode mode() {
        return mode;
    }

    public FlowConstants constants() {
        return constants;
    }

    public FitOptions fit() {
        return fit;
    }

    /** The validation's output directory. */
    public Path out() {
        return out;
    }

    /** The directory for this check's runs: OUT/runs/NAME/{@code child}. */
    public Path runDir(String child) {
        return out.resolve("runs").resolve(name).resolve(child);
    }

    /** Records a run directory used by this check (reported relative to the output directory). */
    public void addRun(Path dir) {
        runs.add(out.relativize(dir).toString().replace('\\', '/'));
    }

    public void add(Entry e) {
        entries.add(e);
    }

    public void add(PlotSpec p) {
        plots.add(p);
    }

    /** A progress line, prefixed with the check's name. */
    public void log(String line) {
        listener.log(name + ": " + line);
    }

    /**
     * Runs the tasks on the worker pool and returns their results in task order. The first failure is rethrown
     * (wrapped) after every task has ended.
     */
    public <T> List<T> parallel(List<Task<T>> tasks) throws Exception {
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        for (Task<T> t : tasks) {
            futures.add(workers.submit(() -> {
                long c0 = THREADS.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                try {
                    return t.body().call();
                } finally {
                    long cpu = THREADS.getCurrentThreadCpuTime() - c0;
                    cpuNanos.addAndGet(cpu);
                    listener.log(String.format(java.util.Locale.ROOT, "%s: %s (%.1f s cpu, %.1f s wall)", name,
                            t.label(), cpu / 1e9, (System.nanoTime() - w0) / 1e9));
                }
            }));
        }
        List<T> results = new ArrayList<>(tasks.size());
        Exception first = null;
        for (Future<T> f : futures) {
            try {
                results.add(f.get());
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof Exception ex ? ex : new RuntimeException(e.getCause());
                }
                results.add(null);
            }
        }
        if (first != null) {
            throw first;
        }
        return results;
    }

    /** One task on the pool (a direct computation): its result. */
    public <T> T compute(String label, Callable<T> body) throws Exception {
        return parallel(List.of(new Task<>(label, body))).get(0);
    }

    /** The outcome so far: entries and figures in the order added, run directories sorted. */
    public CheckOutcome outcome(String title, String error) {
        synchronized (entries) {
            synchronized (plots) {
                synchronized (runs) {
                    List<String> sorted = new ArrayList<>(runs);
                    Collections.sort(sorted);
                    return new CheckOutcome(name, title, entries, plots, sorted, cpuNanos.get() / 1e9, error);
                }
            }
        }
    }
}
