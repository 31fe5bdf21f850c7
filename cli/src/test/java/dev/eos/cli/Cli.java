package dev.eos.cli;

import dev.eos.cli.backend.Backend;
import dev.eos.cli.backend.EngineBackend;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** Runs eos in-process with captured stdout and stderr (the way the tests drive every command). */
public final class Cli {

    /**
     * One invocation's result.
     *
     * @param code the exit code
     * @param out  stdout
     * @param err  stderr
     */
    public record Result(int code, String out, String err) {

        /** The stderr lines, without blank ones. */
        public List<String> errLines() {
            return Arrays.stream(err.split("\\R")).filter(l -> !l.isBlank()).toList();
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    /** The real engine, with a fresh run stopped by {@code signal} partway through (see {@link StoppingBackend}). */
    public static Backend stoppingBackend(String signal) {
        return new StoppingBackend(signal, 1);
    }

    /** The real engine, with {@code parties} runs going at once all stopped by {@code signal} partway through. */
    public static Backend stoppingBackend(String signal, int parties) {
        return new StoppingBackend(signal, parties);
    }

    /** One invocation of eos on the real engine. */
    public static Result run(String... args) {
        return run(new EngineBackend(), args);
    }

    /** One invocation of eos on the given backend. */
    public static Result run(Backend backend, String... args) {
        CommandLine cl = Eos.newCommandLine(backend);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
