package dev.eos.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.models.Evaluator;
import dev.eos.models.LeastSquaresEvaluator;
import dev.eos.models.Model;
import dev.eos.models.SeparableToy;
import dev.eos.testing.DenseEigen;
import dev.eos.testing.Factorization;
import dev.eos.testing.Vec;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** P_T of THEORY 1: projector properties, and the least-squares, eigen and dense forms agree. */
class TangentProjectorTest {

    // m = 4, n = 3, r = 2: D = 14, P = 12, normal rank r(m+n-r) = 10 < P, so J J^T is singular
    private static final int M = 4, N = 3, R = 2;

    private static double[] onGamma(long seed, Factorization[] model) {
        double[] p = new double[(M + N) * R];
        model[0] = Factorization.random(M, N, R, seed, p);
        return p;
    }

    @Test
    void leastSquaresProjectorIsTheOrthogonalProjectorOntoKerJ() {
        Factorization[] f = new Factorization[1];
        double[] p = onGamma(1, f);
        TangentProjector pt = TangentProjector.of(f[0]).at(p);
        assertEquals("least-squares", pt.method());
        LeastSquaresEvaluator ev = (LeastSquaresEvaluator) f[0].evaluator();
        Random rnd = new Random(2);
        int d = p.length;
        for (int trial = 0; trial < 5; trial++) {
            double[] u = Vec.gaussian(rnd, d), v = Vec.gaussian(rnd, d);
            double[] pu = new double[d], pv = new double[d], ppu = new double[d];
            pt.project(u, pu);
            pt.project(v, pv);
            pt.project(pu, ppu);
            // CGLS to 1e-12 relative normal residual on a well-conditioned J (kappa ~ 10): errors ~1e-11
            double tol = 1e-10;
            assertTrue(Vec.dist(ppu, pu) <= tol * Vec.norm(u), "idempotent");
            assertEquals(Vec.dot(pu, v), Vec.dot(u, pv), tol * Vec.norm(u) * Vec.norm(v), "symmetric");
            double[] jpu = new double[M * N], ju = new double[M * N];
            ev.jvp(p, pu, jpu);
            ev.jvp(p, u, ju);
            assertTrue(Vec.norm(jpu) <= tol * Vec.norm(ju), "J P_T u = 0: tangent");
            // kills the normal space range(J^T)
            double[] w = Vec.gaussian(rnd, M * N), jtw = new double[d], out = new double[d];
            ev.vjp(p, w, jtw);
            pt.project(jtw, out);
            assertTrue(Vec.norm(out) <= tol * Vec.norm(jtw), "P_T J^T w = 0");
        }
    }

    @Test
    void equalsIMinusTopMEigenvectorsOfTheDenseHessian() {
        Factorization[] f = new Factorization[1];
        double[] p = onGamma(3, f);
        int d = p.length, m = f[0].normalRank();
        DenseEigen eig = new DenseEigen(f[0].denseHessian(p), d);
        // a non-degenerate Gamma: exactly M positive eigenvalues, a clear gap to the zero ones
        assertTrue(eig.values[m - 1] > 1e-3 && Math.abs(eig.values[m]) < 1e-10, "rank M = " + m);
        TangentProjector ls = TangentProjector.of(f[0]).at(p);
        TangentProjector eigen = new EigenProjector(f[0], m).at(p);
        double[] out = new double[d], out2 = new double[d];
        for (int j = 0; j < d; j++) {
            double[] e = new double[d];
            e[j] = 1;
            ls.project(e, out);
            eigen.project(e, out2);
            for (int i = 0; i < d; i++) {
                double dense = (i == j ? 1 : 0);
                for (int l = 0; l < m; l++) {
                    dense -= eig.vectors[l][i] * eig.vectors[l][j];
                }
                // eigenvectors to ~1e-13 with gap >= 1e-3: projector entries agree to ~1e-10
                assertEquals(dense, out[i], 1e-10, "LS entry " + i + "," + j);
                assertEquals(dense, out2[i], 1e-10, "eigen entry " + i + "," + j);
            }
        }
    }

    @Test
    void closedFormOnToyKeepsOnlyX() {
        TangentProjector pt = TangentProjector.of(SeparableToy.toy3d()).at(new double[] {0.5, 0, 0});
        assertEquals("closed-form", pt.method());
        double[] out = new double[3];
        pt.project(new double[] {1, 2, 3}, out);
        assertEquals(1.0, out[0]);
        assertEquals(0.0, out[1]);
        assertEquals(0.0, out[2]);
    }

    @Test
    void degenerateManifoldsAreRefusedWithTheModelsMessage() {
        Factorization[] f = new Factorization[1];
        double[] p = onGamma(4, f);
        Model degenerate = new DelegatingModel(f[0]) {
            @Override
            public Optional<String> degenerateManifold() {
                return Optional.of("layers wider than rank M: Gamma is degenerate");
            }
        };
        DegenerateManifoldException e = assertThrows(DegenerateManifoldException.class,
                () -> TangentProjector.of(degenerate));
        assertEquals("layers wider than rank M: Gamma is degenerate", e.getMessage());
        assertThrows(DegenerateManifoldException.class, () -> LimitingFlow.of(degenerate, "ngd"));
        // Phi stays defined
        new Phi(degenerate).apply(p, new double[p.length]);
    }

    @Test
    void withoutStructureOrRankThereIsNoProjector() {
        Factorization[] f = new Factorization[1];
        onGamma(5, f);
        Model opaque = new DelegatingModel(f[0]) {
            @Override
            public int normalRank() {
                return -1;
            }

            @Override
            public Evaluator evaluator() {
                return opaqueEvaluator(f[0].evaluator());
            }
        };
        assertThrows(IllegalArgumentException.class, () -> TangentProjector.of(opaque));
    }

    /** Hides the least-squares view of an evaluator. */
    static Evaluator opaqueEvaluator(Evaluator e) {
        return new Evaluator() {
            @Override
            public Model model() {
                return e.model();
            }

            @Override
            public double loss(double[] x) {
                return e.loss(x);
            }

            @Override
            public double lossAndGradient(double[] x, double[] g) {
                return e.lossAndGradient(x, g);
            }

            @Override
            public void hvp(double[] x, double[] v, double[] hv) {
                e.hvp(x, v, hv);
            }

            @Override
            public double gradientAndHvp(double[] x, double[] v, double[] g, double[] hv) {
                return e.gradientAndHvp(x, v, g, hv);
            }

            @Override
            public void hvpBatch(double[] x, double[] v, int k, double[] hv) {
                e.hvpBatch(x, v, k, hv);
            }

            @Override
            public void curvatureGradient(double[] x, double[] v, double[] out) {
                e.curvatureGradient(x, v, out);
            }

            @Override
            public dev.eos.models.SymmetricOperator hessianAt(double[] x) {
                return e.hessianAt(x);
            }
        };
    }
}
