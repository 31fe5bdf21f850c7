package dev.eos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.cli.backend.EngineBackend;
import dev.eos.cli.common.ExitCodes;
import dev.eos.io.Npy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input files and shapes, found by the real model factory and .npy reader: exit 2, one line naming the file
 * or option and the shapes, and no directory left behind. Fixtures are written with the engine's Npy writer.
 */
class FileInputTest {

    @TempDir
    Path tmp;

    private Set<Path> fixtures;

    @BeforeEach
    void fixtures() throws IOException {
        // default run directories (no --out) would go here: the walk below sees any that is left behind
        System.setProperty("eos.runs", tmp.resolve("runs").toString());
        // the built-in model: deep-linear, 3 layers of width 3, D = 27
        double[] start = new double[27];
        Arrays.fill(start, 0.1);
        Npy.write(tmp.resolve("start27.npy"), start, 27);
        Npy.write(tmp.resolve("start5.npy"), new double[5], 5);
        double[] nan = start.clone();
        nan[7] = Double.NaN;
        Npy.write(tmp.resolve("nan.npy"), nan, 27);
        byte[] good = Files.readAllBytes(tmp.resolve("start27.npy"));
        Files.write(tmp.resolve("truncated.npy"), Arrays.copyOf(good, good.length - 9));
        Files.writeString(tmp.resolve("text.npy"), "0.1 0.2 0.3\n", StandardCharsets.US_ASCII);
        Files.write(tmp.resolve("int64.npy"), int64Npy());
        Npy.write(tmp.resolve("M2x2.npy"), new double[] {1, 0, 0, 1}, 2, 2);
        Npy.write(tmp.resolve("M3x3inf.npy"), new double[] {1, 0, 0, 0, Double.POSITIVE_INFINITY, 0, 0, 0, 1}, 3, 3);
        Npy.write(tmp.resolve("A2d.npy"), new double[] {1, 0, 0, 1}, 2, 2);
        Npy.write(tmp.resolve("rect.npy"), new double[6], 2, 3);
        try (Stream<Path> s = Files.walk(tmp)) {
            fixtures = Set.copyOf(s.toList());
        }
    }

    @AfterEach
    void clear() {
        System.clearProperty("eos.runs");
    }

    /** A valid .npy of dtype int64 (NumPy's default integer), which eos does not read. */
    private static byte[] int64Npy() {
        String dict = "{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }";
        String header = dict + " ".repeat(64 - (10 + dict.length() + 1) % 64) + "\n";
        byte[] out = new byte[10 + header.length() + 24];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0};
        System.arraycopy(magic, 0, out, 0, 10);
        System.arraycopy(header.getBytes(StandardCharsets.US_ASCII), 0, out, 10, header.length());
        return out;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                c("init truncated", t -> a("run", "--init", f(t, "truncated.npy")), "truncated"),
                c("init not .npy", t -> a("run", "--init", f(t, "text.npy")), "not a .npy file"),
                c("init with NaN", t -> a("run", "--init", f(t, "nan.npy")), "contains NaN at index (7)"),
                c("init of the wrong length", t -> a("run", "--init", f(t, "start5.npy")),
                        "start point has shape (5,), expected (27,) for deep-linear"),
                c("init of an unsupported dtype", t -> a("run", "--init", f(t, "int64.npy")), "int64.npy"),
                c("target of the wrong shape", t -> a("run", "--depth", "3", "--width", "3", "--target",
                        f(t, "M2x2.npy")), "(2, 2)"),
                c("target with Inf", t -> a("run", "--depth", "3", "--width", "3", "--target",
                        f(t, "M3x3inf.npy")), "contains Infinity at index (1, 1)"),
                c("quadratic matrix not square", t -> a("run", "--model", "quadratic", "--target", f(t, "rect.npy")),
                        "quadratic matrix A (--target) must be square (D, D), got shape (2, 3)"),
                c("sensing matrices not 3-D", t -> a("run", "--model", "matrix-sensing", "--sensing-a",
                        f(t, "A2d.npy")), "--sensing-a must have shape (m, d, d), got (2, 2)"),
                c("depth disagrees with widths", t -> a("run", "--depth", "3", "--widths", "3,3"),
                        "--widths gives every width"),
                c("spectrum longer than the target rank", t -> a("run", "--depth", "2", "--width", "2",
                        "--spectrum", "3,2,1"), "--target-rank must lie in [1, 2]"),
                c("sharpness at a NaN point", t -> a("sharpness", "--init", f(t, "nan.npy")), "contains NaN"),
                c("flow on a degenerate manifold", t -> a("flow", "--model", "factorization", "--rank", "3",
                        "--target-rank", "2", "--out", t.resolve("flow").toString()),
                        "the limiting flow is not defined for this model"),
                c("init of the right length for another model", t -> a("run", "--model", "toy2d", "--init",
                        f(t, "start27.npy")), "expected (2,) for toy2d"));
    }

    private static String f(Path t, String name) {
        return t.resolve(name).toString();
    }

    private static Arguments c(String label, Function<Path, String[]> args, String expected) {
        return Arguments.of(label, args, expected);
    }

    private static String[] a(String... args) {
        return args;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exitsTwoWithOneLineAndLeavesNoRun(String label, Function<Path, String[]> args, String expected)
            throws IOException {
        Cli.Result r = Cli.run(new EngineBackend(), args.apply(tmp));
        assertEquals(ExitCodes.BAD_INPUT, r.code(), label + ": " + r);
        List<String> lines = r.errLines();
        assertEquals(1, lines.size(), label + ": one line: " + r);
        assertTrue(lines.get(0).contains(expected), label + ": names the problem (" + expected + "): " + r);
        try (Stream<Path> s = Files.walk(tmp)) {
            assertEquals(List.of(), s.filter(p -> !fixtures.contains(p)).toList(), label + ": nothing left behind");
        }
    }
}
