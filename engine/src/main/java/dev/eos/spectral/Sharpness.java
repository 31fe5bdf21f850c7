package dev.eos.spectral;

import dev.eos.models.Evaluator;
import dev.eos.models.Model;

/**
 * Sharpness lambda_1(x) = lambda_max(grad^2 L(x)) and the top-k spectrum of the Hessian at x for one model
 * (THEORY 1), warm-started from memory (or the dense exact path, for small D): lambda_1 recycles the top vectors of
 * the last six calls, or in a 2-cycle of a run at the edge of stability those of the same parity among the last
 * eight (the same-parity point two steps back is the closest; see {@link WarmStart} and
 * {@link Lanczos#solveRecycled}), the top-k spectrum starts from the previous call's k vectors.
 * The warm-start state is exposed for checkpoints: restoring it makes a resumed run reproduce the next solves bit
 * for bit. A workspace with its own evaluator: one per thread.
 */
public final class Sharpness {

    private final Evaluator ev;
    private final WarmStart solver;
    private EigenResult last;

    /** Lanczos with default options (tol 1e-10). */
    public Sharpness(Model model) {
        this(model, Lanczos.Options.defaults(), false);
    }

    /** Lanczos with the given options. */
    public Sharpness(Model model, Lanczos.Options options) {
        this(model, options, false);
    }

    /**
     * @param exact the dense path (D products with the unit vectors + a dense symmetric eigensolver; the
     *              CLI's {@code --exact}) instead of Lanczos; options then only choose the end of the spectrum
     */
    public Sharpness(Model model, Lanczos.Options options, boolean exact) {
        this.ev = model.evaluator();
        this.solver = new WarmStart(model.dim(), options, exact);
    }

    /** lambda_1(x), the top Hessian eigenvalue at x. */
    public double lambda1(double[] x) {
        return top(x, 1).values()[0];
    }

    /** The top k eigenpairs of grad^2 L(x), with residuals and the products spent. */
    public EigenResult top(double[] x, int k) {
        last = solver.solve(ev.hessianAt(x), k);
        return last;
    }

    /** The last result (null before the first call). */
    public EigenResult last() {
        return last;
    }

    /** Hessian-vector products spent by all calls so far (D per call on the exact path). */
    public long hvps() {
        return solver.hvps();
    }

    /**
     * The warm-start memory as one array (an opaque layout: [depth, count, the last depth top vectors, the last
     * call's count vectors], D values per vector), for checkpoints.
     */
    public double[] warmStart() {
        return solver.state();
    }

    /** Restores {@link #warmStart()} from a checkpoint (an empty array restarts from the seed). */
    public void restoreWarmStart(double[] state) {
        solver.restore(state);
    }
}
