package dev.eos.cli;

import dev.eos.cli.common.BadInputException;
import dev.eos.cli.common.ExitCodes;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How eos reports failures: a usage error is one line naming the problem and pointing to {@code --help} (never a
 * wall of usage); bad input found while running is one line; anything else is an internal error, one line with
 * "please report", and the stack trace only with {@code --verbose} or {@code EOS_DEBUG=1}.
 */
final class ErrorHandlers {

    private ErrorHandlers() {
    }

    /** Usage errors (unknown option, bad value, missing parameter) found by picocli while parsing. */
    static final class Usage implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            String name = cmd.getCommandSpec().qualifiedName();
            String message = oneLine(ex.getMessage());
            if (ex instanceof UnmatchedArgumentException unmatched) {
                List<String> suggestions = unmatched.getSuggestions();
                if (!suggestions.isEmpty()) {
                    message += " (did you mean " + String.join(" or ", suggestions.subList(0,
                            Math.min(3, suggestions.size()))) + "?)";
                }
            }
            err.println(name + ": " + message + "; see '" + name + " --help'");
            if (debug(cmd)) {
                ex.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
    }

    /** Exceptions thrown by a command: bad input (exit 2) or an internal error (exit 1). */
    static final class Execution implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
            PrintWriter err = cmd.getErr();
            String name = cmd.getCommandSpec().qualifiedName();
            boolean debug = debug(cmd);
            if (ex instanceof BadInputException || ex instanceof ParameterException) {
                err.println(name + ": " + oneLine(ex.getMessage()));
                if (debug) {
                    ex.printStackTrace(err);
                }
                err.flush();
                return ExitCodes.BAD_INPUT;
            }
            err.println(name + ": internal error: " + oneLine(String.valueOf(ex))
                    + " -- please report it with the command line"
                    + (debug ? "" : " (the stack trace: rerun with --verbose or EOS_DEBUG=1)"));
            if (debug) {
                ex.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.INTERNAL;
        }
    }

    /** Whether the user asked for stack traces: --verbose anywhere on the command line, or EOS_DEBUG=1. */
    static boolean debug(CommandLine cmd) {
        if ("1".equals(System.getenv("EOS_DEBUG")) || Boolean.getBoolean("eos.debug")) {
            return true;
        }
        CommandLine root = cmd;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        for (ParseResult p = root.getParseResult(); p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** The first line of a message (messages from libraries sometimes span lines). */
    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        String s = message.strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl).strip();
    }
}
