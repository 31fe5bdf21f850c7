package dev.eos.geometry;

import dev.eos.models.ClosedFormGeometry;
import dev.eos.models.Model;

/** P_T from a model's closed form ({@link ClosedFormGeometry#tangentProject}). */
final class ClosedFormProjector implements TangentProjector {

    private final ClosedFormGeometry cf;
    private final double[] at;

    ClosedFormProjector(Model model, ClosedFormGeometry cf) {
        this.cf = cf;
        this.at = new double[model.dim()];
    }

    @Override
    public String method() {
        return "closed-form";
    }

    @Override
    public TangentProjector at(double[] p) {
        System.arraycopy(p, 0, at, 0, at.length);
        return this;
    }

    @Override
    public void project(double[] v, double[] out) {
        cf.tangentProject(at, v, out);
    }
}
