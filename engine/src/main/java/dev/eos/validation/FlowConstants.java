package dev.eos.validation;

import dev.eos.geometry.LimitingFlow;

/**
 * The constants c of the limiting flows dX/dtau = -c P_T grad log lambda_1 (NGD) and -c P_T grad lambda_1 (GD on
 * sqrt(L)) that the checks compare against: the theory's 1/4 and 1/8 (THEORY 4.2-4.3), or deliberately wrong ones
 * for the controls that prove a wrong constant is detected.
 *
 * @param ngd  c of the NGD flow (theory: 1/4)
 * @param sqrt c of the sqrt(L) flow (theory: 1/8)
 */
public record FlowConstants(double ngd, double sqrt) {

    /** The theory's 1/4 and 1/8. */
    public static final FlowConstants THEORY = new FlowConstants(LimitingFlow.Kind.NGD.constant(),
            LimitingFlow.Kind.SQRT.constant());

    public FlowConstants {
        if (!(ngd > 0) || !(sqrt > 0) || Double.isInfinite(ngd) || Double.isInfinite(sqrt)) {
            throw new IllegalArgumentException("flow constants must be finite and > 0, got " + ngd + ", " + sqrt);
        }
    }

    /** c for "ngd" or "sqrt". */
    public double of(String algorithm) {
        return LimitingFlow.Kind.of(algorithm) == LimitingFlow.Kind.NGD ? ngd : sqrt;
    }

    /** Whether both are the theory's. */
    public boolean theoretical() {
        return equals(THEORY);
    }

    /** The flow of the given kind with this record's constant. */
    public LimitingFlow flow(dev.eos.models.Model model, String algorithm, LimitingFlow.Options options) {
        LimitingFlow.Kind kind = LimitingFlow.Kind.of(algorithm);
        return LimitingFlow.withConstant(model, kind, of(algorithm), options);
    }
}
