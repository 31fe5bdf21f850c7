package dev.eos.cli.backend;

import dev.eos.cli.common.BadInputException;
import dev.eos.geometry.DegenerateManifoldException;
import dev.eos.geometry.LimitingFlow;
import dev.eos.geometry.Phi;
import dev.eos.io.Npy;
import dev.eos.models.Evaluator;
import dev.eos.models.Model;
import dev.eos.spectral.DenseEigensolver;
import dev.eos.spectral.EigenResult;
import dev.eos.optim.Optimizers;
import dev.eos.spectral.Lanczos;
import dev.eos.spectral.Stableness;
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

    /** The run engine's spec of a plan (for commands that plan runs without starting them, e.g. sweeps). */
    public static dev.eos.run.RunSpec spec(RunPlan plan) {
        return EngineRuns.spec(plan);
    }

    @Override
    public double estimateStepsPerSecond(RunPlan plan) {
        return EngineRuns.estimateStepsPerSecond(plan);
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
        Evaluator ev = m.evaluator();
        double stableness = request.eta() == null ? Double.NaN : stableness(m, ev, x, request);
        EigenResult r = request.exact()
                ? new DenseEigensolver(m.dim()).solve(ev.hessianAt(x), request.k(), request.which())
                : new Lanczos(m.dim(), Lanczos.Options.defaults().withWhich(request.which()))
                        .solve(ev.hessianAt(x), request.k(), null);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        return new SharpnessResult(r.values(), r.vectors(), r.residuals(), r.hvps(), seconds, r.method(),
                stableness);
    }

    /** S_L(x, eta_t) with the algorithm's effective step eta_t at x (THEORY 1, Def. 1.1; THEORY 2). */
    private static double stableness(Model m, Evaluator ev, double[] x, SharpnessRequest req) {
        double[] g = new double[x.length];
        double loss = ev.lossAndGradient(x, g);
        double gradNorm = 0;
        for (double v : g) {
            gradNorm += v * v;
        }
        gradNorm = Math.sqrt(gradNorm);
        double eta = req.eta();
        double etaT = switch (req.algo()) {
            case NGD -> Stableness.ngdStep(eta, gradNorm);
            case SQRT -> Stableness.sqrtStep(eta, loss, Optimizers.resolveMinLoss(m, Double.NaN));
            default -> eta;
        };
        if (!Double.isFinite(etaT)) {
            throw new BadInputException("the stableness is undefined here: the step size eta_t of " + req.algo()
                    + " is " + etaT + " (the point is a minimum)");
        }
        return new Stableness(m).ofLoss(x, etaT);
    }

    /** Phi(x), the gradient-flow limit; a start whose flow does not converge is bad input. */
    private static double[] phi(Model m, double[] x, String what) {
        double[] p = new double[x.length];
        Phi phi = new Phi(m);
        if (!phi.apply(x, p)) {
            throw new BadInputException(what + ": gradient flow from the start point did not converge (||grad L|| = "
                    + phi.lastGradNorm() + " after flow time " + phi.lastTime()
                    + "); is it in the basin of a minimum?");
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
