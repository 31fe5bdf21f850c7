package dev.eos.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
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
 * The rooflines for dot and gemv: read-only bandwidth (a sum over one array) and STREAM triad (a := b + s c, two
 * reads and one write) with working sets that live in L2 (512 KiB of the 1 MiB per core), L3 (8 MiB of 32 MiB) and
 * DRAM (128 MiB). Both use the widest vectors and eight independent accumulators, so only memory limits them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsPrepend = {Bench.ADD_MODULES, Bench.UNSAFE, Bench.NATIVE, Bench.HEAP})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BandwidthBenchmark {

    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();

    /** Where the working set lives: L2, L3 or DRAM. */
    @Param({"L2", "L3", "DRAM"})
    String level;

    /** Doubles in the read array; each triad array holds a third of the working set. */
    int readLength;
    int triadLength;
    double[] a;
    double[] b;
    double[] c;

    @Setup
    public void setup() {
        Bench.vector();
        long bytes = switch (level) {
            case "L2" -> 512L << 10;
            case "L3" -> 8L << 20;
            case "DRAM" -> 128L << 20;
            default -> throw new IllegalArgumentException(level);
        };
        readLength = (int) (bytes / 8) / (8 * L) * (8 * L);
        triadLength = (int) (bytes / 24) / (8 * L) * (8 * L);
        Random r = new Random(3);
        a = Bench.gaussian(r, readLength);
        b = Bench.gaussian(r, triadLength);
        c = Bench.gaussian(r, triadLength);
        double plain = 0;
        for (double v : a) {
            plain += v;
        }
        Bench.check("read sum", plain, read(), readLength);
    }

    /** Sum of the read array: 8 bytes read per element, the whole working set per call. */
    @Benchmark
    public double read() {
        return sum(a, readLength);
    }

    /** Eight independent vector sums (the order does not matter here: a roofline, not a kernel). */
    static double sum(double[] x, int n) {
        DoubleVector s0 = DoubleVector.zero(S), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
        for (int i = 0; i < n; i += 8 * L) {
            s0 = s0.add(DoubleVector.fromArray(S, x, i));
            s1 = s1.add(DoubleVector.fromArray(S, x, i + L));
            s2 = s2.add(DoubleVector.fromArray(S, x, i + 2 * L));
            s3 = s3.add(DoubleVector.fromArray(S, x, i + 3 * L));
            s4 = s4.add(DoubleVector.fromArray(S, x, i + 4 * L));
            s5 = s5.add(DoubleVector.fromArray(S, x, i + 5 * L));
            s6 = s6.add(DoubleVector.fromArray(S, x, i + 6 * L));
            s7 = s7.add(DoubleVector.fromArray(S, x, i + 7 * L));
        }
        return s0.add(s1).add(s2.add(s3)).add(s4.add(s5).add(s6.add(s7))).reduceLanes(VectorOperators.ADD);
    }

    /** a := b + 0.5 c over a third of the working set each (24 bytes moved per element). */
    @Benchmark
    public double[] triad() {
        triad(a, b, c, triadLength);
        return a;
    }

    static void triad(double[] x, double[] y, double[] z, int n) {
        DoubleVector s = DoubleVector.broadcast(S, 0.5);
        for (int i = 0; i < n; i += L) {
            s.fma(DoubleVector.fromArray(S, z, i), DoubleVector.fromArray(S, y, i)).intoArray(x, i);
        }
    }
}
