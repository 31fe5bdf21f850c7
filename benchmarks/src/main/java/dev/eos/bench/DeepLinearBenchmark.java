package dev.eos.bench;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import dev.eos.models.DeepLinear;
import dev.eos.models.Evaluator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A square deep linear network, N = 4, widths d (THEORY 6.1): loss+gradient, HVP, fused gradient+HVP, batched HVPs,
 * the curvature gradient, and one whole normalized-GD step (gradient, norm, update; the dynamics target is 1.4 us at
 * d = 8). The single-call benchmarks take a thread count ({@code -p threads=1,2}; default 1).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DeepLinearBenchmark {

    /** The network at one width. */
    @State(Scope.Thread)
    public static class Net {
        @Param({"8", "32", "128"})
        int d;

        /** Threads per evaluation ({@link DeepLinear#withThreads}; bit-identical results): e.g. -p threads=1,2. */
        @Param({"1"})
        int threads;

        Evaluator ev;
        Kernels k;
        double[] x, v, g, hv, out;

        @Setup
        public void setup() {
            ModelBenchmarks.requireVectorKernels();
            k = KernelProvider.get();
            DeepLinear m = ModelBenchmarks.deepLinear(d).withThreads(threads);
            ev = m.evaluator();
            x = m.randomStart(2, 1);
            v = ModelBenchmarks.gaussian(m.dim(), 1, 3);
            g = new double[m.dim()];
            hv = new double[m.dim()];
            out = new double[m.dim()];
            ModelBenchmarks.checkEvaluator(ev, x, v);
        }
    }

    /** The network and k directions. */
    @State(Scope.Thread)
    public static class Batch {
        @Param({"8", "32", "128"})
        int d;

        @Param({"1", "4", "8", "16"})
        int k;

        Evaluator ev;
        double[] x, vs, out;

        @Setup
        public void setup() {
            ModelBenchmarks.requireVectorKernels();
            DeepLinear m = ModelBenchmarks.deepLinear(d);
            ev = m.evaluator();
            x = m.randomStart(2, 1);
            vs = ModelBenchmarks.gaussian(k * m.dim(), 1, 4);
            out = new double[k * m.dim()];
        }
    }

    @Benchmark
    public double lossAndGradient(Net s) {
        return s.ev.lossAndGradient(s.x, s.g);
    }

    @Benchmark
    public double[] hvp(Net s) {
        s.ev.hvp(s.x, s.v, s.hv);
        return s.hv;
    }

    @Benchmark
    public double gradientAndHvp(Net s) {
        return s.ev.gradientAndHvp(s.x, s.v, s.g, s.hv);
    }

    @Benchmark
    public double[] curvatureGradient(Net s) {
        s.ev.curvatureGradient(s.x, s.v, s.out);
        return s.out;
    }

    /** One normalized-GD step x - eta g/||g|| (on a copy of the update, so the state does not drift). */
    @Benchmark
    public double[] ngdStep(Net s) {
        return ModelBenchmarks.ngdStep(s.ev, s.k, s.x, s.g, s.out);
    }

    @Benchmark
    public double[] hvpBatch(Batch s) {
        s.ev.hvpBatch(s.x, s.vs, s.k, s.out);
        return s.out;
    }
}
