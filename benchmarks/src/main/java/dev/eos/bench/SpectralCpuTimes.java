package dev.eos.bench;

import dev.eos.models.Model;
import dev.eos.models.SymmetricOperator;
import dev.eos.spectral.Lanczos;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The spectral benchmarks ({@link LanczosBenchmark}) in thread CPU time, for shared machines where JMH's wall-clock
 * averages include time the thread spent preempted: after a warm-up, every solver runs in interleaved rounds (so all
 * see the same background load) and the best round counts. Prints a Markdown table: milliseconds per solve, the
 * products it spent, and the time beyond its products (solve - HVPs x one HVP).
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar
 * dev.eos.bench.SpectralCpuTimes [rounds]}.
 */
public final class SpectralCpuTimes {

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static long sink;

    private SpectralCpuTimes() {
    }

    public static void main(String[] args) {
        ModelBenchmarks.requireVectorKernels();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        System.out.println("| problem | k | solver | start | CPU ms/solve | HVPs | ms beyond HVPs |");
        System.out.println("|---|---|---|---|---:|---:|---:|");
        for (String p : args.length > 1 ? args[1].split(",") : new String[] {"deep-linear-8", "deep-linear-32",
            "sensing"}) {
            measure(p, rounds);
        }
    }

    private static void measure(String problem, int rounds) {
        Model model = SpectralProblems.model(problem);
        int d = model.dim();
        double[] x0 = SpectralProblems.x0(model);
        double[] x1 = SpectralProblems.x1(model, x0);
        SymmetricOperator op = model.evaluator().hessianAt(x1);
        double[] v = ModelBenchmarks.gaussian(d, 1, 1);
        double[] out = new double[d];
        Map<String, IntSupplier> ops = new LinkedHashMap<>();
        ops.put("HVP", () -> {
            op.apply(v, out);
            return 1;
        });
        for (int k : new int[] {1, 5}) {
            Lanczos l = new Lanczos(d);
            double[] warm = new Lanczos(d).solve(model.evaluator().hessianAt(x0), k, null).vectors();
            double[] sum = SpectralProblems.sum(warm, k, d);
            ArpackSolver a = new ArpackSolver(d, k, 1e-10);
            ops.put(k + "|eos|cold", () -> l.solve(op, k, null).hvps());
            ops.put(k + "|arpack|cold", () -> {
                a.solve(op, v);
                return a.products();
            });
            ops.put(k + "|eos|warm", () -> l.solve(op, k, warm, k).hvps());
            ops.put(k + "|arpack|warm", () -> {
                a.solve(op, sum);
                return a.products();
            });
        }
        int inner = d <= 256 ? 20 : 1;
        Map<String, Double> best = new LinkedHashMap<>();
        Map<String, Integer> hvps = new LinkedHashMap<>();
        long end = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < end) {
            for (IntSupplier s : ops.values()) {
                sink += s.getAsInt();
            }
        }
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, IntSupplier> e : ops.entrySet()) {
                int reps = e.getKey().equals("HVP") ? 200 * inner : inner;
                long c0 = MX.getCurrentThreadCpuTime();
                int h = 0;
                for (int i = 0; i < reps; i++) {
                    h = e.getValue().getAsInt();
                }
                best.merge(e.getKey(), (MX.getCurrentThreadCpuTime() - c0) / (double) reps, Math::min);
                hvps.put(e.getKey(), h);
                sink += h;
            }
        }
        double hvp = best.get("HVP");
        System.out.printf("| %s | | HVP | | %.4f | 1 | |%n", problem, hvp / 1e6);
        best.forEach((key, ns) -> {
            if (!key.equals("HVP")) {
                String[] f = key.split("\\|");
                int h = hvps.get(key);
                System.out.printf("| %s | %s | %s | %s | %.3f | %d | %.3f |%n", problem, f[0], f[1], f[2], ns / 1e6, h,
                        (ns - h * hvp) / 1e6);
            }
        });
        if (sink == 42) {
            System.out.println();
        }
    }
}
