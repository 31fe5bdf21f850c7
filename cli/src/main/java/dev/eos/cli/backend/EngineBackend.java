package dev.eos.cli.backend;

import dev.eos.cli.BadInputException;
import dev.eos.cli.options.ModelOptions;
import dev.eos.cli.options.StartOptions;
import dev.eos.models.ClosedFormGeometry;
import dev.eos.models.Evaluator;
import dev.eos.models.Model;
import dev.eos.models.SeparableToy;
import dev.eos.spectral.EigenResult;
import dev.eos.spectral.Lanczos;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** The backend over the real engine (dev.eos.models, spectral, geometry, run). */
public final class EngineBackend implements Backend {

    @Override
    public Problem problem(ModelOptions model, StartOptions start) {
        SeparableToy toy = switch (model.model) {
            case TOY2D -> SeparableToy.toy2d();
            case TOY3D -> SeparableToy.toy3d();
            default -> throw new UnsupportedOperationException("model " + model.model + " is not in this build "
                    + "yet (models branch)");
        };
        if (start.init != null) {
            throw new UnsupportedOperationException("--init needs the .npy reader (models branch)");
        }
        if (start.initScale != null) {
            throw new BadInputException("--init-scale does not apply to --model " + model.model + " (its start is "
                    + "fixed: " + toy.layout() + " = (1, 0.05" + (toy.dim() > 2 ? ", 0.03" : "") + "))");
        }
        return new Problem(toy, toy.defaultStart(), toy.sharpnessOnGamma(0), Map.of());
    }

    @Override
    public double estimateStepsPerSecond(RunPlan plan) {
        return Double.NaN;
    }

    @Override
    public RunOutcome run(RunPlan plan, RunObserver observer) {
        throw new UnsupportedOperationException("the run engine is not in this build yet (runengine branch)");
    }

    @Override
    public RunOutcome resume(Path dir, Long steps, AtomicBoolean stop, RunObserver observer) {
        throw new UnsupportedOperationException("the run engine is not in this build yet (runengine branch)");
    }

    @Override
    public SharpnessResult sharpness(SharpnessRequest request) {
        Model m = request.problem().model();
        double[] x = request.problem().start().clone();
        if (request.atPhi()) {
            if (!(m instanceof ClosedFormGeometry g)) {
                throw new UnsupportedOperationException("--at-phi for " + m.name() + " needs Phi (geometry branch)");
            }
            double[] p = new double[x.length];
            g.phi(x, p);
            x = p;
        }
        if (request.eta() != null) {
            throw new UnsupportedOperationException("the stableness is not in this build yet (spectral branch)");
        }
        long t0 = System.nanoTime();
        Evaluator ev = m.evaluator();
        Lanczos lanczos = new Lanczos(m.dim(), Lanczos.Options.defaults().withWhich(request.which()));
        EigenResult r = lanczos.solve(ev.hessianAt(x), request.k(), null);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        return new SharpnessResult(r.values(), r.vectors(), r.residuals(), r.hvps(), seconds, r.method(),
                Double.NaN);
    }

    @Override
    public FlowResult flow(FlowRequest request, RunObserver observer) {
        throw new UnsupportedOperationException("the limiting flows are not in this build yet (geometry branch)");
    }
}
