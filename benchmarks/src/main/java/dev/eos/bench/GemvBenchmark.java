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
 * gemv y := A x and gemvT y := A^T x (beta = 0; 2mn flops, 8mn bytes of matrix read) with A row-major m x n: square
 * n = 16 .. 4096 (L1 .. DRAM) and the tall 20000 x 400 of a least-squares Jacobian. netlib is column-major, so our
 * row-major A is its A^T: gemv maps to dgemv("T", n, m, ...) and gemvT to dgemv("N", n, m, ...).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsPrepend = {Bench.ADD_MODULES, Bench.UNSAFE, Bench.NATIVE, Bench.HEAP})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GemvBenchmark {

    /** "n" for an n x n matrix, or "m x n". */
    @Param({"16", "64", "256", "1024", "4096", "20000x400"})
    String shape;

    @Param({"scalar", "vector", "blas"})
    Impl impl;

    int m;
    int n;
    double[] a;
    double[] x;
    double[] xt;
    double[] y;
    double[] yt;
    Kernels k;
    BLAS blas;

    @Setup
    public void setup() {
        if (impl == Impl.plain) {
            throw new IllegalArgumentException("gemv has no plain baseline");
        }
        k = Bench.kernels(impl);
        blas = Bench.blas();
        String[] mn = shape.split("x");
        m = Integer.parseInt(mn[0]);
        n = mn.length == 1 ? m : Integer.parseInt(mn[1]);
        Random r = new Random(4);
        a = Bench.gaussian(r, m * n);
        x = Bench.gaussian(r, n);
        xt = Bench.gaussian(r, m);
        y = new double[m];
        yt = new double[n];
        Kernels s = KernelProvider.scalar();
        double[] e = new double[m], et = new double[n];
        s.gemv(m, n, 1.0, a, 0, n, x, 0, 0.0, e, 0);
        s.gemvT(m, n, 1.0, a, 0, n, xt, 0, 0.0, et, 0);
        java.util.Arrays.fill(y, Double.NaN);
        java.util.Arrays.fill(yt, Double.NaN);
        Bench.check(impl + " gemv " + shape, e, gemv(), m);
        Bench.check(impl + " gemvT " + shape, et, gemvT(), n);
        if (impl == Impl.blas) {
            System.out.println("# reference BLAS: " + Bench.blasDescription());
        }
    }

    @Benchmark
    public double[] gemv() {
        if (impl == Impl.blas) {
            blas.dgemv("T", n, m, 1.0, a, 0, n, x, 0, 1, 0.0, y, 0, 1);
        } else {
            k.gemv(m, n, 1.0, a, 0, n, x, 0, 0.0, y, 0);
        }
        return y;
    }

    @Benchmark
    public double[] gemvT() {
        if (impl == Impl.blas) {
            blas.dgemv("N", n, m, 1.0, a, 0, n, xt, 0, 1, 0.0, yt, 0, 1);
        } else {
            k.gemvT(m, n, 1.0, a, 0, n, xt, 0, 0.0, yt, 0);
        }
        return yt;
    }
}
