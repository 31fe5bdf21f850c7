package dev.eos.bench;

import dev.eos.kernels.KernelProvider;

/** The implementations a kernel benchmark compares in one run (a JMH {@code @Param}). */
public enum Impl {
    /** Our plain-Java twin ({@link KernelProvider#scalar()}). */
    scalar,
    /** Our Vector API kernels ({@link KernelProvider#get()}, checked to be the vector provider). */
    vector,
    /** netlib BLAS: JNI to the system BLAS (OpenBLAS) when present, else its own Java code. */
    blas,
    /** A plain textbook loop, as C2 compiles it (baseline for level-1 kernels only). */
    plain
}
