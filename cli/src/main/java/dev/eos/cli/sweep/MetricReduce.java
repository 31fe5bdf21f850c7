package dev.eos.cli.sweep;

import dev.eos.cli.options.Choices;
import dev.eos.io.CsvReader;

/**
 * How one run's metrics.csv column becomes the single number a rate is fitted to (empty cells, metrics not measured
 * at that row, are skipped): its last value, its maximum, its mean, or its maximum over Phase II rows (phase = 2,
 * after the run first came within c eta of Gamma; THEORY 4.1-4.2) for quantities whose Phase I transient would
 * dominate.
 */
enum MetricReduce implements Choices.Named {
    LAST("last"), MAX("max"), MEAN("mean"), MAX_AFTER_PHASE1("max-after-phase1");

    private final String cliName;

    MetricReduce(String cliName) {
        this.cliName = cliName;
    }

    @Override
    public String cliName() {
        return cliName;
    }

    @Override
    public String toString() {
        return cliName;
    }

    /** The reduced value of column {@code metric}, or NaN when the run has no value there (e.g. no Phase II). */
    double apply(CsvReader.Table t, String metric) {
        double[] v = t.column(metric);
        boolean[] present = t.presence(metric);
        double[] phase = this == MAX_AFTER_PHASE1 ? t.column("phase") : null;
        double acc = this == MAX || this == MAX_AFTER_PHASE1 ? Double.NEGATIVE_INFINITY : 0;
        double last = Double.NaN;
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if (!present[i] || phase != null && phase[i] != 2) {
                continue;
            }
            n++;
            last = v[i];
            switch (this) {
                case MAX, MAX_AFTER_PHASE1 -> acc = Math.max(acc, v[i]);
                case MEAN -> acc += v[i];
                default -> {
                }
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        return switch (this) {
            case LAST -> last;
            case MEAN -> acc / n;
            default -> acc;
        };
    }

    /** picocli converter. */
    static final class Converter extends Choices.NamedConverter<MetricReduce> {
        Converter() {
            super(MetricReduce.class, "reduction");
        }
    }

    /** Completion candidates. */
    static final class Candidates extends Choices.NamedCandidates {
        private static final long serialVersionUID = 1L;

        public Candidates() {
            super(MetricReduce.class);
        }
    }
}
