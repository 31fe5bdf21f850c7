package dev.eos.kernels;

import java.util.Locale;

/**
 * Chooses the {@link Kernels} implementation once, at startup, and says why: the Vector API one when the
 * {@code jdk.incubator.vector} module is present and the JIT can compile it, else the scalar twin.
 *
 * <p>System properties:
 * <ul>
 *   <li>{@value #KERNELS_PROPERTY} = {@code auto} (default), {@code vector} or {@code scalar};</li>
 *   <li>{@value #BITS_PROPERTY} = {@code 128}, {@code 256} or {@code 512}: force the species width, so tests
 *       exercise every code shape on a machine whose preferred width is 512.</li>
 * </ul>
 * The scalar path never loads a class that touches {@code DoubleVector}.
 */
public final class KernelProvider {

    public static final String KERNELS_PROPERTY = "eos.kernels";
    public static final String BITS_PROPERTY = "eos.vector.bits";

    private static final Kernels KERNELS;
    private static final String REASON;

    static {
        String mode = System.getProperty(KERNELS_PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        Kernels chosen;
        String reason;
        boolean moduleHere = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        boolean interpreted = System.getProperty("java.vm.info", "").contains("interpreted");
        switch (mode) {
            case "scalar" -> {
                chosen = ScalarKernels.INSTANCE;
                reason = "forced by -D" + KERNELS_PROPERTY + "=scalar";
            }
            case "vector", "auto" -> {
                if (!moduleHere) {
                    chosen = ScalarKernels.INSTANCE;
                    reason = "module jdk.incubator.vector is not present (run with --add-modules jdk.incubator.vector)";
                } else if (interpreted && mode.equals("auto")) {
                    chosen = ScalarKernels.INSTANCE;
                    reason = "the JVM runs interpreted only (-Xint): the Vector API would be very slow";
                } else {
                    chosen = loadVector();
                    int bits = forcedBits();
                    reason = bits == 0 ? "jdk.incubator.vector present; preferred species"
                            : "jdk.incubator.vector present; width forced by -D" + BITS_PROPERTY + "=" + bits;
                    if (mode.equals("vector")) {
                        reason += " (forced by -D" + KERNELS_PROPERTY + "=vector)";
                    }
                }
            }
            default -> throw new IllegalArgumentException(
                    "-D" + KERNELS_PROPERTY + " must be auto, vector or scalar, not '" + mode + "'");
        }
        KERNELS = chosen;
        REASON = reason;
    }

    private KernelProvider() {
    }

    /** The kernels chosen for this JVM. */
    public static Kernels get() {
        return KERNELS;
    }

    /** One line saying why {@link #get()} is what it is. */
    public static String reason() {
        return REASON;
    }

    /** The scalar twin, always available (tests and baselines). */
    public static Kernels scalar() {
        return ScalarKernels.INSTANCE;
    }

    /** One line for --version and run metadata: provider, width, lanes, FMA policy. */
    public static String describe() {
        Kernels k = KERNELS;
        return k.name() + " (" + k.vectorBits() + "-bit, " + k.lanes() + " lanes of float64, FMA "
                + k.fmaPolicy() + "): " + REASON;
    }

    /** The width forced by {@value #BITS_PROPERTY}, or 0 when none is. */
    static int forcedBits() {
        String s = System.getProperty(BITS_PROPERTY);
        if (s == null || s.isBlank()) {
            return 0;
        }
        return switch (s.trim()) {
            case "128" -> 128;
            case "256" -> 256;
            case "512" -> 512;
            default -> throw new IllegalArgumentException(
                    "-D" + BITS_PROPERTY + " must be 128, 256 or 512, not '" + s + "'");
        };
    }

    private static Kernels loadVector() {
        try {
            return (Kernels) Class.forName("dev.eos.kernels.VectorKernels").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot load the Vector API kernels: " + e, e);
        }
    }
}
