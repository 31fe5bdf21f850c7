package dev.eos.run;

import dev.eos.io.CsvWriter;
import java.io.IOException;
import java.util.Arrays;

/**
 * One mutable row of {@code metrics.csv}: a value per {@link Column} and a mask of the cells that were computed. The
 * engine reuses a few instances, so recording a row allocates nothing of its own.
 */
public final class MetricRow {

    private static final Column[] COLUMNS = Column.values();

    private final double[] values = new double[COLUMNS.length];
    private long present;
    private long step = -1;

    /** Clears the row and sets its step. */
    void reset(long t) {
        step = t;
        present = 0;
        Arrays.fill(values, Double.NaN);
    }

    /** The step t of this row. */
    public long step() {
        return step;
    }

    /** Sets a computed cell. */
    public void set(Column c, double v) {
        values[c.ordinal()] = v;
        present |= c.bit();
    }

    /** The cell's value (NaN when not computed). */
    public double get(Column c) {
        return values[c.ordinal()];
    }

    /** Whether the cell was computed. */
    public boolean has(Column c) {
        return (present & c.bit()) != 0;
    }

    /** Copies another row into this one. */
    void copyFrom(MetricRow o) {
        step = o.step;
        present = o.present;
        System.arraycopy(o.values, 0, values, 0, values.length);
    }

    /** Writes the row: step and phase as integers, the rest as exact doubles, empty where not computed. */
    void writeTo(CsvWriter w) throws IOException {
        w.beginRow();
        for (Column c : COLUMNS) {
            if (!has(c)) {
                w.empty();
            } else if (c == Column.STEP || c == Column.PHASE) {
                w.cell((long) values[c.ordinal()]);
            } else {
                w.cell(values[c.ordinal()]);
            }
        }
        w.endRow();
    }
}
