package dev.eos.cli;

import dev.eos.Version;
import dev.eos.kernels.KernelProvider;
import picocli.CommandLine;

/** {@code eos --version}: eos version and commit, the JDK, and the kernel provider with its width and lanes. */
public final class VersionInfo implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "eos " + Version.version() + " (commit " + Version.commit() + ")",
            "JDK " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                    + System.getProperty("java.vendor") + ") on " + System.getProperty("os.arch"),
            "kernels " + KernelProvider.describe(),
        };
    }
}
