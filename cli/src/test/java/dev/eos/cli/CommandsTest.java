package dev.eos.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help, version, completion, report and sharpness output formats. */
class CommandsTest {

    @TempDir
    Path tmp;

    @Test
    void helpTeachesWithSectionsExamplesAndExitCodes() {
        for (String cmd : new String[] {"run", "resume", "sharpness", "flow", "report", "completion"}) {
            Cli.Result r = Cli.run(new FakeBackend(), cmd, "--help");
            assertEquals(0, r.code(), cmd + ": " + r);
            assertTrue(r.out().contains("Examples:"), cmd + ": " + r.out());
            assertTrue(r.out().contains("Exit codes:"), cmd + ": " + r.out());
        }
        String run = Cli.run(new FakeBackend(), "run", "--help").out();
        for (String section : new String[] {"Model:", "Start point:", "Algorithm:", "Measurement:",
            "Output and resources:"}) {
            assertTrue(run.contains(section), section + " in:\n" + run);
        }
        assertTrue(run.contains("(default: 1e-3)"), "defaults are shown: " + run);
        String top = Cli.run(new FakeBackend()).out();
        assertTrue(top.contains("4  stopped by a signal"), top);
    }

    @Test
    void versionNamesTheKernels() {
        Cli.Result r = Cli.run(new FakeBackend(), "--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("eos "), r.out());
        assertTrue(r.out().contains("kernels "), r.out());
    }

    @Test
    void completionScriptsKnowTheCommandsOptionsAndChoices() {
        Cli.Result bash = Cli.run(new FakeBackend(), "completion", "bash");
        assertEquals(0, bash.code());
        for (String s : new String[] {"run", "resume", "sharpness", "--eta", "--model", "deep-linear",
            "matrix-sensing"}) {
            assertTrue(bash.out().contains(s), s);
        }
        Cli.Result zsh = Cli.run(new FakeBackend(), "completion", "zsh");
        assertTrue(zsh.out().startsWith("autoload -U +X compinit && compinit"), zsh.out().substring(0, 80));
    }

    @Test
    void reportDrawsPngAndSvgAndSkipsWhatWasNotMeasured() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(dir.resolve("metrics.csv"), "step,tau,phase,loss,grad_norm,eta_eff,sharpness\n"
                + "0,0,1,1.0,1.0,0.01,3.0\n1,1e-4,1,0.5,0.7,0.014,2.9\n2,2e-4,2,0.25,0.5,0.02,2.8\n3,3e-");
        Cli.Result r = Cli.run(new FakeBackend(), "report", dir.toString());
        assertEquals(0, r.code(), r.toString());
        byte[] png = Files.readAllBytes(dir.resolve("plots/loss.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
        assertTrue(Files.readString(dir.resolve("plots/sharpness.svg")).contains("<svg"));
        assertTrue(!Files.exists(dir.resolve("plots/theta.png")), "no theta column, no theta plot");
        assertTrue(r.out().contains("3 steps") || r.out().contains("2 steps"), r.out());
    }

    @Test
    void reportRefusesAMalformedMetricsFile() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(dir.resolve("metrics.csv"), "step,loss\n0,1.0\n1,abc\n2,0.5\n");
        Cli.Result r = Cli.run(new FakeBackend(), "report", dir.toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("line 3: 'abc' is not a number"), r.err());
    }

    @Test
    void sharpnessPrintsOneLinePerEigenvalueOrJson() throws Exception {
        Cli.Result text = Cli.run(new FakeBackend(), "sharpness", "--model", "toy2d");
        assertEquals(0, text.code(), text.toString());
        assertTrue(text.out().startsWith("lambda_1 = 4.00000000000"), text.out());
        Path vec = tmp.resolve("v.npy");
        Cli.Result json = Cli.run(new FakeBackend(), "sharpness", "--model", "toy2d", "--json", "--eigenvectors",
                vec.toString());
        assertEquals(0, json.code(), json.toString());
        JsonNode o = new ObjectMapper().readTree(json.out());
        for (String key : new String[] {"eigenvalues", "residuals", "hvps", "seconds", "method"}) {
            assertTrue(o.has(key), key + " in " + json.out());
        }
        assertEquals(4.0, o.get("eigenvalues").get(0).doubleValue(), 0.0);
        // NPY 1.0: magic, version, header length; 64-byte aligned header; 1 x 2 float64 payload
        byte[] npy = Files.readAllBytes(vec);
        assertEquals(0x93, npy[0] & 0xff);
        assertEquals(0, (10 + (npy[8] & 0xff)) % 64, "header padded to 64 bytes");
        assertEquals(10 + (npy[8] & 0xff) + 16, npy.length);
    }

    @Test
    void flowWritesIntoANewDirectory() {
        Path out = tmp.resolve("flow");
        Cli.Result r = Cli.run(new FakeBackend(), "flow", "--model", "toy2d", "--tau", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("lambda_1 4.00000 -> 2.50000"), r.out());
        assertTrue(Files.isDirectory(out));
    }
}
