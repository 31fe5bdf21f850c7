package dev.eos.spectral;

import dev.ludovic.netlib.arpack.ARPACK;
import dev.eos.models.SymmetricOperator;
import org.netlib.util.doubleW;
import org.netlib.util.intW;

/**
 * Reference eigenpairs by netlib ARPACK (dsaupd/dseupd, reverse communication, implicitly restarted Lanczos) on the
 * same operator: the oracle the Lanczos tests compare against.
 */
final class ArpackOracle {

    /** Eigenvalues (descending, or by magnitude), products spent, and ARPACK's info code. */
    record Result(double[] values, double[] vectors, int products, int info) {
    }

    private ArpackOracle() {
    }

    /**
     * The nev wanted eigenpairs of op by ARPACK with tolerance tol (its criterion: Ritz estimate
     * &lt;= tol * |theta|), a basis of ncv vectors, started from start (or ARPACK's own random vector when null).
     */
    static Result solve(SymmetricOperator op, int nev, Which which, double tol, int ncv, double[] start) {
        ARPACK arpack = ARPACK.getInstance();
        int n = op.dim();
        String w = which == Which.LARGEST_MAGNITUDE ? "LM" : "LA";
        intW ido = new intW(0);
        doubleW tolW = new doubleW(tol);
        double[] resid = new double[n];
        intW info = new intW(0);
        if (start != null) {
            System.arraycopy(start, 0, resid, 0, n);
            info.val = 1;
        }
        double[] v = new double[n * ncv];
        int[] iparam = new int[11];
        iparam[0] = 1; // exact shifts
        iparam[2] = 10_000; // max restarts
        iparam[6] = 1; // mode 1: standard problem
        int[] ipntr = new int[11];
        double[] workd = new double[3 * n];
        int lworkl = ncv * (ncv + 8);
        double[] workl = new double[lworkl];
        double[] x = new double[n];
        double[] y = new double[n];
        while (true) {
            arpack.dsaupd(ido, "I", n, w, nev, tolW, resid, ncv, v, n, iparam, ipntr, workd, workl, lworkl, info);
            if (ido.val != -1 && ido.val != 1) {
                break;
            }
            System.arraycopy(workd, ipntr[0] - 1, x, 0, n);
            op.apply(x, y);
            System.arraycopy(y, 0, workd, ipntr[1] - 1, n);
        }
        if (info.val < 0) {
            throw new IllegalStateException("dsaupd info = " + info.val);
        }
        int products = iparam[8];
        boolean[] select = new boolean[ncv];
        double[] d = new double[nev];
        double[] z = new double[n * nev];
        intW info2 = new intW(0);
        arpack.dseupd(true, "A", select, d, z, n, 0.0, "I", n, w, new intW(nev), tolW.val, resid, ncv, v, n, iparam, ipntr,
                workd, workl, lworkl, info2);
        if (info2.val != 0) {
            throw new IllegalStateException("dseupd info = " + info2.val);
        }
        // dseupd returns ascending algebraic order (LA) or ascending magnitude (LM): reverse to wanted-first
        double[] values = new double[nev];
        double[] vectors = new double[n * nev];
        for (int i = 0; i < nev; i++) {
            values[i] = d[nev - 1 - i];
            System.arraycopy(z, (nev - 1 - i) * n, vectors, i * n, n);
        }
        return new Result(values, vectors, products, info.val);
    }
}
