package dev.eos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.cli.common.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Every bad input gives exit 2, one line on stderr that names the problem (usage errors end with a pointer to
 * --help on the same line), and leaves no directory that looks like a run.
 */
class BadInputTest {

    @TempDir
    Path tmp;

    /** The files and directories each case may refer to, made before it runs. */
    private Set<Path> fixtures;

    @BeforeEach
    void fixtures() throws IOException {
        System.setProperty("eos.runs", tmp.resolve("runs").toString());
        Files.writeString(tmp.resolve("file.txt"), "not a directory\n");
        Files.createDirectories(tmp.resolve("nonempty"));
        Files.writeString(tmp.resolve("nonempty/notes.txt"), "mine\n");
        Files.createDirectories(tmp.resolve("rundir"));
        Files.writeString(tmp.resolve("rundir/run.json"), "{}\n");
        Files.createDirectories(tmp.resolve("emptydir"));
        toml("unknown-key.toml", "eta = 0.01\netaa = 1\n");
        toml("wrong-type.toml", "eta = \"fast\"\n");
        toml("wrong-type-int.toml", "steps = true\n");
        toml("wrong-type-list.toml", "model = \"deep-linear\"\nwidths = 3.5\n");
        toml("unknown-model.toml", "model = \"resnet\"\n");
        toml("not-toml.toml", "eta = = 1\n[[[\n");
        toml("table.toml", "[model]\nname = \"toy2d\"\n");
        toml("session-key.toml", "dry-run = true\n");
        try (Stream<Path> s = Files.walk(tmp)) {
            fixtures = Set.copyOf(s.toList());
        }
    }

    @AfterEach
    void clear() {
        System.clearProperty("eos.runs");
    }

    private void toml(String name, String text) throws IOException {
        Files.writeString(tmp.resolve(name), text);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                c("unknown model", t -> a("run", "--model", "resnet"), "unknown model 'resnet'"),
                c("unknown algorithm", t -> a("run", "--algo", "adam"), "unknown algorithm 'adam'"),
                c("eta zero", t -> a("run", "--eta", "0"), "--eta must be a positive finite number, got 0.0"),
                c("eta negative", t -> a("run", "--eta", "-0.1"), "--eta must be a positive finite number"),
                c("eta NaN", t -> a("run", "--eta", "NaN"), "--eta must be a positive finite number, got NaN"),
                c("eta infinite", t -> a("run", "--eta", "Infinity"), "--eta must be a positive finite number"),
                c("eta not a number", t -> a("run", "--eta", "fast"), "'--eta': 'fast' is not a number"),
                c("steps zero", t -> a("run", "--steps", "0"), "--steps must be a positive integer, got 0"),
                c("steps negative", t -> a("run", "--steps", "-5"), "--steps must be a positive integer"),
                c("steps not a count", t -> a("run", "--steps", "2.5"), "'2.5' is not a whole number"),
                c("steps and horizon", t -> a("run", "--steps", "100", "--horizon", "2"),
                        "give --steps or --horizon, not both"),
                c("unknown option", t -> a("run", "--etta", "0.1"), "Unknown option"),
                c("option for another model", t -> a("run", "--model", "toy2d", "--depth", "3"),
                        "--depth does not apply to --model toy2d"),
                c("measurements for deep-linear", t -> a("run", "--measurements", "100"),
                        "--measurements does not apply to --model deep-linear"),
                c("widths with depth", t -> a("run", "--widths", "3,4,3", "--depth", "2"),
                        "--widths gives every width"),
                c("one width only", t -> a("run", "--widths", "3"), "--widths needs at least two widths"),
                c("width zero", t -> a("run", "--width", "0"), "--width must be a positive integer"),
                c("target rank above dim", t -> a("run", "--model", "factorization", "--dim", "3",
                        "--target-rank", "5"), "--target-rank 5 exceeds --dim 3"),
                c("noise-every without radius", t -> a("run", "--noise-every", "10"),
                        "--noise-every needs --noise-radius"),
                c("flow for gd", t -> a("run", "--algo", "gd", "--steps", "10", "--flow"),
                        "--algo gd has no limiting flow"),
                c("horizon for gd", t -> a("run", "--algo", "gd", "--horizon", "1"),
                        "--horizon counts limiting-flow time"),
                c("threads zero", t -> a("run", "--threads", "0"), "--threads must be a positive integer"),
                c("metrics-every zero", t -> a("run", "--metrics-every", "0"), "--metrics-every must be a positive"),
                c("missing init file", t -> a("run", "--init", t.resolve("nope.npy").toString()),
                        "nope.npy: no such file"),
                c("init is a directory", t -> a("run", "--init", t.resolve("emptydir").toString()),
                        "emptydir: not a regular file"),
                c("missing target file", t -> a("run", "--target", t.resolve("M.npy").toString()),
                        "M.npy: no such file"),
                c("init with init-scale", t -> a("run", "--init", t.resolve("file.txt").toString(), "--init-scale",
                        "0.1"), "do not combine it with --init-scale"),
                c("sensing-y without sensing-a", t -> a("run", "--model", "matrix-sensing", "--sensing-y",
                        t.resolve("file.txt").toString()), "--sensing-y needs --sensing-a"),
                c("data-x without data-y", t -> a("run", "--data-x", t.resolve("file.txt").toString()),
                        "--data-x and --data-y go together"),
                c("spectrum not descending", t -> a("run", "--spectrum", "0.3,2"), "--spectrum must be positive "
                        + "finite values in descending order"),
                c("target for sensing", t -> a("run", "--model", "matrix-sensing", "--target",
                        t.resolve("file.txt").toString()), "--target does not apply to --model matrix-sensing (it "
                        + "takes --dim, --measurements, --rank, --sensing-a, --sensing-y, --target-rank)"),
                c("unknown config key", t -> a("run", "--config", t.resolve("unknown-key.toml").toString()),
                        "unknown key 'etaa' (eos run has no --etaa); did you mean 'eta'?"),
                c("config wrong type (number)", t -> a("run", "--config", t.resolve("wrong-type.toml").toString()),
                        "key 'eta' must be a number, got string \"fast\""),
                c("config wrong type (integer)", t -> a("run", "--config",
                        t.resolve("wrong-type-int.toml").toString()), "key 'steps' must be an integer, got boolean"),
                c("config wrong type (list)", t -> a("run", "--config",
                        t.resolve("wrong-type-list.toml").toString()), "key 'widths' must be a list of an integer"),
                c("config unknown model", t -> a("run", "--config", t.resolve("unknown-model.toml").toString()),
                        "key 'model': unknown model 'resnet'"),
                c("config not TOML", t -> a("run", "--config", t.resolve("not-toml.toml").toString()),
                        "not valid TOML"),
                c("config is a table", t -> a("run", "--config", t.resolve("table.toml").toString()),
                        "[model] is a table; eos configs are flat"),
                c("config session-only key", t -> a("run", "--config", t.resolve("session-key.toml").toString()),
                        "unknown key 'dry-run'"),
                c("config missing", t -> a("run", "--config", t.resolve("none.toml").toString()),
                        "none.toml: no such file"),
                c("out is a file", t -> a("run", "--out", t.resolve("file.txt").toString()), "is a file, not a "
                        + "directory"),
                c("out not empty", t -> a("run", "--out", t.resolve("nonempty").toString()),
                        "nonempty is not empty (choose a new directory, or pass --force"),
                c("out holds a run", t -> a("run", "--out", t.resolve("rundir").toString()),
                        "rundir already holds a run: continue it with: eos resume "),
                c("out cannot be created", t -> a("run", "--out", t.resolve("file.txt/sub/run").toString()),
                        "file.txt is a file, not a directory"),
                c("resume a missing directory", t -> a("resume", t.resolve("nothing").toString()),
                        "nothing: no such directory"),
                c("resume a directory that is not a run", t -> a("resume", t.resolve("nonempty").toString()),
                        "is not a run directory (no run.json)"),
                c("resume with steps zero", t -> a("resume", t.resolve("rundir").toString(), "--steps", "0"),
                        "--steps must be a positive integer"),
                c("report a directory that is not a run", t -> a("report", t.resolve("nonempty").toString()),
                        "is not a run directory (no metrics.csv)"),
                c("sharpness k zero", t -> a("sharpness", "--k", "0"), "--k must be a positive integer"),
                c("sharpness k above D", t -> a("sharpness", "--model", "toy2d", "--k", "5"),
                        "--k 5 exceeds the number of parameters D = 2"),
                c("sharpness algo without eta", t -> a("sharpness", "--algo", "ngd"), "give --eta too"),
                c("sharpness eigenvectors into a missing dir", t -> a("sharpness", "--eigenvectors",
                        t.resolve("no/v.npy").toString()), "does not exist"),
                c("flow for gd", t -> a("flow", "--algo", "gd"), "--algo gd has no limiting flow"),
                c("flow tau negative", t -> a("flow", "--tau", "-1"), "--tau must be a positive finite number"),
                c("flow into a run", t -> a("flow", "--out", t.resolve("rundir").toString()), "already holds a run"),
                c("completion for fish", t -> a("completion", "fish"), "unknown shell 'fish'"),
                c("unknown command", t -> a("rnu"), "Unmatched argument"));
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
        FakeBackend backend = new FakeBackend();
        Cli.Result r = Cli.run(backend, args.apply(tmp));
        assertEquals(ExitCodes.BAD_INPUT, r.code(), label + ": " + r);
        List<String> lines = r.errLines();
        assertTrue(!lines.isEmpty() && lines.get(0).contains(expected),
                label + ": the first line should name the problem (" + expected + "): " + r);
        assertEquals(1, lines.size(), label + ": one line: " + r);
        assertEquals("", r.out(), label + ": nothing on stdout");
        assertEquals(0, backend.runs, label + ": no run started");
        try (Stream<Path> s = Files.walk(tmp)) {
            List<Path> added = s.filter(p -> !fixtures.contains(p)).toList();
            assertEquals(List.of(), added, label + ": nothing new is left behind");
        }
    }
}
