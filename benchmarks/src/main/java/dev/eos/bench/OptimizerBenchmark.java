package dev.eos.bench;

import dev.eos.kernels.KernelProvider;
import dev.eos.models.DeepLinear;
import dev.eos.models.MatrixSensing;
import dev.eos.models.Model;
import dev.eos.models.ModelSpec;
import dev.eos.models.Models;
import dev.eos.optim.Optimizer;
import dev.eos.optim.Optimizers;
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
 * Optimizer steps per second (one thread, metrics off): normalized GD on deep linear nets (N = 4, d = 8, 32, 128)
 * and on matrix sensing (d = 40, k = 40, m = 2000), the targets of issue 5 (700,000 / 90,000 / 1,600 / 2,000
 * steps/s). "gradient" times the model's fused lossAndGradient alone and "overhead" the norm and axpy alone, so a
 * step should cost about their sum. The iterate is reset to the start every 2^16 steps (outside the timing of any one step's
 * arithmetic: NGD keeps ||x|| bounded anyway, the reset only guards against a drift to subnormals).
 *
 * <p>{@code threads} is the run's --threads (deep linear nets and matrix sensing split their evaluations over it, with
 * the same bits for any count); compare, e.g., {@code -p problem=deep-linear-128,deep-linear-256 -p threads=1,2}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OptimizerBenchmark {

    /**
     * "deep-linear-d" (N = 4, square, any d: 8, 32, 128 by default; 256 on request) or "sensing-d-k-m" (40-40-2000).
     */
    @Param({"deep-linear-8", "deep-linear-32", "deep-linear-128", "sensing-40-40-2000"})
    String problem;

    @Param({"ngd"})
    String algorithm;

    /** Threads inside the run (--threads). */
    @Param({"1"})
    int threads;

    Model model;
    Optimizer opt;
    double[] x;
    double[] start;
    double[] grad;
    dev.eos.models.Evaluator ev;
    dev.eos.kernels.Kernels kernels;
    int count;

    @Setup
    public void setup() {
        ModelBenchmarks.requireVectorKernels();
        model = withThreads(build(problem), threads);
        start = Models.randomStart(model, 1, Double.NaN);
        x = start.clone();
        opt = Optimizers.create(algorithm, model, 1e-3);
        ev = model.evaluator();
        grad = new double[model.dim()];
        ev.lossAndGradient(x, grad);
        kernels = KernelProvider.get();
        // correctness once: a step moves x by exactly eta (NGD)
        double[] y = start.clone();
        opt.step(y);
        double d = 0;
        for (int i = 0; i < y.length; i++) {
            d += (y[i] - start[i]) * (y[i] - start[i]);
        }
        if (algorithm.equals("ngd") && Math.abs(Math.sqrt(d) - 1e-3) > 1e-12) {
            throw new IllegalStateException("NGD step length " + Math.sqrt(d) + " != eta");
        }
    }

    static Model build(String p) {
        String[] f = p.split("-");
        if (p.startsWith("deep-linear-")) {
            return Models.build(ModelSpec.of("deep-linear").depth(4).width(Integer.parseInt(f[2])));
        }
        if (p.startsWith("sensing-")) {
            return Models.build(ModelSpec.of("matrix-sensing").dim(Integer.parseInt(f[1]))
                    .rank(Integer.parseInt(f[2])).measurements(Integer.parseInt(f[3])));
        }
        throw new IllegalArgumentException(p);
    }

    /** The model whose evaluators use {@code t} threads, as the run engine builds it for --threads t. */
    static Model withThreads(Model m, int t) {
        return switch (m) {
            case DeepLinear net -> net.withThreads(t);
            case MatrixSensing sensing -> sensing.withThreads(t);
            default -> m;
        };
    }

    /** One optimizer step. */
    @Benchmark
    public double step() {
        if ((++count & 0xFFFF) == 0) {
            System.arraycopy(start, 0, x, 0, x.length);
        }
        opt.step(x);
        return opt.lastLoss();
    }

    /**
     * The step overhead alone: NGD's norm and axpy (Kernels.nrm2, Kernels.axpy) on a fixed gradient, the sign
     * alternating so that x stays bounded.
     */
    @Benchmark
    public double overhead() {
        double gn = kernels.nrm2(grad.length, grad, 0);
        double etaT = ((++count & 1) == 0 ? 1e-3 : -1e-3) / gn;
        kernels.axpy(grad.length, -etaT, grad, 0, x, 0);
        return gn;
    }

    /** The model's fused loss and gradient alone (the floor under a step). */
    @Benchmark
    public double gradient() {
        return ev.lossAndGradient(x, grad);
    }
}
