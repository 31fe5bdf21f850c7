package dev.eos.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.io.Npy;
import dev.eos.models.DeepLinear;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standard problem factory over dev.eos.models.Models: options, files, starts and refusals. */
class ModelProblemsTest {

    @TempDir
    Path tmp;

    private final ModelProblems f = new ModelProblems();

    @Test
    void buildsTheModelAndASeededStart() {
        ModelConfig c = ModelConfig.of("deep-linear").with("depth", 3).with("width", 4);
        Problem a = f.create(c, 7, 1);
        assertTrue(a.model() instanceof DeepLinear);
        assertEquals(3 * 16, a.model().dim());
        assertArrayEquals(a.start(), f.create(c, 7, 1).start(), "same seed, same start");
        assertTrue(a.start()[0] != f.create(c, 8, 1).start()[0], "another seed, another start");
        Problem toy = f.create(ModelConfig.of("toy2d"), 0, 1);
        assertArrayEquals(new double[] {1, 0.05}, toy.start(), "the toy's documented start");
        Problem scaled = f.create(ModelConfig.of("quadratic").with("dim", 5).with("init-scale", 0.0), 1, 1);
        assertArrayEquals(new double[5], scaled.start());
    }

    @Test
    void readsFilesAndRefusesBadOnes() throws Exception {
        Path init = tmp.resolve("init.npy");
        double[] x0 = {1, 2, 3, 4, 5, 6, 7, 8};
        Npy.write(init, x0, 8);
        Problem p = f.create(ModelConfig.of("deep-linear").with("depth", 2).with("width", 2)
                .withFile("init", init.toString()), 0, 1);
        assertArrayEquals(x0, p.start());

        assertMessage("no such file", ModelConfig.of("toy2d").withFile("init", tmp.resolve("nope.npy").toString()));
        Path nan = tmp.resolve("nan.npy");
        Npy.write(nan, new double[] {1, Double.NaN}, 2);
        assertMessage("NaN", ModelConfig.of("toy2d").withFile("init", nan.toString()));
        assertMessage("shape", ModelConfig.of("toy3d").withFile("init", init.toString()));
        assertMessage("unknown model option --colour", ModelConfig.of("toy2d").with("colour", "red"));
        assertMessage("unknown model file --weights", ModelConfig.of("toy2d").withFile("weights", "w.npy"));
        assertMessage("go together", ModelConfig.of("deep-linear").withFile("data-x", init.toString()));
        assertMessage("does not apply", ModelConfig.of("toy2d").with("depth", 3));
        assertMessage("unknown model", ModelConfig.of("mlp"));
        assertMessage("integer", ModelConfig.of("deep-linear").with("depth", 2.5));
        assertMessage("cannot be combined", ModelConfig.of("toy2d").with("init-scale", 0.1)
                .withFile("init", init.toString()));
    }

    @Test
    void drivesARunEndToEnd() throws Exception {
        RunSpec ok = RunSpec.builder().model(ModelConfig.of("deep-linear").with("depth", 3).with("width", 3)
                .with("init-scale", 0.5)).algorithm("gd").eta(0.05).steps(200).metricsEvery(50).build();
        RunResult r = new RunEngine(f, SimpleOptimizer.factory(), (s, m) -> Meters.none())
                .start(ok, tmp.resolve("ok"), RunListener.NONE, new StopToken());
        assertEquals(RunStatus.COMPLETED, r.status(), r.message());
        assertEquals(27, Npy.read(tmp.resolve("ok/final.npy")).data().length);
    }

    private void assertMessage(String word, ModelConfig c) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.create(c, 0, 1));
        assertTrue(e.getMessage().contains(word), "expected '" + word + "' in: " + e.getMessage());
    }
}
