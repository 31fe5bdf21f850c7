package dev.eos.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eos.io.CsvReader;
import dev.eos.run.Column;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The time average over Phase II from row pairs: pairs are averaged, then weighted by the steps they stand for. */
class TimeAverageTest {

    /** A table with rows at the given steps carrying theta = f(step); phase 2 from t0. */
    private static EngineRun.Data table(long[] steps, double[] theta, long t0) {
        List<String> header = Column.header();
        int m = header.size();
        double[][] cols = new double[m][steps.length];
        boolean[][] has = new boolean[m][steps.length];
        int s = header.indexOf("step");
        int th = header.indexOf("theta");
        int ph = header.indexOf("phase");
        for (int i = 0; i < steps.length; i++) {
            cols[s][i] = steps[i];
            has[s][i] = true;
            cols[th][i] = theta[i];
            has[th][i] = true;
            cols[ph][i] = steps[i] >= t0 ? 2 : 1;
            has[ph][i] = true;
        }
        return new EngineRun.Data(null, new CsvReader.Table(new ArrayList<>(header), cols, has, false), null, null);
    }

    @Test
    void aConstantAveragesToItself() {
        EngineRun.Data d = table(new long[] {0, 1, 2, 3, 100, 101, 500, 501}, new double[] {2, 2, 2, 2, 2, 2, 2, 2},
                0);
        assertEquals(2.0, TimeAverage.of(d, Column.THETA, 0, 1000), 1e-15);
    }

    @Test
    void pairsAreAveragedAndWeightedByTheirSpan() {
        // a 2-cycle alternating 1 and 3 (mean 2) early, then constant 10 over most of the run
        EngineRun.Data d = table(new long[] {0, 1, 10, 11, 990, 991}, new double[] {1, 3, 3, 1, 10, 10}, 0);
        // pair means 2 at 0.5, 2 at 10.5, 10 at 990.5; weights: [0, 5.5], [5.5, 500.5], [500.5, 1000]
        double expect = (2 * 5.5 + 2 * 495 + 10 * 499.5) / 1000;
        assertEquals(expect, TimeAverage.of(d, Column.THETA, 0, 1000), 1e-12);
        // rows before t_0 are not part of Phase II
        assertEquals(10.0, TimeAverage.of(d, Column.THETA, 500, 1000), 1e-12);
    }
}
