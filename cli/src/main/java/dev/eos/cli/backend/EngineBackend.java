package dev.eos.cli.backend;

import dev.eos.cli.BadInputException;
import dev.eos.geometry.DegenerateManifoldException;
import dev.eos.geometry.LimitingFlow;
import dev.eos.geometry.Phi;
import dev.eos.io.Npy;
import dev.eos.models.Evaluator;
import dev.eos.models.Model;
import dev.eos.optim.Optimizer;
import dev.eos.run.RunSpec;
import dev.eos.spectral.DenseEigensolver;
import dev.eos.spectral.EigenResult;
import dev.eos.spectral.Lanczos;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.eos.run.StopToken;

/** The backend over the real engine (dev.eos.models, io, spectral, geometry; dev.eos.run for runs). */
public final class EngineBackend implements Backend {

    @Override
    public Problem problem(ModelRequest request) {
        return Problems.build(request);
    }

    /**
     * Times the plan's optimizer from its start point in windows of 0.1 s until two consecutive windows agree
     * within 10% (the JIT has compiled the step; the interpreter runs Vector API code very slowly), at most 3 s.
     * Metrics are not included (the dry run says so).
     */
    @Override
    public double estimateStepsPerSecond(RunPlan plan) {
        RunSpec spec = EngineRuns.spec(plan);
        Optimizer opt = EngineRuns.optimizer(spec, plan.problem().model());
        double[] x = plan.problem().start().clone();
        double previous = 0;
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (true) {
            long steps = 0;
            long t0 = System.nanoTime();
            long t;
            while ((t = System.nanoTime()) - t0 < 100_000_000L) {
                for (int i = 0; i < 16; i++) {
                    opt.step(x);
                }
                steps += 16;
            }
            double rate = steps / ((t - t0) * 1e-9);
            if (Math.abs(rate - previous) <= 0.1 * rate || t > deadline) {
                return Math.max(rate, previous);
            }
            previous = rate;
        }
    }

    @Override
    public RunOutcome run(RunPlan plan, RunObserver observer) {
        return EngineRuns.start(plan, observer);
    }

    @Override
    public RunOutcome resume(Path dir, Long steps, StopToken stop, RunObserver observer) {
        return EngineRuns.resume(dir, steps, stop, observer);
    }

    @Override
    public SharpnessResult sharpness(SharpnessRequest request) {
        Model m = request.problem().model();
        double[] x = request.problem().start().clone();
        long t0 = System.nanoTime();
        if (request.atPhi()) {
            x = phi(m, x, "--at-phi");
        }
        if (request.eta() != null) {
            throw new UnsupportedOperationException("the stableness (--eta) is not in this build yet");
        }
        Evaluator ev = m.evaluator();
        EigenResult r = request.exact()
                ? new DenseEigensolver(m.dim()).solve(ev.hessianAt(x), request.k(), request.which())
                : new Lanczos(m.dim(), Lanczos.Options.defaults().withWhich(request.which()))
                        .solve(ev.hessianAt(x), request.k(), null);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        return new SharpnessResult(r.values(), r.vectors(), r.residuals(), r.hvps(), seconds, r.method(),
                Double.NaN);
    }

    /** Phi(x), the gradient-flow limit; a start whose flow does not converge is bad input. */
    private static double[] phi(Model m, double[] x, String what) {
        double[] p = new double[x.length];
        Phi phi = new Phi(m);
        if (!phi.apply(x, p)) {
            throw new BadInputException(what + ": gradient flow from the start point did not converge (||grad L|| = "
                    + phi.lastGradNorm() + " after flow time " + phi.lastTime() + "); is it in the basin of a minimum?");
        }
        return p;
    }

    @Override
    public FlowResult flow(FlowRequest request, RunObserver observer) {
        Model m = request.problem().model();
        LimitingFlow flow;
        try {
            flow = LimitingFlow.of(m, request.algo().cliName());
        } catch (DegenerateManifoldException e) {
            throw new BadInputException("the limiting flow is not defined for this model: " + e.getMessage(), e);
        }
        long t0 = System.nanoTime();
        Evaluator ev = m.evaluator();
        Path csv = request.dir().resolve("flow.csv");
        observer.started(0, request.points() - 1);
        double start;
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("tau,loss,sharpness,step_norm\n");
            // X(0) = Phi(x_0) by gradient flow: LimitingFlow.start's Newton projection is only meant for points
            // already near Gamma, and from a far start it may land elsewhere on Gamma
            flow.startOnGamma(phi(m, request.problem().start(), "the flow's start"), 0);
            start = flow.sharpness();
            for (int i = 0; i < request.points(); i++) {
                double tau = request.tau() * i / (request.points() - 1);
                flow.advanceTo(tau);
                double loss = ev.loss(flow.point());
                w.write(tau + "," + loss + "," + flow.sharpness() + "," + flow.lastStepNorm() + "\n");
                w.flush();
                observer.progress(i, loss, flow.sharpness());
            }
            double[] x = new double[m.dim()];
            flow.copyPoint(x);
            Npy.write(request.dir().resolve("final.npy"), x, m.dim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FlowResult(flow.tau(), start, flow.sharpness(), flow.steps(), (System.nanoTime() - t0) * 1e-9);
    }
}
