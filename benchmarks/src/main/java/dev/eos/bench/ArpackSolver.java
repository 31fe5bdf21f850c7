package dev.eos.bench;

import dev.eos.models.SymmetricOperator;
import dev.ludovic.netlib.arpack.ARPACK;
import org.netlib.util.doubleW;
import org.netlib.util.intW;

/**
 * netlib ARPACK (dsaupd/dseupd, implicitly restarted Lanczos, reverse communication) on a {@link SymmetricOperator}:
 * the baseline of the spectral benchmarks. Buffers are allocated once per solver; ncv = max(2k + 1, 20), SciPy
 * eigsh's default.
 */
public final class ArpackSolver {

    private final ARPACK arpack = ARPACK.getInstance();
    private final int n;
    private final int nev;
    private final int ncv;
    private final double tol;
    private final double[] resid;
    private final double[] v;
    private final double[] workd;
    private final double[] workl;
    private final double[] x;
    private final double[] y;
    private final int[] iparam = new int[11];
    private final int[] ipntr = new int[11];
    private final boolean[] select;
    private final double[] d;
    private final double[] z;
    private int products;

    /** A solver for the nev algebraically largest eigenpairs of n x n operators at relative tolerance tol. */
    public ArpackSolver(int n, int nev, double tol) {
        this.n = n;
        this.nev = nev;
        this.ncv = Math.min(n, Math.max(2 * nev + 1, 20));
        this.tol = tol;
        resid = new double[n];
        v = new double[n * ncv];
        workd = new double[3 * n];
        workl = new double[ncv * (ncv + 8)];
        x = new double[n];
        y = new double[n];
        select = new boolean[ncv];
        d = new double[nev];
        z = new double[n * nev];
    }

    /** The implementation ARPACK.getInstance() chose (JNI to a system ARPACK, or the pure-Java F2j translation). */
    public String implementation() {
        return arpack.getClass().getSimpleName();
    }

    /** Operator products of the last solve (ARPACK's iparam(9)). */
    public int products() {
        return products;
    }

    /**
     * The nev largest eigenvalues, descending, started from start (null: ARPACK's own random vector).
     */
    public double[] solve(SymmetricOperator op, double[] start) {
        intW ido = new intW(0);
        doubleW tolW = new doubleW(tol);
        intW info = new intW(0);
        if (start != null) {
            System.arraycopy(start, 0, resid, 0, n);
            info.val = 1;
        }
        java.util.Arrays.fill(iparam, 0);
        iparam[0] = 1;
        iparam[2] = 100_000;
        iparam[6] = 1;
        while (true) {
            arpack.dsaupd(ido, "I", n, "LA", nev, tolW, resid, ncv, v, n, iparam, ipntr, workd, workl, workl.length,
                    info);
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
        products = iparam[8];
        intW info2 = new intW(0);
        arpack.dseupd(true, "A", select, d, z, n, 0.0, "I", n, "LA", new intW(nev), tolW.val, resid, ncv, v, n, iparam,
                ipntr, workd, workl, workl.length, info2);
        if (info2.val != 0) {
            throw new IllegalStateException("dseupd info = " + info2.val);
        }
        double[] values = new double[nev];
        for (int i = 0; i < nev; i++) {
            values[i] = d[nev - 1 - i];
        }
        return values;
    }
}
