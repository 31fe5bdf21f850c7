package dev.eos.geometry;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import dev.eos.models.Evaluator;
import dev.eos.models.Model;
import dev.eos.spectral.EigenResult;
import dev.eos.spectral.Lanczos;

/**
 * The velocity field of a limiting flow (THEORY 4.2-4.3): f(y) = -c P_T(y) grad lambda_1(y) / lambda_1(y) (NGD,
 * logarithmic) or -c P_T(y) grad lambda_1(y) (sqrt), with grad lambda_1 = D^3 L(y)[v_1, v_1, .] (Hellmann-Feynman,
 * THEORY 1) and v_1 the unit top eigenvector of H(y) by Lanczos, warm-started from the previous v_1. At points that
 * become the flow's X, {@link #atPoint} can also measure the relative eigengap (lambda_1 - lambda_2) / lambda_1 by a
 * top-2 solve recycled from the previous one's two vectors. A workspace of {@link LimitingFlow}.
 */
final class FlowField {

    private final Evaluator ev;
    private final int n;
    private final double constant;
    private final boolean logarithmic;
    private final Lanczos lanczos;
    private final Lanczos gapLanczos;
    private final TangentProjector projector;
    private final Kernels k = KernelProvider.get();
    private final double[] v1, grad, tmp;
    private double[] warm;
    private final double[] warm2;
    private int warm2Count;
    private double tangentNorm = Double.NaN;
    private double gap = Double.NaN;
    private double pointLambda = Double.NaN;

    /**
     * @param lanczosTol relative residual tolerance of v_1
     * @param withGap    whether {@link #atPoint} measures the eigengap
     */
    FlowField(Model model, double constant, boolean logarithmic, double lanczosTol, boolean withGap) {
        this.ev = model.evaluator();
        this.n = model.dim();
        this.constant = constant;
        this.logarithmic = logarithmic;
        Lanczos.Options o = Lanczos.Options.defaults().withTol(lanczosTol);
        this.lanczos = new Lanczos(n, o);
        this.gapLanczos = withGap ? new Lanczos(n, o) : null;
        this.projector = TangentProjector.of(model);
        v1 = new double[n];
        grad = new double[n];
        tmp = new double[n];
        warm2 = withGap ? new double[2 * n] : null;
    }

    TangentProjector projector() {
        return projector;
    }

    /** out := f(y); returns lambda_1(y). Moves the warm start. */
    double at(double[] y, double[] out) {
        EigenResult r = lanczos.solve(ev.hessianAt(y), 1, warm);
        r.vector(0, v1);
        return from(y, r.values()[0], out);
    }

    /**
     * out := f(y) at a point that becomes the flow's X; with the gap check on, from a top-2 solve that also sets
     * {@link #gap()}, else as {@link #at}. Returns lambda_1(y).
     */
    double atPoint(double[] y, double[] out) {
        if (gapLanczos == null) {
            gap = Double.NaN;
            pointLambda = at(y, out);
            return pointLambda;
        }
        EigenResult r = gapLanczos.solveRecycled(ev.hessianAt(y), 2, warm2, warm2Count);
        System.arraycopy(r.vectors(), 0, warm2, 0, r.k() * n);
        warm2Count = r.k();
        double l1 = r.values()[0];
        gap = r.k() > 1 ? (l1 - r.values()[1]) / l1 : Double.NaN;
        r.vector(0, v1);
        pointLambda = from(y, l1, out);
        return pointLambda;
    }

    /** lambda_1 at the last {@link #atPoint}. */
    double pointLambda() {
        return pointLambda;
    }

    /** The field at y from its top eigenpair (lam, v1); v1 becomes the next warm start. */
    private double from(double[] y, double lam, double[] out) {
        if (warm == null) {
            warm = new double[n];
        }
        System.arraycopy(v1, 0, warm, 0, n);
        ev.curvatureGradient(y, v1, grad); // grad lambda_1 (Hellmann-Feynman, THEORY 1)
        projector.at(y).project(grad, tmp);
        tangentNorm = k.nrm2(n, tmp, 0);
        double scale = logarithmic ? -constant / lam : -constant;
        for (int i = 0; i < n; i++) {
            out[i] = scale * tmp[i];
        }
        return lam;
    }

    /** ||P_T grad lambda_1|| at the last evaluated point (the last {@link #atPoint} right after it). */
    double tangentNorm() {
        return tangentNorm;
    }

    /** The relative eigengap of the last {@link #atPoint} (NaN without the gap check). */
    double gap() {
        return gap;
    }

    /** Whether this field measures the eigengap. */
    boolean checksGap() {
        return gapLanczos != null;
    }

    /** The v_1 warm start (n numbers) into s[off ..]. */
    void writeWarm(double[] s, int off) {
        if (warm != null) {
            System.arraycopy(warm, 0, s, off, n);
        }
    }

    /** Reads what {@link #writeWarm} wrote. */
    void readWarm(double[] s, int off) {
        if (warm == null) {
            warm = new double[n];
        }
        System.arraycopy(s, off, warm, 0, n);
    }

    /** Numbers {@link #writeGapStart} writes: 0 without the gap check, else the count and two vectors. */
    int gapStateLength() {
        return warm2 != null ? 1 + 2 * n : 0;
    }

    /** The top-2 warm start into s[off ..]. */
    void writeGapStart(double[] s, int off) {
        if (warm2 != null) {
            s[off] = warm2Count;
            System.arraycopy(warm2, 0, s, off + 1, 2 * n);
        }
    }

    /** Reads what {@link #writeGapStart} wrote. */
    void readGapStart(double[] s, int off) {
        if (warm2 != null) {
            warm2Count = (int) s[off];
            System.arraycopy(s, off + 1, warm2, 0, 2 * n);
        }
    }

    /** Forgets the top-2 warm start (a new start point). */
    void resetGapStart() {
        warm2Count = 0;
    }
}
