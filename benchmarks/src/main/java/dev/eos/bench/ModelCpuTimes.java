package dev.eos.bench;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import dev.eos.models.DeepLinear;
import dev.eos.models.Evaluator;
import dev.eos.models.MatrixSensing;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The model benchmarks' operations timed in thread CPU time, for shared machines where JMH's wall-clock averages
 * include time the thread spent preempted: after a warm-up, every operation runs in short interleaved rounds (so
 * all see the same background load) and the best round counts. Prints a markdown table (microseconds per call).
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar
 * dev.eos.bench.ModelCpuTimes [rounds]}.
 */
public final class ModelCpuTimes {

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static double sink;

    private ModelCpuTimes() {
    }

    public static void main(String[] args) {
        ModelBenchmarks.requireVectorKernels();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        System.out.println("| model | operation | CPU us/call |");
        System.out.println("|---|---|---:|");
        for (int d : new int[] {8, 32, 128}) {
            print("deep-linear N=4 d=" + d, time(deepLinear(d), d <= 8 ? 2000 : d <= 32 ? 100 : 2, rounds));
        }
        print("matrix-sensing d=40 k=40 m=2000", time(sensing(), 1, rounds));
    }

    private static void print(String model, Map<String, Double> t) {
        t.forEach((op, ns) -> System.out.printf("| %s | %s | %.3f |%n", model, op, ns / 1000));
    }

    private static Map<String, DoubleSupplier> deepLinear(int d) {
        DeepLinear m = ModelBenchmarks.deepLinear(d);
        Map<String, DoubleSupplier> ops = common(m.evaluator(), m.randomStart(2, 1), m.dim());
        Evaluator ev = m.evaluator();
        Kernels k = KernelProvider.get();
        double[] x = m.randomStart(2, 1), g = new double[m.dim()], out = new double[m.dim()];
        ops.put("NGD step (gradient, norm, update)", () -> ModelBenchmarks.ngdStep(ev, k, x, g, out)[0]);
        return ops;
    }

    private static Map<String, DoubleSupplier> sensing() {
        MatrixSensing s = ModelBenchmarks.sensing();
        return common(s.evaluator(), s.randomStart(2, 1), s.dim());
    }

    private static Map<String, DoubleSupplier> common(Evaluator ev, double[] x, int n) {
        double[] v = ModelBenchmarks.gaussian(n, 1, 3);
        double[] g = new double[n], hv = new double[n];
        Map<String, DoubleSupplier> ops = new LinkedHashMap<>();
        ops.put("loss + gradient", () -> ev.lossAndGradient(x, g));
        ops.put("HVP", () -> {
            ev.hvp(x, v, hv);
            return hv[0];
        });
        ops.put("gradient + HVP (fused)", () -> ev.gradientAndHvp(x, v, g, hv));
        ops.put("curvature gradient", () -> {
            ev.curvatureGradient(x, v, hv);
            return hv[0];
        });
        for (int k : new int[] {1, 4, 8, 16}) {
            double[] vs = ModelBenchmarks.gaussian(k * n, 1, 4);
            double[] out = new double[k * n];
            ops.put("batched HVP k=" + k, () -> {
                ev.hvpBatch(x, vs, k, out);
                return out[0];
            });
        }
        return ops;
    }

    private static Map<String, Double> time(Map<String, DoubleSupplier> ops, int inner, int rounds) {
        long end = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < end) {
            for (DoubleSupplier op : ops.values()) {
                for (int i = 0; i < inner; i++) {
                    sink += op.getAsDouble();
                }
            }
        }
        Map<String, Double> best = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, DoubleSupplier> e : ops.entrySet()) {
                long c0 = MX.getCurrentThreadCpuTime();
                for (int i = 0; i < inner; i++) {
                    sink += e.getValue().getAsDouble();
                }
                best.merge(e.getKey(), (MX.getCurrentThreadCpuTime() - c0) / (double) inner, Math::min);
            }
        }
        if (sink == 42) {
            System.out.println();
        }
        return best;
    }
}
