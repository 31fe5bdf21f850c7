package dev.eos.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.io.Json;
import dev.eos.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RunSpec: validation, JSON round trip, canonical identity. */
class RunSpecTest {

    static RunSpec.Builder base() {
        return RunSpec.builder().model(ModelConfig.of("deep-linear").with("depth", 4).with("width", 8)
                .with("init-scale", 0.1).with("widths", List.of(8, 8, 8)).withFile("target", "/data/M.npy"))
                .algorithm("ngd").eta(0.01).steps(1_000_000);
    }

    @Test
    void jsonRoundTripsEveryField() throws Exception {
        RunSpec s = base().seed(-3).noise(1e-9, 0).divergenceBound(1e8).metricsEvery(1000).phiEvery(5000)
                .logPoints(40).lastSteps(6).snapshotEvery(100000).checkpointEvery(250000).checkpointSeconds(60)
                .flow(true).threads(2).phaseConstant(1.5).phaseEvery(77).build();
        RunSpec back = RunSpec.fromJson(Json.parse(Json.pretty(s.toJson())));
        assertEquals(s, back);
        assertEquals(s.toJson(), back.toJson());
        assertEquals(100, s.noiseEvery(), "ceil(1/eta) when a radius comes without a period");
        RunSpec h = base().horizon(0.5).build();
        RunSpec hb = RunSpec.fromJson(Json.parse(Json.compact(h.toJson())));
        assertEquals(h, hb);
        assertEquals(5000, h.horizonSteps(), "floor(T2/eta^2) despite 0.01^2 = 1.0000000000000002e-4");
        assertEquals(Double.POSITIVE_INFINITY, RunSpec.fromJson(base().build().toJson()).divergenceBound());
        assertEquals(h, h.toBuilder().build());
        assertEquals(s, s.toBuilder().build());
    }

    @Test
    void identityIgnoresPathsAndResourcesButNothingElse() {
        RunSpec a = base().build();
        assertEquals(a.id(), base().model(a.model().withFile("target", "/elsewhere/M.npy")).build().id());
        assertEquals(a.id(), base().threads(8).checkpointEvery(10).checkpointSeconds(5).build().id());
        assertNotEquals(a.id(), base().eta(0.02).build().id());
        assertNotEquals(a.id(), base().seed(1).build().id());
        assertNotEquals(a.id(), base().model(a.model().with("width", 9)).build().id());
        assertNotEquals(a.id(), base().metricsEvery(10).build().id());
        assertEquals(16, a.id().length());
        // canonical text: sorted keys, no whitespace, no file paths
        String c = a.canonicalJson();
        assertTrue(c.startsWith("{\"algo\":\"ngd\",\"divergence-bound\":null,\"eta\":0.01,"), c);
        assertTrue(!c.contains("M.npy") && !c.contains(" "), c);
    }

    @Test
    void identityFollowsTheContentOfTheModelFiles(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a.npy");
        Path b = tmp.resolve("sub/b.npy");
        Npy.write(a, new double[] {0.1, 0.2}, 2);
        Files.createDirectories(b.getParent());
        Files.copy(a, b);
        RunSpec.Builder toy = RunSpec.builder().algorithm("ngd").eta(0.01).steps(1000);
        RunSpec fromA = toy.model(ModelConfig.of("toy2d").withFile("init", a.toString())).build();
        RunSpec fromB = toy.model(ModelConfig.of("toy2d").withFile("init", b.toString())).build();
        assertEquals(fromA.id(), fromB.id(), "the same bytes elsewhere: the same run");
        Npy.write(b, new double[] {0.1, 0.3}, 2);
        Files.setLastModifiedTime(b, FileTime.fromMillis(Files.getLastModifiedTime(b).toMillis() + 2000));
        RunSpec edited = toy.model(ModelConfig.of("toy2d").withFile("init", b.toString())).build();
        assertNotEquals(fromA.id(), edited.id(), "another start point: another run");
        assertTrue(fromA.canonicalJson().contains("\"file-sha256\":{\"init\":\""), fromA.canonicalJson());
        assertTrue(!fromA.canonicalJson().contains(tmp.toString()), "no path in the identity");
        RunSpec none = toy.model(ModelConfig.of("toy2d")).build();
        assertTrue(!none.canonicalJson().contains("file-sha256"), "specs without files keep their ids");
    }

    @Test
    void invalidValuesAreRefusedWithTheirName() {
        expect("eta", b -> b.eta(0));
        expect("eta", b -> b.eta(Double.NaN));
        expect("eta", b -> b.eta(Double.POSITIVE_INFINITY));
        expect("steps", b -> b.steps(-1));
        expect("steps or horizon", b -> b.steps(0));
        expect("horizon", b -> b.horizon(-1));
        expect("noise-radius", b -> b.noise(-1, 0));
        expect("divergence-bound", b -> b.divergenceBound(0));
        expect("divergence-bound", b -> b.divergenceBound(Double.NaN));
        expect("metrics-every", b -> b.metricsEvery(-1));
        expect("threads", b -> b.threads(0));
        expect("phase-c", b -> b.phaseConstant(0));
        expect("algo", b -> b.algorithm(""));
        expect("model", b -> b.model(null));
        assertThrows(IllegalArgumentException.class, () -> ModelConfig.of("m").with("x", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ModelConfig.of("m").with("x", new Object()));
    }

    @Test
    void strictJson() throws Exception {
        var n = (com.fasterxml.jackson.databind.node.ObjectNode) base().build().toJson();
        n.put("etta", 0.1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunSpec.fromJson(n));
        assertTrue(e.getMessage().contains("etta"), e.getMessage());
        var m = (com.fasterxml.jackson.databind.node.ObjectNode) base().build().toJson();
        m.put("eta", "fast");
        e = assertThrows(IllegalArgumentException.class, () -> RunSpec.fromJson(m));
        assertTrue(e.getMessage().contains("eta"), e.getMessage());
    }

    private static void expect(String word, Consumer<RunSpec.Builder> change) {
        RunSpec.Builder b = base();
        change.accept(b);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains(word), e.getMessage());
    }
}
