package dev.eos.cli.plots;

import dev.eos.cli.common.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's metrics.csv in memory, column by column (header row; an empty cell is a value not computed at that
 * row and reads as NaN). A last line cut short by a killed run is ignored.
 */
public final class MetricsTable {

    private final Map<String, double[]> columns;
    private final int rows;

    private MetricsTable(Map<String, double[]> columns, int rows) {
        this.columns = columns;
        this.rows = rows;
    }

    /** Reads file; a missing, empty or malformed file is bad input. */
    public static MetricsTable read(Path file) {
        List<String> header;
        List<double[]> data = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null || first.isBlank()) {
                throw new BadInputException(file + " is empty (no header row)");
            }
            header = Arrays.stream(first.split(",", -1)).map(String::strip).toList();
            if (!header.contains("step")) {
                throw new BadInputException(file + " has no 'step' column: not an eos metrics file");
            }
            String line;
            int lineNo = 1;
            String pending = null;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (pending != null) {
                    throw new BadInputException(file + ": line " + (lineNo - 1) + " has " + count(pending)
                            + " cells, the header " + header.size());
                }
                if (line.isBlank()) {
                    continue;
                }
                if (count(line) != header.size()) {
                    pending = line; // only acceptable as the last line (a run killed mid-write)
                    continue;
                }
                data.add(parse(line, header.size(), file, lineNo));
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file (is this a run directory?)", e);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read it (" + e.getMessage() + ")", e);
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
            double[] col = new double[data.size()];
            for (int r = 0; r < col.length; r++) {
                col[r] = data.get(r)[c];
            }
            cols.put(header.get(c), col);
        }
        return new MetricsTable(cols, data.size());
    }

    private static int count(String line) {
        int n = 1;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ',') {
                n++;
            }
        }
        return n;
    }

    private static double[] parse(String line, int n, Path file, int lineNo) {
        double[] row = new double[n];
        int c = 0;
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == ',') {
                row[c++] = cell(line.substring(start, i).strip(), file, lineNo);
                start = i + 1;
            }
        }
        return row;
    }

    private static double cell(String s, Path file, int lineNo) {
        if (s.isEmpty()) {
            return Double.NaN;
        }
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new BadInputException(file + ": line " + lineNo + ": '" + s + "' is not a number");
                }
        }
    }

    /** Number of data rows. */
    public int rows() {
        return rows;
    }

    /** The column names, in file order. */
    public List<String> columns() {
        return List.copyOf(columns.keySet());
    }

    /** Whether the column exists and has at least one finite value. */
    public boolean has(String name) {
        double[] c = columns.get(name);
        if (c == null) {
            return false;
        }
        for (double v : c) {
            if (Double.isFinite(v)) {
                return true;
            }
        }
        return false;
    }

    /** The column (all NaN when absent). Not a copy: do not modify. */
    public double[] column(String name) {
        double[] c = columns.get(name);
        if (c == null) {
            c = new double[rows];
            Arrays.fill(c, Double.NaN);
        }
        return c;
    }

    /** The last finite value of a column, or NaN. */
    public double last(String name) {
        double[] c = column(name);
        for (int i = c.length - 1; i >= 0; i--) {
            if (Double.isFinite(c[i])) {
                return c[i];
            }
        }
        return Double.NaN;
    }

    /** The first finite value of a column, or NaN. */
    public double first(String name) {
        for (double v : column(name)) {
            if (Double.isFinite(v)) {
                return v;
            }
        }
        return Double.NaN;
    }
}
