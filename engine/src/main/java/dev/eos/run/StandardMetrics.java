package dev.eos.run;

import dev.eos.geometry.DegenerateManifoldException;
import dev.eos.geometry.LimitingFlow;
import dev.eos.geometry.ManifoldDistance;
import dev.eos.models.Model;

/**
 * The standard {@link MetricsFactory}: sharpness by the warm-started spectral Sharpness ({@link LanczosSharpness}),
 * the phase rule's distance by dev.eos.geometry's {@link ManifoldDistance}, the expensive metrics (stableness,
 * stableness_sqrt, dist_to_phi, sharpness_at_phi, theta) by {@link GeometryPointMeter}, and with
 * {@link RunSpec#flow()} the geometry's {@link LimitingFlow} with its run options ({@link LimitingFlowMeter},
 * {@link LimitingFlow.Options#forRuns()}), whose X(0) is computed with the point meter's Phi so that flow_dist
 * starts at 0.
 * A flow on a degenerate manifold (THEORY 6.1-6.2) is refused with the model's explanation.
 */
public final class StandardMetrics implements MetricsFactory {

    @Override
    public Meters create(RunSpec spec, Model model) {
        FlowMeter flow = null;
        if (spec.flow()) {
            try {
                flow = new LimitingFlowMeter(LimitingFlow.of(model, LimitingFlow.Kind.of(spec.algorithm()),
                        LimitingFlow.Options.forRuns().withPhi(GeometryPointMeter.phiOptions(model))));
            } catch (DegenerateManifoldException e) {
                throw new InvalidRunException("--flow: the limiting flow is not defined for this model: "
                        + e.getMessage());
            }
        }
        ManifoldDistance distance = new ManifoldDistance(model);
        return new Meters(new LanczosSharpness(model, spec.seed()), distance::estimate,
                new GeometryPointMeter(model, spec), flow);
    }
}
