package dev.eos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eos completion}: the scripts work in the shells, not only contain the words. Bash sources the script and
 * completes command lines through its completion function (as Tab would, with COMP_WORDS set); zsh sources its
 * script and registers the completion. Skipped, with the reason, where a shell is not installed.
 */
class CompletionTest {

    @TempDir
    Path tmp;

    /** Runs {@code script} in {@code shell -c} (with the completion script as $1) and returns its stdout lines. */
    private static List<String> shell(String shell, String script, Path completion) throws Exception {
        Process p = new ProcessBuilder(shell, shell.equals("zsh") ? "-fc" : "-c", script, shell, completion.toString())
                .redirectErrorStream(false).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), shell + " finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), shell + " failed: " + err);
        return out.lines().toList();
    }

    private static boolean installed(String shell) {
        try {
            return new ProcessBuilder(shell, "-c", "true").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private Path script(String shell) throws IOException {
        Cli.Result r = Cli.run(new FakeBackend(), "completion", shell);
        assertEquals(0, r.code(), r.toString());
        Path f = tmp.resolve("eos." + shell);
        Files.writeString(f, r.out());
        return f;
    }

    @Test
    void bashCompletesCommandsOptionsAndTheirValues() throws Exception {
        assumeTrue(installed("bash"), "bash is not installed");
        // t WORDS...: what Tab offers after the last word (compopt only works inside real completion: ignored)
        String script = """
                source "$1"
                t() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE="${COMP_WORDS[*]}"
                      COMP_POINT=${#COMP_LINE}; COMPREPLY=(); _complete_eos 2>/dev/null; echo "${COMPREPLY[*]}"; }
                t ./eos r
                t ./eos run --mo
                t ./eos run --model toy
                t ./eos run --algo s
                t ./eos sweep c
                t ./eos sweep run SWEEP --ind
                t ./eos validate --only phase2
                t ./eos rates SWEEP --reduce max
                t ./eos rates SWEEP --kind om
                t ./eos completion z
                """;
        List<String> got = shell("bash", script, script("bash"));
        assertEquals(List.of("run resume report rates", "--model", "toy2d toy3d", "sqrt", "collect",
                "--index --index-offset", "phase2-ngd phase2-sqrt", "max max-after-phase1", "omega", "zsh"), got);
    }

    @Test
    void zshSourcesItsScriptAndRegistersTheCompletion() throws Exception {
        assumeTrue(installed("zsh"), "zsh is not installed");
        List<String> got = shell("zsh", "source \"$1\" && print -r -- \"${_comps[eos]}\"", script("zsh"));
        assertEquals(List.of("_bash_complete -F _complete_eos -o default"), got,
                "zsh completes eos with the bash function through bashcompinit");
    }
}
