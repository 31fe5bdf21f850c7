package dev.eos.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.eos.cli.Cli;
import dev.eos.cli.Eos;
import dev.eos.cli.backend.Backend;
import dev.eos.cli.backend.EngineBackend;
import dev.eos.cli.backend.FlowRequest;
import dev.eos.cli.backend.FlowResult;
import dev.eos.cli.backend.ModelRequest;
import dev.eos.cli.backend.Problem;
import dev.eos.cli.backend.RunObserver;
import dev.eos.cli.backend.RunOutcome;
import dev.eos.cli.backend.RunPlan;
import dev.eos.cli.backend.SharpnessRequest;
import dev.eos.cli.backend.SharpnessResult;
import dev.eos.io.Json;
import dev.eos.run.StopToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep row is what {@code eos run} would run: for the same options, the row rebuilt from base.toml has the same
 * engine spec (every field, threads and checkpointing included) and the same resolved config as the plan
 * {@code eos run} hands its backend (captured here instead of running).
 */
class RowDriftTest {

    @TempDir
    Path tmp;

    /** The real engine's models; run() records the plan and stops there. */
    static final class Capture implements Backend {
        private final EngineBackend engine = new EngineBackend();
        RunPlan plan;

        @Override
        public Problem problem(ModelRequest request) {
            return engine.problem(request);
        }

        @Override
        public double estimateStepsPerSecond(RunPlan p) {
            return Double.NaN;
        }

        @Override
        public RunOutcome run(RunPlan p, RunObserver observer) {
            plan = p;
            throw new IllegalStateException("captured");
        }

        @Override
        public RunOutcome resume(Path dir, Long steps, StopToken stop, RunObserver observer) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SharpnessResult sharpness(SharpnessRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FlowResult flow(FlowRequest request, RunObserver observer) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void rowsAreResolvedExactlyAsEosRunResolvesTheSameOptions() throws Exception {
        Path cfg = tmp.resolve("base.toml");
        Files.writeString(cfg, "model = \"deep-linear\"\ndepth = 2\nwidth = 3\neta = 0.02\nsteps = 300\n");
        String[][] optionSets = {
            {},
            {"--model", "toy2d", "--algo", "sqrt", "--eta", "0.01", "--horizon", "3", "--noise-radius", "0.001",
                "--seed", "4"},
            {"--model", "matrix-sensing", "--dim", "6", "--rank", "2", "--measurements", "20", "--steps", "100",
                "--no-flow", "--phi-every", "10", "--checkpoint-every", "50"},
            {"--model", "deep-linear", "--widths", "3,4,2", "--spectrum", "1.5,0.5", "--algo", "gd", "--eta", "0.05",
                "--steps", "100", "--divergence-bound", "10", "--threads", "2", "--init-scale", "0.5"},
            {"--config", cfg.toString(), "--eta", "0.03", "--log-points", "7"},
        };
        for (int i = 0; i < optionSets.length; i++) {
            String[] options = optionSets[i];
            Capture capture = new Capture();
            List<String> run = new ArrayList<>(List.of("run", "--out", tmp.resolve("run" + i).toString(),
                    "--no-plots"));
            run.addAll(List.of(options));
            Cli.run(capture, run.toArray(String[]::new));
            assertNotNull(capture.plan, "eos run " + String.join(" ", options) + " reached its backend");

            Path s = tmp.resolve("sweep" + i);
            List<String> plan = new ArrayList<>(List.of("sweep", "plan", "--out", s.toString()));
            plan.addAll(List.of(options));
            Cli.Result p = Cli.run(plan.toArray(String[]::new));
            assertEquals(0, p.code(), p.toString());
            ManifestRow row = Manifest.read(s.resolve("manifest.csv")).rows().get(0);
            RowParser parser = new RowParser(Eos.newCommandLine(new EngineBackend()));
            RowCommand.Resolved resolved = parser.resolve(s.resolve("base.toml"),
                    row.values(), s.resolve("runs").resolve(row.id()), row.label());

            String where = "options " + String.join(" ", options);
            assertEquals(Json.canonical(EngineBackend.spec(capture.plan).toJson()),
                    Json.canonical(resolved.spec().toJson()), where);
            assertEquals(row.id(), resolved.id(), where);
            Map<String, Object> runConfig = new LinkedHashMap<>(capture.plan.config());
            Map<String, Object> rowConfig = new LinkedHashMap<>(resolved.plan().config());
            runConfig.remove("out");
            rowConfig.remove("out");
            assertEquals(runConfig.toString(), rowConfig.toString(), where + ": the config run.json keeps");
        }
    }
}
