package dev.eos.bench;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import java.util.Random;
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

/** dot: our vector kernel against its scalar twin. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DotBenchmark {

    @Param({"1024"})
    int n;

    @Param({"vector", "scalar"})
    String impl;

    double[] x;
    double[] y;
    Kernels k;

    @Setup
    public void setup() {
        k = impl.equals("vector") ? KernelProvider.get() : KernelProvider.scalar();
        if (impl.equals("vector") && !k.name().equals("vector")) {
            throw new IllegalStateException("vector kernels not chosen: " + KernelProvider.reason());
        }
        Random r = new Random(1);
        x = new double[n];
        y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
            y[i] = r.nextGaussian();
        }
    }

    @Benchmark
    public double dot() {
        return k.dot(n, x, 0, y, 0);
    }
}
