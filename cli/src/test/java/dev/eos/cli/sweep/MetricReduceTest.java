package dev.eos.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.io.CsvReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reductions of a metrics column: empty cells skipped, max-after-phase1 over phase-2 rows only. */
class MetricReduceTest {

    @TempDir
    Path tmp;

    @Test
    void reductionsSkipEmptyCellsAndPhaseOne() throws Exception {
        Path csv = tmp.resolve("metrics.csv");
        // flow_dist: 9 in Phase I (a transient), then 1, 3, 2 in Phase II; the last row has no value
        Files.writeString(csv, "step,phase,flow_dist\n0,1,9\n10,1,\n20,2,1\n30,2,3\n40,2,2\n50,2,\n");
        CsvReader.Table t = CsvReader.read(csv);
        assertEquals(2.0, MetricReduce.LAST.apply(t, "flow_dist"));
        assertEquals(9.0, MetricReduce.MAX.apply(t, "flow_dist"));
        assertEquals(3.0, MetricReduce.MAX_AFTER_PHASE1.apply(t, "flow_dist"));
        assertEquals((9 + 1 + 3 + 2) / 4.0, MetricReduce.MEAN.apply(t, "flow_dist"), 0.0, "exact in binary");
        Files.writeString(csv, "step,phase,flow_dist\n0,1,9\n10,1,8\n");
        assertTrue(Double.isNaN(MetricReduce.MAX_AFTER_PHASE1.apply(CsvReader.read(csv), "flow_dist")),
                "a run that never reached Phase II has no value");
    }
}
