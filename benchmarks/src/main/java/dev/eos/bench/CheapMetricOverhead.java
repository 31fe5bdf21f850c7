package dev.eos.bench;

import dev.eos.run.Meters;
import dev.eos.run.ModelConfig;
import dev.eos.run.ModelProblems;
import dev.eos.run.RunEngine;
import dev.eos.run.RunListener;
import dev.eos.run.RunResult;
import dev.eos.run.RunSpec;
import dev.eos.run.StandardMetrics;
import dev.eos.run.StopToken;
import dev.eos.run.Timing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The cost of the cheap metric schedule through the run engine (issue 5: "cheap metrics every 1000 steps cost &lt;
 * 10%"): normalized GD on the deep linear net N = 4, d = 8, eta = 1e-3, with rows every 1000 steps (loss, grad_norm,
 * eta_eff and the warm-started Lanczos sharpness; no expensive metrics, no flow, no last steps) against the same run
 * with rows but no sharpness meter, and with a single row. Reports, per variant, the engine's own split
 * (run.json's metric_overhead = metric seconds / step-loop seconds) and steps per wall second of the session; the
 * runs are interleaved after warm-up runs and the best of the rounds counts (a shared machine).
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar
 * dev.eos.bench.CheapMetricOverhead [steps] [rounds]}.
 */
public final class CheapMetricOverhead {

    private CheapMetricOverhead() {
    }

    public static void main(String[] args) throws IOException {
        ModelBenchmarks.requireVectorKernels();
        long steps = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        RunEngine sharp = new RunEngine(new ModelProblems(), RunEngine::standardOptimizer,
                (spec, model) -> {
                    Meters m = new StandardMetrics().create(spec, model);
                    return new Meters(m.sharpness(), null, null, null);
                });
        RunEngine plain = new RunEngine(new ModelProblems(), RunEngine::standardOptimizer,
                (spec, model) -> Meters.none());
        String[] names = {"rows + sharpness every 1000", "rows every 1000, no sharpness", "one row (metrics off)"};
        RunEngine[] engines = {sharp, plain, plain};
        long[] every = {1000, 1000, steps};
        double[] bestOverhead = new double[3];
        double[] bestLoop = new double[3];
        double[] bestWall = new double[3];
        java.util.Arrays.fill(bestOverhead, Double.POSITIVE_INFINITY);
        for (int r = -2; r < rounds; r++) {
            for (int v = 0; v < 3; v++) {
                Timing t = run(engines[v], steps, every[v]);
                if (r >= 0) {
                    bestOverhead[v] = Math.min(bestOverhead[v], t.metricOverhead());
                    bestLoop[v] = Math.max(bestLoop[v], t.stepsPerSecond());
                    bestWall[v] = Math.max(bestWall[v], t.steps() / (t.loopSeconds() + t.metricSeconds()));
                }
            }
        }
        System.out.println("| deep linear d = 8, NGD, " + steps + " steps | metric_overhead | loop steps/s "
                + "| steps/s (loop + metrics) |");
        System.out.println("|---|---:|---:|---:|");
        for (int v = 0; v < 3; v++) {
            System.out.printf("| %s | %.1f%% | %,.0f | %,.0f |%n", names[v], 100 * bestOverhead[v], bestLoop[v],
                    bestWall[v]);
        }
    }

    private static Timing run(RunEngine engine, long steps, long every) throws IOException {
        RunSpec spec = RunSpec.builder().model(ModelConfig.of("deep-linear").with("depth", 4).with("width", 8))
                .algorithm("ngd").eta(1e-3).steps(steps).seed(0).metricsEvery(every).logPoints(0).lastSteps(0)
                .flow(false).build();
        Path dir = Files.createTempDirectory("eos-overhead");
        try {
            RunResult res = engine.start(spec, dir.resolve("run"), RunListener.NONE, new StopToken());
            return res.session();
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
