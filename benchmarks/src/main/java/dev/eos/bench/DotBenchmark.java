package dev.eos.bench;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import dev.ludovic.netlib.blas.BLAS;
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

/**
 * dot = sum_i x[i] y[i] (2n flops, 16n bytes read): our scalar twin, our vector kernel, the reference BLAS ddot and
 * a plain one-accumulator loop, from L1 (n = 64) to DRAM (n = 1M, 16 MB).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsPrepend = {Bench.ADD_MODULES, Bench.UNSAFE, Bench.NATIVE, Bench.HEAP})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DotBenchmark {

    @Param({"64", "256", "1024", "4096", "16384", "65536", "262144", "1048576"})
    int n;

    @Param({"scalar", "vector", "blas", "plain"})
    Impl impl;

    double[] x;
    double[] y;
    Kernels k;
    BLAS blas;

    @Setup
    public void setup() {
        k = Bench.kernels(impl);
        blas = Bench.blas();
        Random r = new Random(1);
        x = Bench.gaussian(r, n);
        y = Bench.gaussian(r, n);
        double expected = KernelProvider.scalar().dot(n, x, 0, y, 0);
        Bench.check(impl + " dot n=" + n, expected, dot(), Math.sqrt(n) * 10);
        if (impl == Impl.blas) {
            System.out.println("# reference BLAS: " + Bench.blasDescription());
        }
    }

    @Benchmark
    public double dot() {
        return switch (impl) {
            case scalar, vector -> k.dot(n, x, 0, y, 0);
            case blas -> blas.ddot(n, x, 0, 1, y, 0, 1);
            case plain -> plainDot(n, x, y);
        };
    }

    /** The textbook loop: one accumulator, a multiply and an add per element (C2 keeps the order: no SIMD). */
    static double plainDot(int n, double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
