package dev.eos.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short Python 3 script (NumPy interop checks); returns its stdout, or null when python3/numpy is missing. */
public final class PythonBridge {

    private PythonBridge() {
    }

    public static String run(String script, Path... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("python3", "-c", script));
        for (Path a : args) {
            cmd.add(a.toString());
        }
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return null;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return null;
        }
        if (p.exitValue() != 0) {
            if (out.contains("No module named 'numpy'")) {
                return null;
            }
            throw new IOException("python failed: " + out);
        }
        return out;
    }
}
