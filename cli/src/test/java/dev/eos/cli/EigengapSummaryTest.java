package dev.eos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.cli.backend.EngineBackend;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run summary's warning where lambda_1(Phi(x_t)) stops being simple (eigengap_at_phi below the threshold, THEORY
 * 1 assumption [R]): a square deep linear net whose target has three equal singular values (its flattest minimisers
 * have a ninefold top eigenvalue, THEORY 6.1) prints it; well separated singular values do not.
 */
class EigengapSummaryTest {

    @TempDir
    Path tmp;

    private static Cli.Result run(Path dir, String spectrum) {
        return Cli.run(new EngineBackend(), new String[] {"run", "--model", "deep-linear", "--depth", "3", "--width",
            "3", "--spectrum", spectrum, "--seed", "1", "--eta", "0.02", "--steps", "6000", "--phi-every", "250",
            "--log-points", "0", "--no-plots", "--out", dir.toString()});
    }

    @Test
    void equalSingularValuesPrintTheWarning() {
        Cli.Result r = run(tmp.resolve("equal"), "1,1,1");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("lambda_1(Phi) stopped being simple at step "), r.out());
        assertTrue(r.out().contains("theta, flow_dist and the flow are not defined by the theory beyond it"), r.out());
    }

    @Test
    void separatedSingularValuesDoNot() {
        Cli.Result r = run(tmp.resolve("separated"), "2,0.6,0.3");
        assertEquals(0, r.code(), r.toString());
        assertFalse(r.out().contains("stopped being simple"), r.out());
        assertFalse(r.out().contains("the flow stopped"), r.out());
    }
}
