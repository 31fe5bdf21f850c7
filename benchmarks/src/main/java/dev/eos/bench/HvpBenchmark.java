package dev.eos.bench;

import dev.eos.models.Model;
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

/** One Hessian-vector product of the spectral benchmark problems (the unit the eigensolvers' costs are counted in). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HvpBenchmark {

    @Param({"deep-linear-32", "sensing", "deep-linear-8"})
    String problem;

    private SymmetricOperator op;
    private double[] v;
    private double[] out;

    @Setup
    public void setup() {
        Model model = SpectralProblems.model(problem);
        double[] x1 = SpectralProblems.x1(model, SpectralProblems.x0(model));
        op = model.evaluator().hessianAt(x1);
        v = ModelBenchmarks.gaussian(model.dim(), 1, 1);
        out = new double[model.dim()];
    }

    @Benchmark
    public double[] hvp() {
        op.apply(v, out);
        return out;
    }
}
