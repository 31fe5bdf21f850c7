package dev.eos.validation;

import dev.eos.io.CsvReader;
import dev.eos.io.Npy;
import dev.eos.run.Column;
import dev.eos.run.ModelConfig;
import dev.eos.run.ModelProblems;
import dev.eos.run.RunDirectory;
import dev.eos.run.RunEngine;
import dev.eos.run.RunListener;
import dev.eos.run.RunResult;
import dev.eos.run.RunSpec;
import dev.eos.run.RunStatus;
import dev.eos.run.StopToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Runs of the checks through the run engine ({@link RunEngine} with {@link ValidationMetrics}), each in its own run
 * directory, and what the checks read back: metrics.csv and final.npy.
 */
final class EngineRun {

    private EngineRun() {
    }

    /**
     * A finished run.
     *
     * @param result the engine's result
     * @param table  metrics.csv
     * @param last   x at the end of the run (final.npy)
     * @param dir    the run directory
     */
    record Data(RunResult result, CsvReader.Table table, double[] last, Path dir) {

        /** The phase-2 start t_0, or -1. */
        long phase2Start() {
            return result.phase2Start();
        }

        /** The last non-empty value of a column (NaN when none). */
        double lastValue(Column c) {
            double[] v = table.column(c.csvName());
            boolean[] has = table.presence(c.csvName());
            for (int i = v.length - 1; i >= 0; i--) {
                if (has[i]) {
                    return v[i];
                }
            }
            return Double.NaN;
        }

        /** The column as stored (NaN where empty). */
        double[] column(Column c) {
            return table.column(c.csvName());
        }
    }

    /**
     * A spec builder with the validation defaults: one thread, checkpoints only at the start and the end, phase
     * checks every step while in phase 1 (so that t_0 is exact), cheap rows about 100 times per run.
     */
    static RunSpec.Builder spec(ModelConfig model, String algorithm, double eta, long seed, long steps) {
        return RunSpec.builder().model(model).algorithm(algorithm).eta(eta).seed(seed).threads(1)
                .checkpointSeconds(0).phaseEvery(1).metricsEvery(Math.max(1, steps / 100));
    }

    /** floor(T2 / eta^2), forgiving rounding in eta^2 (as the engine counts a horizon). */
    static long horizonSteps(double t2, double eta) {
        return (long) Math.floor(t2 / (eta * eta) * (1 + 1e-9));
    }

    /** A configuration starting at x: x is written to inputs/NAME.npy and given as the init file. */
    static ModelConfig withStart(ModelConfig model, Path inputs, String name, double[] x) throws IOException {
        Files.createDirectories(inputs);
        Path f = inputs.resolve(name + ".npy");
        Npy.write(f, x, x.length);
        return model.withFile("init", f.toString());
    }

    /** Runs the spec in {@code dir} (recorded in the context) and reads the results; an unfinished run fails. */
    static Data run(CheckContext ctx, Path dir, RunSpec spec, boolean stableness) throws IOException {
        RunEngine engine = new RunEngine(new ModelProblems(), RunEngine::standardOptimizer,
                new ValidationMetrics(stableness, ctx.constants()));
        ctx.addRun(dir);
        RunResult r = engine.start(spec, dir, RunListener.NONE, new StopToken());
        if (r.status() != RunStatus.COMPLETED) {
            throw new IllegalStateException("run " + dir + " ended " + r.status() + ": " + r.message());
        }
        CsvReader.Table t = CsvReader.read(dir.resolve(RunDirectory.METRICS));
        double[] last = Npy.read(dir.resolve(RunDirectory.FINAL)).data();
        return new Data(r, t, last, dir);
    }

    /** A directory name part for eta, e.g. "eta1.25e-03". */
    static String eta(double eta) {
        return String.format(Locale.ROOT, "eta%.3g", eta).replace("e-0", "e-");
    }
}
