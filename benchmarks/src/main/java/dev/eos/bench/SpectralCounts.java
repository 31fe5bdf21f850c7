package dev.eos.bench;

import dev.eos.models.DeepLinear;
import dev.eos.models.Evaluator;
import dev.eos.models.MatrixSensing;
import dev.eos.models.Model;
import dev.eos.models.SymmetricOperator;
import dev.eos.spectral.EigenResult;
import dev.eos.spectral.Lanczos;
import dev.eos.spectral.Sharpness;

/**
 * The HVP counts of the spectral benchmarks (deterministic, so no JMH): eos Lanczos and netlib ARPACK to residual
 * 1e-10 |lambda|, cold and warm (one NGD step, eta = 0.01), and lambda_1 during a run at the edge of stability
 * (normalized GD started in the 2-cycle next to a minimizer: {@code Sharpness} as a run uses it, against a warm start
 * from the previous step and a cold start; means over steps 10-29, at residual 1e-10 and at the run meter's 1e-6).
 * Prints a Markdown table. Run: {@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar
 * dev.eos.bench.SpectralCounts}.
 */
public final class SpectralCounts {

    private SpectralCounts() {
    }

    public static void main(String[] args) {
        System.out.println("| problem | D | k | eos cold | ARPACK cold | eos warm | ARPACK warm |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String name : new String[] {"deep-linear-32", "sensing", "deep-linear-8"}) {
            Model model = SpectralProblems.model(name);
            int d = model.dim();
            double[] x0 = SpectralProblems.x0(model);
            double[] x1 = SpectralProblems.x1(model, x0);
            for (int k : new int[] {1, 5}) {
                Lanczos l = new Lanczos(d);
                EigenResult at0 = l.solve(model.evaluator().hessianAt(x0), k, null);
                SymmetricOperator op = model.evaluator().hessianAt(x1);
                EigenResult cold = l.solve(op, k, null);
                EigenResult warm = l.solve(op, k, at0.vectors(), k);
                ArpackSolver a = new ArpackSolver(d, k, 1e-10);
                a.solve(op, ModelBenchmarks.gaussian(d, 1, 0));
                int arpackCold = a.products();
                a.solve(op, SpectralProblems.sum(at0.vectors(), k, d));
                System.out.printf("| %s | %d | %d | %d | %d | %d | %d |%n", name, d, k, cold.hvps(), arpackCold,
                        warm.hvps(), a.products());
            }
        }
        System.out.println();
        System.out.println("| run (NGD 2-cycle, eta = 0.01) | D | tol | cold | warm (previous step) | recycled (Sharpness) |");
        System.out.println("|---|---|---|---|---|---|");
        for (String name : new String[] {"deep-linear-32", "sensing"}) {
            for (double tol : new double[] {1e-10, 1e-6}) {
                run(name, tol);
            }
        }
    }

    /**
     * lambda_1 along 30 NGD steps from a minimizer + 0.3 eta v_1 (THEORY 4.3, "Measuring rates cleanly") at residual
     * tol: cold solves, solves warm-started from the previous step's vector, and {@link Sharpness} as a run uses it
     * (its own memory of past results; the run's meter has tol = 1e-6, {@code LanczosSharpness.TOL}).
     */
    private static void run(String name, double tol) {
        Model model = SpectralProblems.model(name);
        int d = model.dim();
        double eta = SpectralProblems.ETA;
        double[] x = model instanceof DeepLinear dl ? dl.balancedMinimizer()
                : ((MatrixSensing) model).groundTruth().orElseThrow();
        Evaluator ev = model.evaluator();
        Lanczos.Options options = Lanczos.Options.defaults().withTol(tol);
        Lanczos l = new Lanczos(d, options);
        EigenResult e0 = new Lanczos(d).solve(ev.hessianAt(x), 1, null);
        for (int i = 0; i < d; i++) {
            x[i] += 0.3 * eta * e0.vectors()[i];
        }
        Sharpness sharpness = new Sharpness(model, options);
        double[] previous = null;
        long cold = 0;
        long prev = 0;
        long rec = 0;
        int steps = 0;
        for (int t = 0; t < 30; t++) {
            SymmetricOperator op = ev.hessianAt(x);
            EigenResult c = l.solve(op, 1, null);
            long before = sharpness.hvps();
            double lambda = sharpness.lambda1(x);
            if (t >= 10) {
                cold += c.hvps();
                prev += l.solve(op, 1, previous).hvps();
                rec += sharpness.hvps() - before;
                if (Math.abs(lambda - c.values()[0]) > Math.max(1e-9, tol) * c.values()[0]) {
                    throw new IllegalStateException("recycled and cold lambda_1 disagree: " + lambda + " vs "
                            + c.values()[0]);
                }
                steps++;
            }
            previous = c.vectors();
            x = SpectralProblems.x1(model, x); // the NGD step of length eta
        }
        System.out.printf("| %s | %d | %.0e | %.1f | %.1f | %.1f |%n", name, d, tol, cold / (double) steps,
                prev / (double) steps, rec / (double) steps);
    }
}
