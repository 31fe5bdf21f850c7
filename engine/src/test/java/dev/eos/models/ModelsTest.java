package dev.eos.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The factory: defaults, data from arrays, start points, reproducibility, and refusals with useful messages. */
class ModelsTest {

    @Test
    void defaults() {
        DeepLinear dl = assertInstanceOf(DeepLinear.class, ModelSpec.of("deep-linear").build());
        assertArrayEquals(new int[] {8, 8, 8, 8, 8}, dl.widths());
        assertEquals(8, dl.targetRank());
        assertTrue(dl.degenerateManifold().isEmpty());
        SymmetricFactorization f = assertInstanceOf(SymmetricFactorization.class,
                ModelSpec.of("factorization").build());
        assertEquals(16, f.dim());
        assertEquals(2, f.targetRank());
        MatrixSensing s = assertInstanceOf(MatrixSensing.class, ModelSpec.of("matrix-sensing").build());
        assertEquals(7, s.measurements()); // (8*2 - 1) / 2
        assertEquals(2, s.targetRank());
        Quadratic q = assertInstanceOf(Quadratic.class, ModelSpec.of("quadratic").build());
        assertEquals(8, q.rank());
        assertEquals("toy2d", ModelSpec.of("toy2d").build().name());
        assertEquals(3, ModelSpec.of("toy3d").build().dim());
    }

    @Test
    void optionsShapeTheModels() {
        DeepLinear dl = (DeepLinear) ModelSpec.of("deep-linear").widths(3, 4, 2).seed(4).build();
        assertEquals(2, dl.depth());
        assertEquals(3 * 4 + 4 * 2, dl.dim());
        DeepLinear sq = (DeepLinear) ModelSpec.of("deep-linear").depth(3).width(5).targetRank(5).build();
        assertEquals(75, sq.dim());
        Quadratic q = (Quadratic) ModelSpec.of("quadratic").dim(6).targetRank(4).build();
        assertEquals(4, q.rank());
        assertEquals(4, q.normalRank());
        MatrixSensing s = (MatrixSensing) ModelSpec.of("matrix-sensing").dim(5).rank(3).measurements(11)
                .targetRank(3).build();
        assertEquals(15, s.dim());
        assertEquals(11, s.measurements());
    }

    @Test
    void arraysBuildTheSameModelAsTheirValues() {
        DeepLinear rnd = DeepLinear.random(new int[] {3, 3, 2}, new double[] {1, 0.5}, 3);
        DeepLinear given = (DeepLinear) ModelSpec.of("deep-linear").widths(3, 3, 2).target(rnd.target(), 2, 3).build();
        double[] x = ModelCases.gaussian(rnd.dim(), 1, 1);
        assertEquals(rnd.evaluator().loss(x), given.evaluator().loss(x), 0.0);

        MatrixSensing s = MatrixSensing.random(9, 3, 2, 2, 5);
        double[] sy = s.observations();
        MatrixSensing s2 = (MatrixSensing) ModelSpec.of("matrix-sensing").rank(2)
                .sensingA(s.symmetricMeasurements(), 9, 3, 3).sensingY(sy, 9).build();
        double[] u = ModelCases.gaussian(6, 1, 2);
        assertEquals(s.evaluator().loss(u), s2.evaluator().loss(u), 1e-15);
        // A without y: a ground truth from the seed, realizable
        MatrixSensing s3 = (MatrixSensing) ModelSpec.of("matrix-sensing").rank(2)
                .sensingA(s.symmetricMeasurements(), 9, 3, 3).seed(8).build();
        assertEquals(0, s3.minLoss());
        assertEquals(0, s3.evaluator().loss(s3.groundTruth().orElseThrow()), 1e-14);

        SymmetricFactorization f = (SymmetricFactorization) ModelSpec.of("factorization").rank(1)
                .target(new double[] {2, 1, 1, 2}, 2, 2).build();
        assertEquals(6, f.sharpnessOnManifold(), 1e-14);
        Quadratic q = (Quadratic) ModelSpec.of("quadratic").target(new double[] {2, 0, 0, 0}, 2, 2).build();
        assertEquals(1, q.rank());
    }

    @Test
    void sameSeedSameModelBitForBit() {
        for (String name : ModelSpec.MODELS) {
            Model a = ModelSpec.of(name).seed(12).build();
            Model b = ModelSpec.of(name).seed(12).build();
            double[] xa = Models.randomStart(a, 12, Double.NaN);
            double[] xb = Models.randomStart(b, 12, Double.NaN);
            assertArrayEquals(xa, xb, 0.0);
            double[] ga = new double[a.dim()], gb = new double[b.dim()];
            assertEquals(Double.doubleToLongBits(a.evaluator().lossAndGradient(xa, ga)),
                    Double.doubleToLongBits(b.evaluator().lossAndGradient(xb, gb)), name);
            assertArrayEquals(ga, gb, 0.0);
        }
        Model c = ModelSpec.of("matrix-sensing").seed(13).build();
        Model d = ModelSpec.of("matrix-sensing").seed(12).build();
        double[] u = ModelCases.gaussian(c.dim(), 1, 0);
        assertTrue(c.evaluator().loss(u) != d.evaluator().loss(u));
    }

    @Test
    void startPoints() {
        Model f = ModelSpec.of("factorization").dim(3).rank(2).build();
        double[] flat = {1, 2, 3, 4, 5, 6};
        assertArrayEquals(flat, Models.start(f, flat, new int[] {6}), 0.0);
        assertArrayEquals(flat, Models.start(f, flat, new int[] {3, 2}), 0.0);
        assertArrayEquals(flat, Models.start(f, flat, null), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Models.start(f, flat, new int[] {2, 3}));
        assertTrue(e.getMessage().contains("(2, 3)") && e.getMessage().contains("(6,)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Models.start(f, new double[] {1, 2, Double.NaN, 4, 5, 6}, new int[] {6}));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        Model dl = ModelSpec.of("deep-linear").depth(2).width(3).build();
        assertThrows(IllegalArgumentException.class, () -> Models.start(dl, new double[18], new int[] {3, 6}));
        // toys: default start at scale 0 (the default)
        assertArrayEquals(new double[] {1, 0.05}, Models.randomStart(SeparableToy.toy2d(), 3, Double.NaN), 0.0);
        assertArrayEquals(new double[] {1, 0.05, 0.03}, Models.randomStart(SeparableToy.toy3d(), 3, Double.NaN), 0.0);
        // the start stream is independent of the data stream: same seed, uncorrelated numbers
        DeepLinear m = (DeepLinear) ModelSpec.of("deep-linear").depth(2).width(3).seed(5).build();
        double[] x0 = Models.randomStart(m, 5, 1);
        assertTrue(Math.abs(x0[0] - m.randomStart(5, 1)[0]) > 0);
        // fan-in scaling: the empirical variance of a 128-wide layer is close to scale^2 / 128
        DeepLinear wide = (DeepLinear) ModelSpec.of("deep-linear").depth(1).width(128).build();
        double[] w = Models.randomStart(wide, 1, 2);
        double var = Vec.dot(w, w) / w.length;
        assertEquals(4.0 / 128, var, 0.1 * 4.0 / 128); // 16384 samples: relative std of the variance ~1%
        assertThrows(IllegalArgumentException.class, () -> Models.randomStart(m, 1, -1));
    }

    static void refuses(Supplier<Object> build, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::get);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }

    @Test
    void badInputsNameTheArgumentAndShapes() {
        refuses(() -> ModelSpec.of("resnet"), "unknown model 'resnet'", "deep-linear");
        refuses(() -> ModelSpec.of("toy2d").depth(3).build(), "--depth", "toy2d");
        refuses(() -> ModelSpec.of("quadratic").measurements(3).build(), "--measurements", "quadratic");
        refuses(() -> ModelSpec.of("deep-linear").width(3).widths(3, 3).build(), "--width", "--widths");
        refuses(() -> ModelSpec.of("deep-linear").depth(3).widths(3, 3).build(), "--depth 3", "[3, 3]");
        refuses(() -> ModelSpec.of("deep-linear").widths(3, 0, 2).build(), "widths", "positive");
        refuses(() -> ModelSpec.of("deep-linear").widths(3, 3, 2).target(new double[6], 3, 2).build(),
                "target M", "(3, 2)", "(2, 3)");
        refuses(() -> ModelSpec.of("deep-linear").widths(3, 3, 2).target(new double[6], 6).build(), "2-D", "(6,)");
        refuses(() -> new DeepLinear(new int[] {2, 2}, new double[] {1, Double.NaN, 0, 1}), "target M", "NaN",
                "(2, 2)");
        refuses(() -> ModelSpec.of("deep-linear").width(3).targetRank(4).build(), "--target-rank", "[1, 3]");
        refuses(() -> ModelSpec.of("deep-linear").width(3).targetRank(2).spectrum(1, 2, 3).build(),
                "--target-rank 2", "3 values");
        refuses(() -> ModelSpec.of("factorization").target(new double[6], 2, 3).build(), "square", "(2, 3)");
        refuses(() -> ModelSpec.of("factorization").dim(3).target(new double[4], 2, 2).build(), "--dim 3", "(2, 2)");
        refuses(() -> ModelSpec.of("factorization").target(new double[] {1, 2, 0, 1}, 2, 2).build(), "symmetric",
                "(0, 1)");
        refuses(() -> ModelSpec.of("quadratic").target(new double[] {1, 2, 0, 1}, 2, 2).build(), "quadratic matrix A",
                "symmetric");
        refuses(() -> ModelSpec.of("quadratic").target(new double[6], 3, 2).build(), "square", "(3, 2)");
        refuses(() -> ModelSpec.of("matrix-sensing").sensingY(new double[3], 3).build(), "--sensing-y",
                "--sensing-a");
        refuses(() -> ModelSpec.of("matrix-sensing").sensingA(new double[12], 3, 2, 2).sensingY(new double[4], 4)
                .build(), "observations y", "(4,)", "(3,)");
        refuses(() -> ModelSpec.of("matrix-sensing").sensingA(new double[12], 2, 3, 2).build(), "(m, d, d)",
                "(2, 3, 2)");
        refuses(() -> ModelSpec.of("matrix-sensing").measurements(5).sensingA(new double[12], 3, 2, 2).build(),
                "--measurements 5", "(3, 2, 2)");
        double[] nanA = new double[12];
        nanA[7] = Double.POSITIVE_INFINITY;
        refuses(() -> ModelSpec.of("matrix-sensing").sensingA(nanA, 3, 2, 2).build(), "measurements A",
                "Infinity", "(3, 2, 2)");
        refuses(() -> ModelSpec.of("matrix-sensing").rank(0).build(), "--rank", "positive");
        refuses(() -> Quadratic.withSpectrum(new double[0], 1), "spectrum");
        refuses(() -> MatrixSensing.ellipse(-1, 1), "a > 0");
        refuses(() -> DeepLinear.fromData(new int[] {2, 2}, new double[] {1, 1, 1, 1}, new int[] {2, 2},
                new double[4], new int[] {2, 2}), "not whitened");
        refuses(() -> DeepLinear.fromData(new int[] {2, 2}, new double[4], new int[] {2, 2}, new double[6],
                new int[] {3, 2}), "Y", "(3, 2)", "(2, 2)");
    }
}
