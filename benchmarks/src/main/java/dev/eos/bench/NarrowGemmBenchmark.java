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
 * gemm with a narrow B: C (m x n) := A B, A B^T or A^T B with n = 1..5 columns (alpha = 1, beta = 0; 2mnk flops,
 * 8mk bytes of A read once), against n gemv calls (gemvT for TN) on the same A, our scalar twin and the reference
 * BLAS. {@code shape} is m x k: DRAM-sized 2000 x 1600, L2-sized 256 x 256, L1-sized 40 x 40, and 12 x 824, one
 * block of matrix sensing's pass at d = 40 (12 measurements of 824 packed doubles).
 *
 * <p>The gemv baseline reads the columns of B from a contiguous copy made in setup and writes n separate vectors,
 * i.e. it is the work of n matrix-vector products alone, without the gathers a caller of gemv would need for a
 * row-major B or C. netlib is column-major: see {@link GemmBenchmark} for the mapping.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsPrepend = {Bench.ADD_MODULES, Bench.UNSAFE, Bench.NATIVE, Bench.HEAP})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class NarrowGemmBenchmark {

    /** The three forms of the Kernels API. */
    public enum Form { NN, NT, TN }

    /** What computes the product: our kernels, n gemv calls on the vector kernels, or the reference BLAS. */
    public enum Way { scalar, vector, gemv, blas }

    /** m x k. */
    @Param({"2000x1600", "256x256", "40x40", "12x824"})
    String shape;

    @Param({"1", "2", "3", "4", "5"})
    int n;

    @Param({"NN", "NT", "TN"})
    Form form;

    @Param({"scalar", "vector", "gemv", "blas"})
    Way way;

    int m;
    int k;
    double[] a;
    double[] b;
    double[] bt;
    double[] c;
    double[] ct;
    Kernels kern;
    BLAS blas;

    @Setup
    public void setup() {
        String[] mk = shape.split("x");
        m = Integer.parseInt(mk[0]);
        k = Integer.parseInt(mk[1]);
        kern = Bench.kernels(way == Way.scalar ? Impl.scalar : Impl.vector);
        blas = Bench.blas();
        Random r = new Random(6);
        a = Bench.gaussian(r, m * k); // m x k (NN, NT) or k x m (TN)
        b = Bench.gaussian(r, k * n); // k x n (NN, TN) or n x k (NT)
        bt = new double[k * n]; // column j of op(B) at bt[j*k ..]
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < k; p++) {
                bt[j * k + p] = form == Form.NT ? b[j * k + p] : b[p * n + j];
            }
        }
        c = new double[m * n];
        ct = new double[m * n];
        double[] expected = new double[m * n];
        Kernels s = KernelProvider.scalar();
        switch (form) {
            case NN -> s.gemm(m, n, k, 1.0, a, 0, k, b, 0, n, 0.0, expected, 0, n);
            case NT -> s.gemmNT(m, n, k, 1.0, a, 0, k, b, 0, k, 0.0, expected, 0, n);
            case TN -> s.gemmTN(m, n, k, 1.0, a, 0, m, b, 0, n, 0.0, expected, 0, n);
        }
        java.util.Arrays.fill(c, Double.NaN);
        java.util.Arrays.fill(ct, Double.NaN);
        gemm();
        double[] got = c;
        if (way == Way.gemv) {
            got = new double[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    got[i * n + j] = ct[j * m + i];
                }
            }
        }
        Bench.check(way + " " + form + " " + shape + " n=" + n, expected, got, m * n);
        if (way == Way.blas) {
            System.out.println("# reference BLAS: " + Bench.blasDescription());
        }
    }

    @Benchmark
    public double[] gemm() {
        switch (way) {
            case blas -> {
                switch (form) {
                    case NN -> blas.dgemm("N", "N", n, m, k, 1.0, b, 0, n, a, 0, k, 0.0, c, 0, n);
                    case NT -> blas.dgemm("T", "N", n, m, k, 1.0, b, 0, k, a, 0, k, 0.0, c, 0, n);
                    case TN -> blas.dgemm("N", "T", n, m, k, 1.0, b, 0, n, a, 0, m, 0.0, c, 0, n);
                }
            }
            case gemv -> {
                for (int j = 0; j < n; j++) {
                    if (form == Form.TN) {
                        kern.gemvT(k, m, 1.0, a, 0, m, bt, j * k, 0.0, ct, j * m);
                    } else {
                        kern.gemv(m, k, 1.0, a, 0, k, bt, j * k, 0.0, ct, j * m);
                    }
                }
                return ct;
            }
            default -> {
                switch (form) {
                    case NN -> kern.gemm(m, n, k, 1.0, a, 0, k, b, 0, n, 0.0, c, 0, n);
                    case NT -> kern.gemmNT(m, n, k, 1.0, a, 0, k, b, 0, k, 0.0, c, 0, n);
                    case TN -> kern.gemmTN(m, n, k, 1.0, a, 0, m, b, 0, n, 0.0, c, 0, n);
                }
            }
        }
        return c;
    }
}
