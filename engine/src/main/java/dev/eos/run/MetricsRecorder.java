package dev.eos.run;

import dev.eos.io.CsvWriter;
import java.io.Closeable;
import java.io.IOException;

/**
 * Appends rows to {@code metrics.csv} in step order, one write per row, so a killed run keeps every completed row. A
 * row that opens a pair (THEORY 4.4) is held until its successor is known, then written with the pair metrics:
 * inv_stableness_pair = 1/S_t + 1/S_{t+1} and sqrt_loss_pair_ratio = (sqrt(L_t - L_min) + sqrt(L_{t+1} - L_min)) /
 * prediction, the prediction being eta sqrt(lambda_1/2) (NGD) or eta lambda_1 / 2 (GD on sqrt(L)) with lambda_1 the
 * sharpness at x_t; other algorithms have no prediction. At most one row is ever pending.
 */
final class MetricsRecorder implements Closeable {

    /** How the sqrt-loss pair prediction is formed. */
    enum Prediction { NGD, SQRT, NONE }

    private final CsvWriter csv;
    private final Prediction prediction;
    private final double eta;
    private final double minLoss;
    private final MetricRow pending = new MetricRow();
    private boolean hasPending;

    MetricsRecorder(CsvWriter csv, String algorithm, double eta, double minLoss) {
        this.csv = csv;
        this.prediction = switch (algorithm) {
            case "ngd" -> Prediction.NGD;
            case "sqrt" -> Prediction.SQRT;
            default -> Prediction.NONE;
        };
        this.eta = eta;
        this.minLoss = Double.isNaN(minLoss) ? 0 : minLoss;
    }

    /** Whether a row waits for its successor (the run must not checkpoint then). */
    boolean hasPending() {
        return hasPending;
    }

    /**
     * Records a complete row. When {@code opensPair}, it is held until the next {@link #add}, which must be row t+1.
     */
    void add(MetricRow row, boolean opensPair) throws IOException {
        if (hasPending) {
            if (row.step() != pending.step() + 1) {
                throw new IllegalStateException("pair row " + pending.step() + " followed by " + row.step());
            }
            completePair(pending, row);
            pending.writeTo(csv);
            hasPending = false;
        }
        if (opensPair) {
            pending.copyFrom(row);
            hasPending = true;
        } else {
            row.writeTo(csv);
        }
    }

    /** Writes a pending row without its pair metrics (the run ends before its successor). */
    void flushPending() throws IOException {
        if (hasPending) {
            pending.writeTo(csv);
            hasPending = false;
        }
    }

    /** fsyncs the file and returns its byte length (for a checkpoint). */
    long sync() throws IOException {
        csv.sync();
        return csv.length();
    }

    long length() {
        return csv.length();
    }

    long rows() {
        return csv.rows();
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }

    private void completePair(MetricRow a, MetricRow b) {
        if (a.has(Column.STABLENESS) && b.has(Column.STABLENESS)) {
            a.set(Column.INV_STABLENESS_PAIR, 1 / a.get(Column.STABLENESS) + 1 / b.get(Column.STABLENESS));
        }
        if (prediction != Prediction.NONE && a.has(Column.SHARPNESS) && a.has(Column.LOSS) && b.has(Column.LOSS)) {
            double lambda = a.get(Column.SHARPNESS);
            double predicted = prediction == Prediction.NGD ? eta * Math.sqrt(lambda / 2) : eta * lambda / 2;
            double s = Math.sqrt(Math.max(0, a.get(Column.LOSS) - minLoss))
                    + Math.sqrt(Math.max(0, b.get(Column.LOSS) - minLoss));
            a.set(Column.SQRT_LOSS_PAIR_RATIO, s / predicted);
        }
    }
}
