package dev.eos.cli.backend;

import dev.eos.run.StopToken;
import java.nio.file.Path;

/**
 * What the commands need from the engine, in the commands' terms (the seam between the thin CLI and dev.eos.run,
 * spectral, geometry). Every method reports bad user input (a file of the wrong shape, a NaN in a file, a
 * corrupt checkpoint) as {@link dev.eos.cli.common.BadInputException}; anything else it throws is an internal error.
 */
public interface Backend {

    /** Builds the model and the start point of a request, reading and checking every input file. */
    Problem problem(ModelRequest request);

    /** Estimated steps per second of this plan on this machine (for --dry-run), or NaN when unknown. */
    double estimateStepsPerSecond(RunPlan plan);

    /** Runs a plan into plan.dir(), reporting to the observer and stopping (with a checkpoint) when asked. */
    RunOutcome run(RunPlan plan, RunObserver observer);

    /**
     * Continues the run in dir from its last checkpoint (the same run.json), or extends a finished run to
     * {@code steps} when given. A directory that is not a run, or a corrupt checkpoint, is bad input.
     *
     * @param stop set when a signal asks the run to stop (it checkpoints, then returns STOPPED)
     */
    RunOutcome resume(Path dir, Long steps, StopToken stop, RunObserver observer);

    /** The sharpness computation of {@code eos sharpness}. */
    SharpnessResult sharpness(SharpnessRequest request);

    /** Integrates the limiting flow from Phi(start) into dir/flow.csv and dir/final.npy. */
    FlowResult flow(FlowRequest request, RunObserver observer);
}
