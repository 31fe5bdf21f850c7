package dev.eos.bench;

import dev.eos.kernels.KernelProvider;
import dev.eos.kernels.Kernels;
import dev.ludovic.netlib.blas.BLAS;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Shared pieces of the JMH suite: fork flags, the implementations compared, the vector-provider guard, the reference
 * BLAS (netlib, JNI to the system OpenBLAS when installed) and the correctness check each {@code @Setup} runs once.
 */
final class Bench {

    // Forks do not inherit --add-modules: every @Fork prepends these (annotation values must be constants).
    static final String ADD_MODULES = "--add-modules=jdk.incubator.vector";
    static final String UNSAFE = "--sun-misc-unsafe-memory-access=allow";
    static final String NATIVE = "--enable-native-access=ALL-UNNAMED";
    static final String HEAP = "-Xmx2g";

    private Bench() {
    }

    /** The vector kernels; throws when the provider fell back to scalar (the numbers would be meaningless). */
    static Kernels vector() {
        Kernels k = KernelProvider.get();
        if (!k.name().equals("vector")) {
            throw new IllegalStateException("the vector kernels were not chosen: " + KernelProvider.reason());
        }
        return k;
    }

    /** The kernels behind an implementation (scalar or vector); also asserts the vector provider is active. */
    static Kernels kernels(Impl impl) {
        Kernels v = vector();
        return impl == Impl.scalar ? KernelProvider.scalar() : v;
    }

    /** The reference BLAS instance (loaded once per JVM). */
    static BLAS blas() {
        return BlasHolder.BLAS;
    }

    /** One line naming the reference BLAS actually loaded, and saying so when it is only netlib's Java code. */
    static String blasDescription() {
        return BlasHolder.DESCRIPTION;
    }

    private static final class BlasHolder {
        static final BLAS BLAS = dev.ludovic.netlib.blas.BLAS.getInstance();
        static final String DESCRIPTION = describe(BLAS);

        private static String describe(BLAS b) {
            String cls = b.getClass().getSimpleName();
            if (cls.equals("JNIBLAS")) {
                String lib = System.getProperty("dev.ludovic.netlib.blas.nativeLibPath");
                if (lib == null) {
                    lib = "/usr/lib/x86_64-linux-gnu/" + System.getProperty("dev.ludovic.netlib.blas.nativeLib",
                            "libblas.so.3");
                }
                String real = lib;
                try {
                    real = Path.of(lib).toRealPath().toString();
                } catch (java.io.IOException | RuntimeException e) {
                    // keep the configured name
                }
                boolean openblas = real.contains("openblas");
                return "netlib JNIBLAS -> native " + (openblas ? "OpenBLAS" : "BLAS") + " (" + real
                        + "), OPENBLAS_NUM_THREADS=" + System.getenv("OPENBLAS_NUM_THREADS");
            }
            return "netlib " + cls + " (pure Java: NO native BLAS was loaded; install libopenblas0-pthread)";
        }
    }

    /** n seeded standard normal draws. */
    static double[] gaussian(Random r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    /**
     * Throws unless got and expected agree to 1e-8 (relative to 1 + |expected|). A wrong code path (a transposed
     * BLAS mapping, a skipped tail) is off by O(1); the rounding differences between two correct implementations of
     * sums of at most 4096 standard normal products are about sqrt(n) eps |terms| ~ 1e-12 here.
     */
    static void check(String what, double[] expected, double[] got, int n) {
        for (int i = 0; i < n; i++) {
            double tol = 1e-8 * (1 + Math.abs(expected[i]));
            if (!(Math.abs(expected[i] - got[i]) <= tol)) {
                throw new IllegalStateException(what + ": element " + i + " is " + got[i] + ", the scalar twin gives "
                        + expected[i]);
            }
        }
    }

    /** Scalar overload of {@link #check(String, double[], double[], int)}. */
    static void check(String what, double expected, double got, double scale) {
        if (!(Math.abs(expected - got) <= 1e-8 * (1 + Math.abs(scale)))) {
            throw new IllegalStateException(what + " is " + got + ", the scalar twin gives " + expected);
        }
    }

    /** True when the machine has the system BLAS shared object netlib looks for. */
    static boolean systemBlasPresent() {
        return Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libblas.so.3"));
    }
}
