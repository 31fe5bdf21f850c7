package dev.eos.bench;

import dev.eos.kernels.KernelProvider;

/** Prints which kernels and which reference BLAS a benchmark run uses (benchmarks/run.sh records it). */
public final class BlasInfo {

    private BlasInfo() {
    }

    public static void main(String[] args) {
        System.out.println("kernels: " + KernelProvider.describe());
        System.out.println("reference BLAS: " + Bench.blasDescription());
        System.out.println("java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    }
}
