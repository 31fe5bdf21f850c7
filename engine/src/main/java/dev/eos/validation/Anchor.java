package dev.eos.validation;

import dev.eos.geometry.Phi;
import dev.eos.models.Model;
import dev.eos.spectral.EigenResult;
import dev.eos.spectral.Sharpness;

/**
 * A point Phi_0 of Gamma with the top two eigenpairs of H(Phi_0), and the Phase-II starts built on it (THEORY 4.3,
 * "Measuring rates cleanly"): the aligned 2-cycle start Phi_0 + 0.3 s v_1 with s = eta (NGD) or eta sqrt(lambda_1/2)
 * (GD on sqrt(L)), the amplitude scale of the 2-cycle (THEORY 3); it puts the iterate on a 2-cycle of amplitude
 * ratio C = 0.3 from step 0, so that the O(eta) coefficients do not jump between etas with a random C.
 *
 * @param phi0    Phi_0 (gradient flow from a generic start, polished onto Gamma for least-squares models)
 * @param v1      the unit top eigenvector of H(Phi_0)
 * @param lambda1 lambda_1(Phi_0)
 * @param v2      the second eigenvector
 * @param lambda2 lambda_2(Phi_0)
 */
public record Anchor(double[] phi0, double[] v1, double lambda1, double[] v2, double lambda2) {

    /** The fraction of the 2-cycle amplitude scale in the start: C = 0.3. */
    public static final double AMPLITUDE = 0.3;

    /** Phi of a generic start and the top eigenpairs there. */
    public static Anchor of(Model model, double[] genericStart) {
        double[] p = new double[model.dim()];
        Phi phi = new Phi(model, Phi.Options.defaults().withPolish(true));
        phi.apply(genericStart, p);
        Sharpness sh = new Sharpness(model);
        EigenResult top = sh.top(p, Math.min(2, model.dim()));
        double[] v1 = new double[model.dim()];
        double[] v2 = new double[model.dim()];
        top.vector(0, v1);
        double l2 = Double.NaN;
        if (top.k() > 1) {
            top.vector(1, v2);
            l2 = top.values()[1];
        }
        return new Anchor(p, v1, top.values()[0], v2, l2);
    }

    /** s = eta (ngd) or eta sqrt(lambda_1/2) (sqrt). */
    public double scale(String algorithm, double eta) {
        return algorithm.equals("sqrt") ? eta * Math.sqrt(lambda1 / 2) : eta;
    }

    /** Phi_0 + 0.3 s v_1. */
    public double[] aligned(String algorithm, double eta) {
        return start(algorithm, eta, 0);
    }

    /**
     * Phi_0 + 0.3 s (v_1 + w v_2): a 2-cycle start with a component w times as large along v_2 (w = 1 makes
     * theta_0 = atan(lambda_2 / lambda_1) for NGD), whose alignment the dynamics must restore.
     */
    public double[] start(String algorithm, double eta, double w) {
        double a = AMPLITUDE * scale(algorithm, eta);
        double[] x = phi0.clone();
        for (int i = 0; i < x.length; i++) {
            x[i] += a * (v1[i] + w * v2[i]);
        }
        return x;
    }
}
