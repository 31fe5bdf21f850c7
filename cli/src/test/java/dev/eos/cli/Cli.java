package dev.eos.cli;

import dev.eos.cli.backend.Backend;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** Runs eos in-process with captured stdout and stderr (the way the tests drive every command). */
final class Cli {

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

    private Cli() {
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
}
