package dev.eos.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the integration tests (failsafe, after the shaded jar is built) find the ./eos launcher: the test class is
 * skipped, with the reason, when the launcher or a fresh cli/target/eos.jar cannot be found (./eos would then
 * rebuild it inside the test).
 */
public final class Launcher {

    private Launcher() {
    }

    /** The repository root holding ./eos and a jar newer than every main source file (else an assumption fails). */
    public static Path root() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        Path root = Files.isRegularFile(dir.resolve("eos")) ? dir : dir.getParent();
        assumeTrue(root != null && Files.isExecutable(root.resolve("eos")), "no ./eos launcher next to " + dir);
        Path jar = root.resolve("cli/target/eos.jar");
        assumeTrue(Files.isRegularFile(jar), "no cli/target/eos.jar: run ./eos build first");
        long built = Files.getLastModifiedTime(jar).toMillis();
        for (String src : new String[] {"cli/src/main", "engine/src/main"}) {
            try (var files = Files.walk(root.resolve(src))) {
                assumeTrue(files.filter(Files::isRegularFile).allMatch(f -> modified(f) <= built),
                        "cli/target/eos.jar is older than " + src + " (./eos would rebuild it): run ./eos build");
            }
        }
        return root;
    }

    private static long modified(Path f) {
        try {
            return Files.getLastModifiedTime(f).toMillis();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }
}
