package dev.eos.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eos.cli.Cli;
import dev.eos.cli.Cli.Result;
import dev.eos.cli.backend.Backend;
import dev.eos.cli.backend.EngineBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The sweep tests' helpers around {@link Cli}: eos sweep run with a chosen environment, a tiny plan, file lines. */
final class SweepCli {

    private SweepCli() {
    }

    /** Runs with these environment variables visible to eos sweep run (and no others). */
    static Result withEnv(Map<String, String> env, String... args) {
        return withEnv(env, new EngineBackend(), args);
    }

    private static Result withEnv(Map<String, String> env, Backend backend, String... args) {
        var previous = SweepRunCommand.env;
        SweepRunCommand.env = env::get;
        try {
            return Cli.run(backend, args);
        } finally {
            SweepRunCommand.env = previous;
        }
    }

    /** eos sweep run with an empty environment (the test JVM may itself run inside a Slurm job). */
    static Result sweepRun(String... args) {
        return sweepRun(new EngineBackend(), args);
    }

    /** eos sweep run on this backend, with an empty environment. */
    static Result sweepRun(Backend backend, String... args) {
        List<String> a = new ArrayList<>(List.of("sweep", "run"));
        a.addAll(List.of(args));
        return withEnv(Map.of(), backend, a.toArray(String[]::new));
    }

    /** The lines of a text file. */
    static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file);
    }

    /** Plans {@link #toyPlan} into {@code out}, asserting that the plan succeeded; returns out. */
    static Path plannedToy(Path out, String... more) {
        Result r = Cli.run(toyPlan(out, more));
        assertEquals(0, r.code(), r.toString());
        return out;
    }

    /** A tiny toy2d plan: fast runs whose metrics still cover both phases. */
    static String[] toyPlan(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("sweep", "plan", "--model", "toy2d", "--steps", "3000",
                "--metrics-every", "100", "--log-points", "10", "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }
}
