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
 * gemm C := A B, A B^T or A^T B (square n, alpha = 1, beta = 0; 2n^3 flops), from the deep-linear widths n = 8..32
 * where call overhead and tails dominate to n = 512. netlib is column-major: row-major C = op(A) op(B) is computed as
 * column-major C^T = op(B)^T op(A)^T, i.e. dgemm(opB, opA, n, m, k, B, A) with the transposes of NN, NT, TN being
 * (N, N), (T, N) and (N, T).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsPrepend = {Bench.ADD_MODULES, Bench.UNSAFE, Bench.NATIVE, Bench.HEAP})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GemmBenchmark {

    /** The three forms of the Kernels API. */
    public enum Form { NN, NT, TN }

    @Param({"8", "16", "32", "64", "128", "256", "512"})
    int n;

    @Param({"NN", "NT", "TN"})
    Form form;

    @Param({"scalar", "vector", "blas"})
    Impl impl;

    double[] a;
    double[] b;
    double[] c;
    Kernels k;
    BLAS blas;

    @Setup
    public void setup() {
        if (impl == Impl.plain) {
            throw new IllegalArgumentException("gemm has no plain baseline");
        }
        k = Bench.kernels(impl);
        blas = Bench.blas();
        Random r = new Random(5);
        a = Bench.gaussian(r, n * n);
        b = Bench.gaussian(r, n * n);
        c = new double[n * n];
        double[] expected = new double[n * n];
        Kernels s = KernelProvider.scalar();
        switch (form) {
            case NN -> s.gemm(n, n, n, 1.0, a, 0, n, b, 0, n, 0.0, expected, 0, n);
            case NT -> s.gemmNT(n, n, n, 1.0, a, 0, n, b, 0, n, 0.0, expected, 0, n);
            case TN -> s.gemmTN(n, n, n, 1.0, a, 0, n, b, 0, n, 0.0, expected, 0, n);
        }
        java.util.Arrays.fill(c, Double.NaN);
        Bench.check(impl + " gemm " + form + " n=" + n, expected, gemm(), n * n);
        if (impl == Impl.blas) {
            System.out.println("# reference BLAS: " + Bench.blasDescription());
        }
    }

    @Benchmark
    public double[] gemm() {
        if (impl == Impl.blas) {
            switch (form) {
                case NN -> blas.dgemm("N", "N", n, n, n, 1.0, b, 0, n, a, 0, n, 0.0, c, 0, n);
                case NT -> blas.dgemm("T", "N", n, n, n, 1.0, b, 0, n, a, 0, n, 0.0, c, 0, n);
                case TN -> blas.dgemm("N", "T", n, n, n, 1.0, b, 0, n, a, 0, n, 0.0, c, 0, n);
            }
        } else {
            switch (form) {
                case NN -> k.gemm(n, n, n, 1.0, a, 0, n, b, 0, n, 0.0, c, 0, n);
                case NT -> k.gemmNT(n, n, n, 1.0, a, 0, n, b, 0, n, 0.0, c, 0, n);
                case TN -> k.gemmTN(n, n, n, 1.0, a, 0, n, b, 0, n, 0.0, c, 0, n);
            }
        }
        return c;
    }
}
