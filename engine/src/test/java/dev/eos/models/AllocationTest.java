package dev.eos.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No evaluator call allocates after warm-up (workspaces own every buffer). Measured with the HotSpot per-thread
 * allocation counter, on the scalar kernels: that isolates the models' own code. (Whether the Vector API kernels box
 * vectors depends on C2's inlining decisions inside the kernels, which are the kernels' concern: with the kernels on
 * main, a dot product called from inside gemv or gemmNT can box its accumulator when sumLanes is not inlined.)
 */
class AllocationTest {

    static List<ModelCases.Case> cases() {
        return ModelCases.all();
    }

    static Evaluator onScalarKernels(Model m) {
        Kernels k = KernelProvider.scalar();
        return switch (m) {
            case Quadratic q -> q.evaluator(k);
            case DeepLinear d -> d.evaluator(k);
            case SymmetricFactorization f -> f.evaluator(k);
            case MatrixSensing s -> s.evaluator(k);
            default -> m.evaluator(); // the toys use no kernels
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluatorCallsDoNotAllocate(ModelCases.Case c) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Evaluator ev = onScalarKernels(c.model());
        double[] x = c.x();
        int n = x.length;
        int k = 3;
        double[] v = ModelCases.gaussian(k * n, 1, 1);
        double[] g = new double[n], hv = new double[n], out = new double[k * n];
        LeastSquaresEvaluator ls = ev instanceof LeastSquaresEvaluator l ? l : null;
        double[] r = ls == null ? null : new double[ls.outputDim()];
        Runnable all = () -> {
            ev.loss(x);
            ev.lossAndGradient(x, g);
            ev.hvp(x, v, hv);
            ev.gradientAndHvp(x, v, g, hv);
            ev.hvpBatch(x, v, k, out);
            ev.curvatureGradient(x, v, hv);
            SymmetricOperator op = ev.hessianAt(x);
            op.apply(v, hv);
            op.applyBatch(v, k, out);
            if (ls != null) {
                ls.residual(x, r);
                ls.jvp(x, v, r);
                ls.vjp(x, r, g);
            }
        };
        long before = 0;
        long after = 0;
        // warm up (class initialisation, first-call paths), then measure; retry a few rounds in case a JIT
        // compilation lands in a measurement window
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 200; i++) {
                all.run();
            }
            before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 50; i++) {
                all.run();
            }
            after = mx.getCurrentThreadAllocatedBytes();
            if (after == before) {
                break;
            }
        }
        assertEquals(0, after - before, "bytes allocated by 50 rounds of every evaluator call");
    }
}
