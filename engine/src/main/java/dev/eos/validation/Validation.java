package dev.eos.validation;

import com.sun.management.OperatingSystemMXBean;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * {@code ./eos validate} (issue 7): runs the named checks, each measuring predictions of the theory as rates in
 * eta, on a pool of worker threads, and returns their outcomes ({@link ReportWriter} writes REPORT.md and
 * validation.json). Checks run concurrently (each on a virtual thread that only coordinates), their heavy work on
 * the pool's {@code jobs} threads; every result is assembled in a fixed order, so the report does not depend on the
 * number of threads.
 */
public final class Validation {

    private static final Map<String, Supplier<Check>> CHECKS = new LinkedHashMap<>();

    static {
        CHECKS.put("quadratic", QuadraticCheck::new);
        CHECKS.put("phase1", PhaseOneCheck::new);
        CHECKS.put("phase2-ngd", () -> new PhaseTwoCheck("ngd"));
        CHECKS.put("phase2-sqrt", () -> new PhaseTwoCheck("sqrt"));
        CHECKS.put("alignment", AlignmentCheck::new);
        CHECKS.put("sqrt-deep-linear", SqrtDeepLinearCheck::new);
        CHECKS.put("drift", DriftCheck::new);
        CHECKS.put("eos-identities", EosIdentitiesCheck::new);
        CHECKS.put("flattest-deep-linear", FlattestCheck::new);
        CHECKS.put("factorization-null", FactorizationNullCheck::new);
        CHECKS.put("sensing-flow", SensingFlowCheck::new);
        CHECKS.put("gd-eos", GdEosCheck::new);
    }

    /** The check names, in report order (the {@code --only} values). */
    public static final List<String> NAMES = List.copyOf(CHECKS.keySet());

    private Validation() {
    }

    /** A new instance of the check called name. */
    public static Check check(String name) {
        Supplier<Check> s = CHECKS.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown check '" + name + "'; expected one of "
                    + String.join(", ", NAMES));
        }
        return s.get();
    }

    /**
     * Runs the checks. Bad options (an unknown check name) raise IllegalArgumentException before anything runs; a
     * check that throws is reported as failed with its error, and the others still run.
     */
    public static ValidationReport run(ValidationOptions o, ValidationListener listener) throws Exception {
        List<Check> checks = new ArrayList<>();
        for (String n : o.only().isEmpty() ? NAMES : o.only()) {
            checks.add(check(n));
        }
        Files.createDirectories(o.out().resolve("runs"));
        String started = LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 19);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(o.jobs(), workers());
        try {
            List<Thread> threads = new ArrayList<>();
            CheckOutcome[] outcomes = new CheckOutcome[checks.size()];
            for (int i = 0; i < checks.size(); i++) {
                Check c = checks.get(i);
                int slot = i;
                CheckContext ctx = new CheckContext(c.name(), o.mode(), o.out(), pool, o.constants(), o.fit(),
                        listener, true);
                threads.add(Thread.ofVirtual().name("eos-check-" + c.name()).start(() -> {
                    listener.log(c.name() + ": started");
                    String error = null;
                    try {
                        c.run(ctx);
                    } catch (Throwable t) {
                        error = describe(t);
                    }
                    outcomes[slot] = ctx.outcome(c.title(), error);
                    listener.log(c.name() + ": " + outcomes[slot].verdict().label() + (error != null ? " (" + error
                            + ")" : ""));
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            return new ValidationReport(o, List.of(outcomes), (System.nanoTime() - wall0) / 1e9,
                    (os.getProcessCpuTime() - cpu0) / 1e9, started);
        } finally {
            pool.shutdownNow();
        }
    }

    private static ThreadFactory workers() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "eos-validate-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The error in one line, with the first frame of eos code (enough to find a bug). */
    static String describe(Throwable t) {
        Throwable root = t;
        String where = "";
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("dev.eos")) {
                where = " at " + e.getClassName().substring(e.getClassName().lastIndexOf('.') + 1) + ":"
                        + e.getLineNumber();
                break;
            }
        }
        StringWriter sw = new StringWriter();
        new PrintWriter(sw).print(root);
        return sw.toString().replace('\n', ' ') + where;
    }
}
