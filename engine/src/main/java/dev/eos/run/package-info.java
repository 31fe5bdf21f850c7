/**
 * The run engine: million-step runs with a metric schedule, a recorder, checkpoints and resume (issue 5).
 *
 * <h2>Use</h2>
 * <pre>{@code
 * RunSpec spec = RunSpec.builder()
 *     .model(ModelConfig.of("deep-linear").with("depth", 4).with("width", 8).withFile("target", "M.npy"))
 *     .algorithm("ngd").eta(0.01).horizon(1.0)          // or .steps(1_000_000)
 *     .metricsEvery(1000).phiEvery(100_000).logPoints(40).lastSteps(4).flow(true)
 *     .checkpointEvery(1_000_000).build();             // IllegalArgumentException names a bad field
 * StopToken stop = new StopToken();                    // signal handlers call stop.requestStop("SIGINT")
 * RunResult r = RunEngine.standard().start(spec, dir, listener, stop);
 * r = RunEngine.standard().resume(dir, listener, stop);          // after STOPPED or a crash
 * r = RunEngine.standard().extend(dir, 2_000_000, listener, stop); // more steps for a finished run
 * int exit = r.status().exitCode();                    // 0 completed, 3 diverged, 4 stopped
 * }</pre>
 * Bad input (spec, model options or files, a non-empty or non-run directory, a corrupt checkpoint) raises
 * IllegalArgumentException ({@link dev.eos.run.InvalidRunException}, {@link dev.eos.run.CorruptCheckpointException})
 * with a one-line message before anything is written: exit code 2.
 *
 * <h2>Files</h2>
 * {@link dev.eos.run.RunDirectory}: run.json (spec, environment, status, timing, sessions), metrics.csv (columns
 * {@link dev.eos.run.Column}, one row per scheduled step, flushed per row), checkpoint.npz (NumPy-readable, SHA-256
 * protected, atomically replaced), final.npy, snapshots/x_&lt;t&gt;.npy.
 *
 * <h2>Components</h2>
 * {@link dev.eos.run.ProblemFactory} (models), {@link dev.eos.run.OptimizerFactory} (optimizers) and
 * {@link dev.eos.run.MetricsFactory} with its {@link dev.eos.run.Meters} (sharpness, phase distance, expensive point
 * metrics, limiting flow); {@link dev.eos.run.RunEngine#standard()} wires the project's implementations
 * ({@link dev.eos.run.ModelProblems}, dev.eos.optim.Optimizers, {@link dev.eos.run.StandardMetrics}). Components
 * whose results depend on their past implement {@link dev.eos.run.Checkpointed}, which makes resumed metrics
 * bit-identical.
 */
package dev.eos.run;
