package dev.eos.cli;

import dev.eos.cli.backend.Backend;
import dev.eos.cli.backend.FlowRequest;
import dev.eos.cli.backend.FlowResult;
import dev.eos.cli.backend.Problem;
import dev.eos.cli.backend.RunObserver;
import dev.eos.cli.backend.RunOutcome;
import dev.eos.cli.backend.RunPlan;
import dev.eos.cli.backend.SharpnessRequest;
import dev.eos.cli.backend.SharpnessResult;
import dev.eos.cli.backend.ModelRequest;
import dev.eos.cli.output.StopSignals;
import dev.eos.models.SeparableToy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.eos.run.StopToken;

/**
 * A backend that stands in for the engine: every model is the toy2d loss, and a "run" writes a synthetic
 * run.json and metrics.csv (a Phase I decay, then a Phase II 2-cycle whose sharpness_at_phi follows a known
 * curve), then ends as the test asks: completed, diverged, or stopped by a signal it raises itself.
 */
class FakeBackend implements Backend {

    /** How the next run ends. */
    enum Ending { COMPLETE, DIVERGE, SIGNAL }

    Ending ending = Ending.COMPLETE;
    /** The signal raised in-process by a SIGNAL run (its handler is installed by then). */
    String signal = "USR1";
    RunPlan lastPlan;
    int runs;

    @Override
    public Problem problem(ModelRequest request) {
        SeparableToy toy = SeparableToy.toy2d();
        return new Problem(toy, toy.defaultStart(), 2.0);
    }

    @Override
    public double estimateStepsPerSecond(RunPlan plan) {
        return 1e6;
    }

    @Override
    public RunOutcome run(RunPlan plan, RunObserver observer) {
        lastPlan = plan;
        runs++;
        long steps = plan.steps() == null ? 2000 : plan.steps();
        observer.started(0, steps);
        write(plan.dir(), steps);
        for (long s = 0; s <= steps; s += 100) {
            observer.progress(s, 1.0 / (1 + s), 4.0);
        }
        return switch (ending) {
            case COMPLETE -> new RunOutcome(RunOutcome.Status.COMPLETED, plan.dir(), steps, 0.5, steps / 0.5, "");
            case DIVERGE -> new RunOutcome(RunOutcome.Status.DIVERGED, plan.dir(), 1234, 0.5, 2468,
                    "diverged at step 1234: loss is Infinity (eta = 0.001); the last good checkpoint (step 1000) is kept");
            case SIGNAL -> {
                StopSignals.raise(signal);
                long t0 = System.nanoTime();
                while (!plan.stop().isStopRequested() && System.nanoTime() - t0 < 10_000_000_000L) {
                    Thread.onSpinWait();
                }
                yield new RunOutcome(plan.stop().isStopRequested() ? RunOutcome.Status.STOPPED
                        : RunOutcome.Status.COMPLETED,
                        plan.dir(), 777, 0.5, 1554, "");
            }
        };
    }

    @Override
    public RunOutcome resume(Path dir, Long steps, StopToken stop, RunObserver observer) {
        runs++;
        return new RunOutcome(RunOutcome.Status.COMPLETED, dir, steps == null ? 2000 : steps, 0.1, 1e4, "");
    }

    @Override
    public SharpnessResult sharpness(SharpnessRequest request) {
        return new SharpnessResult(new double[] {4.0}, new double[] {0, 1}, new double[] {1e-15}, 3, 0.001,
                "fake", Double.NaN);
    }

    @Override
    public FlowResult flow(FlowRequest request, RunObserver observer) {
        return new FlowResult(request.tau(), 4.0, 2.5, 100, 0.01);
    }

    /** A synthetic run directory: run.json and a metrics.csv with every column of issue 5. */
    static void write(Path dir, long steps) {
        StringBuilder csv = new StringBuilder("step,tau,phase,loss,grad_norm,eta_eff,sharpness,stableness,"
                + "stableness_sqrt,dist_to_phi,sharpness_at_phi,theta,inv_stableness_pair,sqrt_loss_pair_ratio,"
                + "flow_dist,flow_sharpness\n");
        double eta = 0.01;
        for (long s = 0; s <= steps; s += (s < 100 ? 1 : 10)) {
            double tau = eta * eta * s;
            int phase = s < 100 ? 1 : 2;
            double lam = 2 + 2 * Math.exp(-tau * 5);
            double loss = phase == 1 ? Math.exp(-s / 10.0) : eta * eta * (s % 20 == 0 ? 0.3 : 0.7);
            double grad = Math.sqrt(2 * lam * loss);
            double etaEff = eta / grad;
            boolean expensive = s % 50 == 0;
            csv.append(s).append(',').append(tau).append(',').append(phase).append(',').append(loss).append(',')
                    .append(grad).append(',').append(etaEff).append(',').append(lam * 1.01).append(',');
            if (expensive) {
                csv.append(lam * etaEff).append(",,").append(eta).append(',').append(lam).append(',')
                        .append(eta / (1 + s)).append(',').append(phase == 2 ? 1.0 + 1e-3 : "").append(',')
                        .append(phase == 2 ? 0.999 : "").append(',').append(1e-4).append(',').append(lam + 1e-4);
            } else {
                csv.append(",,,,,,,,");
            }
            csv.append('\n');
        }
        try {
            Files.writeString(dir.resolve("metrics.csv"), csv);
            Files.writeString(dir.resolve("run.json"), "{\"spec\": {\"model\": {\"name\": \"toy2d\"}, \"algo\": "
                    + "\"ngd\", \"eta\": 0.01}, \"model\": {\"name\": \"toy2d\", \"dim\": 2}, \"status\": "
                    + "\"completed\", \"step\": " + steps + ", \"timing\": {\"loop_seconds\": 0.5, "
                    + "\"steps_per_second\": " + (2.0 * steps) + "}}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
