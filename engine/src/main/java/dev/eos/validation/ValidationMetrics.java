package dev.eos.validation;

import dev.eos.geometry.LimitingFlow;
import dev.eos.geometry.ManifoldDistance;
import dev.eos.models.Model;
import dev.eos.run.GeometryPointMeter;
import dev.eos.run.LanczosSharpness;
import dev.eos.run.LimitingFlowMeter;
import dev.eos.run.Meters;
import dev.eos.run.MetricsFactory;
import dev.eos.run.RunSpec;

/**
 * The metrics of validation runs: the standard components ({@link dev.eos.run.StandardMetrics}), except that the
 * limiting flow uses the constants under test ({@link FlowConstants}) and, for checks that need no stableness, the
 * expensive rows use the {@link LeanPointMeter}.
 */
final class ValidationMetrics implements MetricsFactory {

    private final boolean stableness;
    private final FlowConstants constants;

    /**
     * @param stableness the standard expensive metrics (stableness, stableness_sqrt, theta, ...) instead of the lean
     *                   ones
     */
    ValidationMetrics(boolean stableness, FlowConstants constants) {
        this.stableness = stableness;
        this.constants = constants;
    }

    @Override
    public Meters create(RunSpec spec, Model model) {
        LimitingFlowMeter flow = spec.flow() ? new LimitingFlowMeter(constants.flow(model, spec.algorithm(),
                LimitingFlow.Options.defaults())) : null;
        ManifoldDistance distance = new ManifoldDistance(model);
        return new Meters(new LanczosSharpness(model, spec.seed()), distance::estimate,
                stableness ? new GeometryPointMeter(model, spec) : new LeanPointMeter(model, spec.algorithm()), flow);
    }
}
