package dev.eos.ode;

/**
 * The Dormand-Prince 5(4) tableau (Hairer, Norsett, Wanner, Solving ODEs I, Table 5.2): stages A, 5th-order weights
 * B (b_2 = b_7 = 0) and the embedded error weights E = b - b* (5th minus 4th order; stage 7 is the FSAL stage).
 * Compile-time constants, shared by {@link GradientFlowIntegrator} and the limiting flow's stepper.
 */
public final class DormandPrince {

    public static final double A21 = 1.0 / 5;
    public static final double A31 = 3.0 / 40, A32 = 9.0 / 40;
    public static final double A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
    public static final double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561,
            A54 = -212.0 / 729;
    public static final double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247, A64 = 49.0 / 176,
            A65 = -5103.0 / 18656;
    public static final double B1 = 35.0 / 384, B3 = 500.0 / 1113, B4 = 125.0 / 192, B5 = -2187.0 / 6784,
            B6 = 11.0 / 84;
    public static final double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920, E5 = -17253.0 / 339200,
            E6 = 22.0 / 525, E7 = -1.0 / 40;

    private DormandPrince() {
    }
}
