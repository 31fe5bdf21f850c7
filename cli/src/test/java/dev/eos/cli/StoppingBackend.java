package dev.eos.cli;

import dev.eos.cli.backend.Backend;
import dev.eos.cli.backend.EngineBackend;
import dev.eos.cli.backend.FlowRequest;
import dev.eos.cli.backend.FlowResult;
import dev.eos.cli.backend.ModelRequest;
import dev.eos.cli.backend.Problem;
import dev.eos.cli.backend.RunObserver;
import dev.eos.cli.backend.RunOutcome;
import dev.eos.cli.backend.RunPlan;
import dev.eos.cli.backend.SharpnessRequest;
import dev.eos.cli.backend.SharpnessResult;
import dev.eos.cli.output.StopSignals;
import dev.eos.run.StopToken;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The real engine, except that fresh runs wait at their first progress report (the run loop's first heartbeat comes
 * 64 steps in) until {@code parties} runs are there, the last of them raises {@code signal} in this JVM, and each
 * waits until the signal's handler has asked it to stop: a stop that always lands partway through every running run,
 * however fast the machine, unlike a timed signal from another thread, which a fast run can outrun. Resumes are not
 * stopped.
 */
final class StoppingBackend implements Backend {

    private final Backend engine = new EngineBackend();
    private final String signal;
    private final int parties;
    private final AtomicInteger arrived = new AtomicInteger();

    StoppingBackend(String signal, int parties) {
        this.signal = signal;
        this.parties = parties;
    }

    @Override
    public Problem problem(ModelRequest request) {
        return engine.problem(request);
    }

    @Override
    public double estimateStepsPerSecond(RunPlan plan) {
        return engine.estimateStepsPerSecond(plan);
    }

    @Override
    public RunOutcome run(RunPlan plan, RunObserver observer) {
        return engine.run(plan, new RunObserver() {
            private boolean raised;

            @Override
            public void started(long from, long total) {
                observer.started(from, total);
            }

            @Override
            public void total(long total) {
                observer.total(total);
            }

            @Override
            public void progress(long step, double loss, double sharpness) {
                if (!raised && step > 0) {
                    raised = true;
                    if (arrived.incrementAndGet() == parties) {
                        StopSignals.raise(signal);
                    }
                    awaitStop(plan.stop());
                }
                observer.progress(step, loss, sharpness);
            }
        });
    }

    /** Waits (up to a minute) for the handler, which runs on a JVM signal thread, to set the run's stop token. */
    private static void awaitStop(StopToken stop) {
        long t0 = System.nanoTime();
        while (!stop.isStopRequested() && System.nanoTime() - t0 < 60e9) {
            LockSupport.parkNanos(1_000_000L);
        }
    }

    @Override
    public RunOutcome resume(Path dir, Long steps, StopToken stop, RunObserver observer) {
        return engine.resume(dir, steps, stop, observer);
    }

    @Override
    public SharpnessResult sharpness(SharpnessRequest request) {
        return engine.sharpness(request);
    }

    @Override
    public FlowResult flow(FlowRequest request, RunObserver observer) {
        return engine.flow(request, observer);
    }
}
