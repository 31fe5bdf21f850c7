package dev.eos.bench;

import dev.eos.models.Evaluator;
import dev.eos.models.Model;
import dev.eos.models.SymmetricOperator;
import dev.eos.spectral.EigenResult;
import dev.eos.spectral.Lanczos;
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
 * Top-k eigenpairs (residual 1e-10 |lambda|) of a model Hessian: eos Lanczos against netlib ARPACK on the same HVP
 * in the same JVM, cold (seeded random start) and warm (from the Ritz vectors one NGD step earlier; for k = 5 both
 * start from the sum of the 5 vectors). The products each solve spends are printed by the setup and tabulated by
 * {@link SpectralCounts}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LanczosBenchmark {

    @Param({"deep-linear-32", "sensing", "deep-linear-8"})
    String problem;

    @Param({"1", "5"})
    int k;

    @Param({"eos", "arpack"})
    String solver;

    @Param({"cold", "warm"})
    String start;

    private SymmetricOperator op;
    private Lanczos lanczos;
    private ArpackSolver arpack;
    private double[] warm;
    private double[] arpackStart;

    @Setup
    public void setup() {
        Model model = SpectralProblems.model(problem);
        int d = model.dim();
        double[] x0 = SpectralProblems.x0(model);
        double[] x1 = SpectralProblems.x1(model, x0);
        lanczos = new Lanczos(d);
        arpack = new ArpackSolver(d, k, 1e-10);
        EigenResult at0 = lanczos.solve(model.evaluator().hessianAt(x0), k, null);
        warm = at0.vectors();
        arpackStart = start.equals("warm") ? SpectralProblems.sum(warm, k, d) : ModelBenchmarks.gaussian(d, 1, 0);
        Evaluator ev = model.evaluator();
        op = ev.hessianAt(x1);
        // correctness once: the two solvers agree (both converge to residual 1e-10 |lambda|)
        EigenResult ours = solveEos();
        double[] ref = arpack.solve(op, arpackStart);
        for (int j = 0; j < k; j++) {
            if (Math.abs(ours.values()[j] - ref[j]) > 1e-9 * Math.abs(ref[0])) {
                throw new IllegalStateException("eos and ARPACK disagree: " + ours.values()[j] + " vs " + ref[j]);
            }
        }
        System.out.println("# " + problem + " k=" + k + " " + start + ": eos " + ours.hvps() + " HVPs, ARPACK ("
                + arpack.implementation() + ") " + arpack.products() + " HVPs");
    }

    private EigenResult solveEos() {
        return start.equals("warm") ? lanczos.solve(op, k, warm, k) : lanczos.solve(op, k, null);
    }

    @Benchmark
    public Object solve() {
        return solver.equals("eos") ? solveEos() : arpack.solve(op, arpackStart);
    }
}
