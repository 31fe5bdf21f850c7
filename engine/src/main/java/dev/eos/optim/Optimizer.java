package dev.eos.optim;

import dev.eos.models.Model;

/**
 * One of the algorithms of THEORY 2 as a stepper over a parameter vector updated in place: plain GD, normalized GD,
 * GD on sqrt(L - L_min), or gradient flow (which advances time eta per step). An optimizer owns its evaluator and
 * buffers: not thread-safe, and {@link #step} allocates nothing.
 *
 * <p>Every step computes, in the same pass that makes it, the loss, gradient norm and effective step size at the
 * point before the step; the run engine reads them as cheap metrics without extra model evaluations.
 */
public interface Optimizer {

    /** The algorithm's command-line name: "gd", "ngd", "sqrt" or "gf". */
    String name();

    /** The model optimised. */
    Model model();

    /** The learning rate eta. */
    double eta();

    /** Advances x by one step, in place. */
    void step(double[] x);

    /** L at the point before the last step. */
    double lastLoss();

    /** ||grad L|| at the point before the last step. */
    double lastGradNorm();

    /**
     * The effective learning rate eta_t of the last step, seen as GD on L: eta for GD, eta/||grad L|| for normalized
     * GD, eta/(2 sqrt(L - L_min)) for GD on sqrt(L), eta (the time advanced) for gradient flow. A skipped step
     * ({@link #lastSkipped()}) reports 0: it moved nothing.
     */
    double lastEtaEff();

    /**
     * True when the last step was skipped by the algorithm's guard instead of producing a NaN: normalized GD at a
     * zero gradient (eta/||grad L|| = +inf), GD on sqrt(L) at L &lt;= L_min. x is then unchanged except for a
     * scheduled perturbation; loss and gradient norm are still reported, and eta_eff is 0.
     */
    default boolean lastSkipped() {
        return false;
    }

    /**
     * Why the last step could not be taken, or null when it was (the only such step: gradient flow that ran out of
     * substeps or left the finite numbers before reaching time eta). A failed step reports a NaN {@link #lastLoss()},
     * so that the run engine's divergence guard stops at it; the engine then ends the run with this message.
     */
    default String failure() {
        return null;
    }

    /** True when the perturbation (noise in a ball, THEORY 2.3) was added after the last step. */
    default boolean lastPerturbed() {
        return false;
    }

    /** Steps taken so far (restored from checkpoints). */
    long steps();

    /** Everything besides x that the next steps depend on (step count, noise generator state), for checkpoints. */
    long[] state();

    /** Restores what {@link #state()} returned, so that a resumed run continues bit for bit. */
    void restore(long[] state);
}
