package dev.eos.cli;

import dev.eos.cli.backend.Backend;
import dev.eos.cli.backend.EngineBackend;
import dev.eos.cli.output.StopSignals;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * Starts a thread that raises {@code signal} in this JVM once {@code csv} holds at least {@code bytes} bytes (or
     * after a minute): a stop request that lands while an in-process run is writing its metrics, so partway through
     * (the run's handlers are installed once its directory exists). Join it after the run.
     */
    public static Thread signalWhenWritten(Path csv, long bytes, String signal) {
        Thread stopper = new Thread(() -> {
            try {
                long t0 = System.nanoTime();
                while ((!Files.exists(csv) || Files.size(csv) < bytes) && System.nanoTime() - t0 < 60e9) {
                    Thread.sleep(2);
                }
                StopSignals.raise(signal);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        stopper.start();
        return stopper;
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
