package dev.eos.run;

/**
 * Everything a run needs to continue bit for bit from step {@code step}: the spec, the iterate, the optimizer's state,
 * the metrics file's length, the phase, the metric components' state, and cumulative timing.
 *
 * @param spec           the run's spec (after any extension)
 * @param step           t, the steps taken; x = x_t
 * @param optimizer      the optimizer's name
 * @param optimizerState {@link dev.eos.optim.Optimizer#state()}
 * @param x              the iterate x_t
 * @param metricsBytes   the byte length of metrics.csv at step t (header and rows for steps &lt; t)
 * @param metricsRows    the data rows in metrics.csv at step t
 * @param phase2Start    the phase-2 start t_0, or -1 while in phase 1
 * @param meters         the metric components' state
 * @param lastLoss       the loss of the last step (for progress)
 * @param lastSharpness  the last sharpness computed (for progress), NaN when none
 * @param steps          steps timed so far over all sessions
 * @param loopSeconds    step-loop seconds so far (metric time excluded)
 * @param metricSeconds  metric, checkpoint and recording seconds so far
 */
record Checkpoint(RunSpec spec, long step, String optimizer, long[] optimizerState, double[] x,
                         long metricsBytes, long metricsRows, long phase2Start, CheckpointState meters,
                         double lastLoss, double lastSharpness, long steps, double loopSeconds,
                         double metricSeconds) {
}
