package dev.eos.cli.backend;

import dev.eos.cli.options.Choices.Algo;
import dev.eos.run.StopToken;
import java.nio.file.Path;
import java.util.Map;

/**
 * A fully validated run, as the command line resolved it.
 *
 * @param model           the model request (what run.json records of the model and start)
 * @param problem         model and start, built from it
 * @param algo            the algorithm
 * @param eta             learning rate
 * @param steps           fixed number of steps, or null when horizon gives the length
 * @param horizon         Phase II length T2 (steps = T2/eta^2 after Phase I), or null
 * @param noiseRadius     perturbation radius, or null for none
 * @param noiseEvery      perturbation period, or null for the default ceil(1/eta)
 * @param divergenceBound loss bound, or null
 * @param seed            seed of the noise
 * @param metricsEvery    cheap-metric period
 * @param phiEvery        expensive-metric period, or null
 * @param logPoints       number of log-spaced expensive-metric steps
 * @param flow            integrate the limiting flow alongside
 * @param snapshotEvery   snapshot period, or null
 * @param checkpointEvery checkpoint period, or null (time-based only)
 * @param threads         threads inside the run
 * @param dir             the run directory (exists, validated)
 * @param config          the resolved config, for run.json
 * @param stop            set when a signal asks the run to stop (it checkpoints, then returns STOPPED)
 */
public record RunPlan(ModelRequest model, Problem problem, Algo algo, double eta, Long steps, Double horizon,
                      Double noiseRadius,
                      Long noiseEvery, Double divergenceBound, long seed, long metricsEvery, Long phiEvery,
                      long logPoints, boolean flow, Long snapshotEvery, Long checkpointEvery, int threads, Path dir,
                      Map<String, Object> config, StopToken stop) {
}
