package dev.eos.geometry;

import dev.eos.models.Evaluator;
import dev.eos.models.Model;
import dev.eos.spectral.EigenResult;
import dev.eos.spectral.Lanczos;

/**
 * P_T = I - V_M V_M^T with V_M the top-M unit eigenvectors of H(p) (THEORY 1: on a non-degenerate Gamma the normal
 * space is the top-M eigenspace), computed by Lanczos at each new point, warm-started from the previous V_M.
 */
final class EigenProjector implements TangentProjector {

    private final Evaluator ev;
    private final Lanczos lanczos;
    private final int dim;
    private final int rank;
    private double[] basis; // M x D row-major, the last eigenvectors (also the warm start)
    private EigenResult last;

    EigenProjector(Model model, int rank) {
        this.ev = model.evaluator();
        this.dim = model.dim();
        this.rank = rank;
        this.lanczos = new Lanczos(dim);
    }

    @Override
    public String method() {
        return "eigen";
    }

    @Override
    public TangentProjector at(double[] p) {
        last = lanczos.solve(ev.hessianAt(p), rank, basis);
        basis = last.vectors();
        return this;
    }

    /** The eigenpairs of the last point (values descending, vectors M x D). */
    EigenResult eigen() {
        return last;
    }

    @Override
    public void project(double[] v, double[] out) {
        System.arraycopy(v, 0, out, 0, dim);
        for (int j = 0; j < rank; j++) {
            int o = j * dim;
            double c = 0;
            for (int i = 0; i < dim; i++) {
                c += basis[o + i] * v[i];
            }
            for (int i = 0; i < dim; i++) {
                out[i] -= c * basis[o + i];
            }
        }
    }
}
