package dev.eos.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The columns of {@code metrics.csv}, in file order, named exactly as issue 5 specifies. A row describes the iterate
 * x_t before step t+1 (THEORY 2, 4.6); a cell is empty where that metric was not computed at that row.
 */
public enum Column {
    /** t, the number of steps taken to reach x_t. */
    STEP("step"),
    /** tau = eta^2 t, the limiting-flow time scale (THEORY 2.4), counted from the start of the run. */
    TAU("tau"),
    /** 1 before the run first comes within c*eta of Gamma, 2 from then on. */
    PHASE("phase"),
    /** L(x_t). */
    LOSS("loss"),
    /** ||grad L(x_t)||. */
    GRAD_NORM("grad_norm"),
    /** The effective learning rate eta_t of the step from x_t (THEORY 2: eta, eta/||grad L||, eta/(2 sqrt(L - L_min))). */
    ETA_EFF("eta_eff"),
    /** lambda_1(grad^2 L(x_t)), warm-started Lanczos. */
    SHARPNESS("sharpness"),
    /** S_L(x_t, eta_t) (THEORY 1, Def. 1.1), every algorithm. */
    STABLENESS("stableness"),
    /** S_sqrt(L)(x_t, eta) (THEORY 4.4, Thm 4.8), GD on sqrt(L) only. */
    STABLENESS_SQRT("stableness_sqrt"),
    /** ||x_t - Phi(x_t)||. */
    DIST_TO_PHI("dist_to_phi"),
    /** lambda_1(grad^2 L(Phi(x_t))). */
    SHARPNESS_AT_PHI("sharpness_at_phi"),
    /** theta_t, the angle between x~_t and the top eigenspace at Phi(x_t) (THEORY 1). */
    THETA("theta"),
    /** 1/S_t + 1/S_{t+1} (THEORY 4.4, Thm 4.7(1)); on row t, needs row t+1. */
    INV_STABLENESS_PAIR("inv_stableness_pair"),
    /**
     * (sqrt L_t + sqrt L_{t+1}) / prediction, the prediction being eta sqrt(lambda_1/2) for NGD and eta lambda_1 / 2 for
     * GD on sqrt(L), lambda_1 = sharpness at x_t (THEORY 4.4); L is L - L_min when L_min is known. On row t.
     */
    SQRT_LOSS_PAIR_RATIO("sqrt_loss_pair_ratio"),
    /** ||Phi(x_t) - X(tau - tau_0)|| against the limiting flow X started at Phi(x_{t_0}), t_0 the phase-2 start. */
    FLOW_DIST("flow_dist"),
    /** lambda_1(X(tau - tau_0)). */
    FLOW_SHARPNESS("flow_sharpness"),
    /**
     * (lambda_1 - lambda_2) / lambda_1 of grad^2 L(Phi(x_t)), on the expensive rows: below
     * {@link dev.eos.geometry.LimitingFlow#GAP_THRESHOLD} lambda_1(Phi) is not simple (THEORY 1, assumption [R]),
     * and theta, flow_dist and the flow are not defined by the theory.
     */
    EIGENGAP_AT_PHI("eigengap_at_phi");

    private static final List<String> HEADER;

    static {
        List<String> h = new ArrayList<>();
        for (Column c : values()) {
            h.add(c.csvName);
        }
        HEADER = Collections.unmodifiableList(h);
    }

    private final String csvName;

    Column(String csvName) {
        this.csvName = csvName;
    }

    /** The exact CSV header name. */
    public String csvName() {
        return csvName;
    }

    /** The header row, in file order. */
    public static List<String> header() {
        return HEADER;
    }

    /** The bit of this column in a presence mask. */
    long bit() {
        return 1L << ordinal();
    }
}
