package dev.eos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eos.cli.backend.EngineBackend;
import dev.eos.cli.common.ExitCodes;
import dev.eos.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eos validate} end to end on its cheapest check (quadratic, a few seconds): the report, validation.json, the
 * plots and the run directories are written; bad input exits 2 before anything runs.
 */
class ValidateCommandTest {

    @TempDir
    Path tmp;

    @Test
    void writesTheReportPlotsAndRunsOfACheck() throws Exception {
        Path out = tmp.resolve("val");
        Cli.Result r = Cli.run(new EngineBackend(), "validate", "--quick", "--only", "quadratic", "--jobs", "2",
                "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        assertTrue(r.out().contains("quadratic") && r.out().contains("PASS"), r.out());
        JsonNode j = Json.read(out.resolve("validation.json"));
        assertEquals(2, j.size(), "one entry per algorithm");
        for (JsonNode e : j) {
            assertEquals("quadratic", e.get("name").asText());
            assertEquals("pass", e.get("verdict").asText());
            assertTrue(Files.isRegularFile(out.resolve(e.get("plot").asText())), "plot " + e.get("plot"));
        }
        String md = Files.readString(out.resolve("REPORT.md"));
        assertTrue(md.contains("| quadratic |"), md);
        try (var runs = Files.list(out.resolve("runs/quadratic/ngd"))) {
            assertTrue(runs.anyMatch(d -> Files.isRegularFile(d.resolve("metrics.csv"))), "run directories kept");
        }
    }

    @Test
    void refusesUnknownChecksAndNonEmptyDirectories() throws Exception {
        Cli.Result r = Cli.run(new EngineBackend(), "validate", "--only", "nope", "--out", tmp.resolve("a")
                .toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains("unknown check 'nope'"), r.err());
        Files.writeString(tmp.resolve("b.txt"), "x");
        r = Cli.run(new EngineBackend(), "validate", "--quick", "--only", "quadratic", "--out", tmp.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains("not empty"), r.err());
        r = Cli.run(new EngineBackend(), "validate", "--jobs", "0", "--out", tmp.resolve("c").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.toString());
    }
}
