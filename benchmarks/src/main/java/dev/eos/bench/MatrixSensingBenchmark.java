package dev.eos.bench;

import dev.eos.models.Evaluator;
import dev.eos.models.MatrixSensing;
import dev.eos.models.SymmetricOperator;
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
 * Matrix sensing at d = 40, k = 40, m = 2000 (THEORY 6.2 (ii)): the measurement tensor (13 MB packed) is the big
 * operand. Targets: fused gradient+HVP &le; 1.6x the gradient; a batch of 8 HVPs &ge; 4x the throughput of 8 single
 * HVPs (compare hvpBatch k = 8 with 8 x hvp, or with 8 x viewHvp for products at a fixed point).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MatrixSensingBenchmark {

    /** The model, one point and one direction. */
    @State(Scope.Thread)
    public static class Sensing {
        @Param({"40"})
        int d;

        @Param({"40"})
        int rank;

        @Param({"2000"})
        int m;

        Evaluator ev;
        SymmetricOperator op;
        double[] x, v, g, hv, out;

        @Setup
        public void setup() {
            ModelBenchmarks.requireVectorKernels();
            MatrixSensing s = MatrixSensing.random(m, d, rank, rank, 1);
            ev = s.evaluator();
            x = s.randomStart(2, 1);
            v = ModelBenchmarks.gaussian(s.dim(), 1, 3);
            g = new double[s.dim()];
            hv = new double[s.dim()];
            out = new double[s.dim()];
            ModelBenchmarks.checkEvaluator(ev, x, v);
            op = s.evaluator().hessianAt(x);
        }
    }

    /** The model and k directions. */
    @State(Scope.Thread)
    public static class Batch {
        @Param({"1", "4", "8", "16"})
        int k;

        Evaluator ev;
        SymmetricOperator op;
        double[] x, vs, out;

        @Setup
        public void setup() {
            ModelBenchmarks.requireVectorKernels();
            MatrixSensing s = ModelBenchmarks.sensing();
            ev = s.evaluator();
            x = s.randomStart(2, 1);
            vs = ModelBenchmarks.gaussian(k * s.dim(), 1, 4);
            out = new double[k * s.dim()];
            op = s.evaluator().hessianAt(x);
        }
    }

    @Benchmark
    public double loss(Sensing s) {
        return s.ev.loss(s.x);
    }

    @Benchmark
    public double lossAndGradient(Sensing s) {
        return s.ev.lossAndGradient(s.x, s.g);
    }

    @Benchmark
    public double[] hvp(Sensing s) {
        s.ev.hvp(s.x, s.v, s.hv);
        return s.hv;
    }

    @Benchmark
    public double gradientAndHvp(Sensing s) {
        return s.ev.gradientAndHvp(s.x, s.v, s.g, s.hv);
    }

    @Benchmark
    public double[] curvatureGradient(Sensing s) {
        s.ev.curvatureGradient(s.x, s.v, s.out);
        return s.out;
    }

    /** One HVP at a fixed point (hessianAt view: the residual part is cached). */
    @Benchmark
    public double[] viewHvp(Sensing s) {
        s.op.apply(s.v, s.out);
        return s.out;
    }

    @Benchmark
    public double[] hvpBatch(Batch s) {
        s.ev.hvpBatch(s.x, s.vs, s.k, s.out);
        return s.out;
    }

    @Benchmark
    public double[] viewHvpBatch(Batch s) {
        s.op.applyBatch(s.vs, s.k, s.out);
        return s.out;
    }
}
