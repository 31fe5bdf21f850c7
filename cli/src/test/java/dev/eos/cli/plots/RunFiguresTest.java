package dev.eos.cli.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The content of a run's figures (issue 6), not only their files: loss on a log scale, sharpness with the 2/eta_t
 * line (2 over each row's eta_eff), stableness with the line 2, theta on a log scale, the Phase II identities
 * with the line 1, and lambda_1(Phi(x_t)) of the run against the limiting flow's prediction over tau.
 */
class RunFiguresTest {

    @TempDir
    Path tmp;

    private MetricsTable table;
    private Map<String, Figure> figures;

    @BeforeEach
    void metrics() throws Exception {
        // a normalized-GD-like run: eta_t = eta / ||grad||, Phase I for steps 0 and 10, Phase II after
        Path csv = tmp.resolve("metrics.csv");
        Files.writeString(csv, """
                step,tau,phase,loss,eta_eff,sharpness,stableness,theta,inv_stableness_pair,sqrt_loss_pair_ratio,\
                sharpness_at_phi,flow_sharpness
                0,0,1,3.0,0.001,7.1,0.002,0.5,900,1800,8.7,
                10,1e-5,1,2.0,0.002,7.2,0.01,0.4,40,60,8.7,8.7
                1000,1e-3,2,1e-6,0.25,8.1,2.1,1e-4,0.999,1.0001,8.6,8.6
                100000,0.1,2,9e-7,0.26,8.0,1.9,9e-5,0.998,0.9999,8.4,8.4
                """);
        table = MetricsTable.read(csv);
        figures = Figure.standard(7.56).stream().collect(Collectors.toMap(Figure::name, Function.identity()));
    }

    private XYChart chart(String name) {
        XYChart c = Plots.chart(table, figures.get(name), "test");
        assertNotNull(c, name + " has data");
        return c;
    }

    @Test
    void theSixFiguresOfARun() {
        assertEquals(List.of("loss", "sharpness", "stableness", "theta", "identities", "flow"),
                Figure.standard(Double.NaN).stream().map(Figure::name).toList());
    }

    @Test
    void lossAndThetaOnALogScaleAgainstStepsOnALogScale() {
        for (String name : List.of("loss", "theta")) {
            XYChart c = chart(name);
            assertTrue(c.getStyler().isYAxisLogarithmic(), name + ": log y");
            assertTrue(c.getStyler().isXAxisLogarithmic(), name + ": steps over 5 decades on a log x axis");
        }
    }

    @Test
    void sharpnessHasThe2OverEtaTLineFromEachRowsStepSize() {
        XYChart c = chart("sharpness");
        Map<String, XYSeries> s = c.getSeriesMap();
        assertTrue(s.containsKey("sharpness lambda_1(x_t)"), s.keySet().toString());
        XYSeries line = s.get("2/eta_t");
        assertNotNull(line, "the 2/eta_t curve: " + s.keySet());
        // exact: 2 / eta_eff of every row with step > 0 (step 0 has no place on the log x axis)
        assertArrayEquals(new double[] {2 / 0.002, 2 / 0.25, 2 / 0.26}, line.getYData(), 0.0);
        assertArrayEquals(new double[] {7.56, 7.56}, s.get("flattest on Gamma").getYData(), 0.0);
    }

    @Test
    void stablenessHasTheLineTwoAndTheIdentitiesTheLineOneOverPhaseTwo() {
        XYChart st = chart("stableness");
        assertArrayEquals(new double[] {2, 2}, st.getSeriesMap().get("2").getYData(), 0.0);
        XYChart id = chart("identities");
        assertArrayEquals(new double[] {1, 1}, id.getSeriesMap().get("1").getYData(), 0.0);
        XYSeries pair = id.getSeriesMap().get("1/S_t + 1/S_t+1");
        assertArrayEquals(new double[] {0.999, 0.998}, pair.getYData(), 0.0, "Phase II rows only");
        assertFalse(id.getStyler().isYAxisLogarithmic());
    }

    @Test
    void flowFigureOverlaysTheRunOnThePrediction() {
        XYChart c = chart("flow");
        Map<String, XYSeries> s = c.getSeriesMap();
        XYSeries flow = s.get("lambda_1(X(tau)), limiting flow");
        XYSeries run = s.get("lambda_1(Phi(x_t)), the run");
        assertNotNull(flow, s.keySet().toString());
        assertNotNull(run, s.keySet().toString());
        assertEquals(XYSeries.XYSeriesRenderStyle.Scatter, run.getXYSeriesRenderStyle(), "the run as markers");
        assertArrayEquals(new double[] {1e-5, 1e-3, 0.1}, flow.getXData(), 0.0, "against tau");
    }
}
