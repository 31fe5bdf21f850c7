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
 * axpy: y := alpha x + y (2n flops, 24n bytes moved): our scalar twin, our vector kernel, the reference BLAS daxpy
 * and a plain loop that C2 auto-vectorizes. alpha is tiny so y stays bounded over billions of calls.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsPrepend = {Bench.ADD_MODULES, Bench.UNSAFE, Bench.NATIVE, Bench.HEAP})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AxpyBenchmark {

    static final double ALPHA = 1e-12;

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
        Random r = new Random(2);
        x = Bench.gaussian(r, n);
        y = Bench.gaussian(r, n);
        // check with alpha = 0.5 on copies: every implementation computes alpha*x[i] + y[i] per element
        double[] expected = y.clone(), got = y.clone();
        KernelProvider.scalar().axpy(n, 0.5, x, 0, expected, 0);
        run(0.5, got);
        Bench.check(impl + " axpy n=" + n, expected, got, n);
        if (impl == Impl.blas) {
            System.out.println("# reference BLAS: " + Bench.blasDescription());
        }
    }

    @Benchmark
    public double[] axpy() {
        run(ALPHA, y);
        return y;
    }

    private void run(double alpha, double[] out) {
        switch (impl) {
            case scalar, vector -> k.axpy(n, alpha, x, 0, out, 0);
            case blas -> blas.daxpy(n, alpha, x, 0, 1, out, 0, 1);
            case plain -> plainAxpy(n, alpha, x, out);
        }
    }

    /** The textbook loop, which C2 auto-vectorizes (multiply then add, not fused). */
    static void plainAxpy(int n, double alpha, double[] x, double[] y) {
        for (int i = 0; i < n; i++) {
            y[i] += alpha * x[i];
        }
    }
}
