package dev.eos.cli.sweep;

import dev.eos.cli.Eos;
import dev.eos.cli.backend.Backend;
import dev.eos.cli.backend.EngineBackend;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs eos in-process with captured stdout and stderr, on the real engine unless told otherwise. */
final class SweepCli {

    /**
     * One invocation's result.
     *
     * @param code the exit code
     * @param out  stdout
     * @param err  stderr
     */
    record Result(int code, String out, String err) {

        /** The stderr lines, without blank ones. */
        List<String> errLines() {
            return Arrays.stream(err.split("\\R")).filter(l -> !l.isBlank()).toList();
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private SweepCli() {
    }

    static Result run(String... args) {
        return run(new EngineBackend(), args);
    }

    static Result run(Backend backend, String... args) {
        CommandLine cl = Eos.newCommandLine(backend);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs with these environment variables visible to eos sweep run (and no others). */
    static Result withEnv(Map<String, String> env, String... args) {
        var previous = SweepRunCommand.env;
        SweepRunCommand.env = env::get;
        try {
            return run(args);
        } finally {
            SweepRunCommand.env = previous;
        }
    }

    /** eos sweep run with an empty environment (the test JVM may itself run inside a Slurm job). */
    static Result sweepRun(String... args) {
        List<String> a = new ArrayList<>(List.of("sweep", "run"));
        a.addAll(List.of(args));
        return withEnv(Map.of(), a.toArray(String[]::new));
    }

    /** The lines of a text file. */
    static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file);
    }

    /** A tiny toy2d plan: fast runs whose metrics still cover both phases. */
    static String[] toyPlan(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("sweep", "plan", "--model", "toy2d", "--steps", "3000",
                "--metrics-every", "100", "--log-points", "10", "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }
}
