package dev.eos.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a numeric CSV file as written by {@link CsvWriter}: a header row, then rows of numbers or empty cells.
 * Empty cells become NaN in the columns and are flagged in {@link Table#present}.
 */
public final class CsvReader {

    private CsvReader() {
    }

    /**
     * A CSV table by columns.
     *
     * @param header  the column names
     * @param columns columns[j][i] = the value at row i of column j (NaN when empty)
     * @param present present[j][i] = whether that cell was non-empty
     * @param tornTail whether the file ended in a partial row without its newline (it is not included)
     */
    public record Table(List<String> header, double[][] columns, boolean[][] present, boolean tornTail) {

        /** The number of data rows. */
        public int rows() {
            return columns.length == 0 ? 0 : columns[0].length;
        }

        /** The column named {@code name}. */
        public double[] column(String name) {
            int j = header.indexOf(name);
            if (j < 0) {
                throw new IllegalArgumentException("no column '" + name + "' in " + header);
            }
            return columns[j];
        }

        /** Whether the cells of column {@code name} are non-empty. */
        public boolean[] presence(String name) {
            return present[header.indexOf(name)];
        }
    }

    /** Reads {@code path}; a malformed row (wrong cell count, non-number) raises an IOException naming its line. */
    public static Table read(Path path) throws IOException {
        String text = Files.readString(path, StandardCharsets.US_ASCII);
        boolean torn = !text.isEmpty() && text.charAt(text.length() - 1) != '\n';
        String[] lines = text.split("\n", -1);
        int complete = lines.length - 1; // the last element is "" or the torn tail, never a complete row
        if (complete < 1) {
            throw new IOException(path + ": no header row");
        }
        List<String> header = List.of(lines[0].split(",", -1));
        int n = complete - 1;
        int m = header.size();
        double[][] cols = new double[m][n];
        boolean[][] present = new boolean[m][n];
        for (int i = 0; i < n; i++) {
            String[] cells = lines[i + 1].split(",", -1);
            if (cells.length != m) {
                throw new IOException(path + ":" + (i + 2) + ": " + cells.length + " cells, header has " + m);
            }
            for (int j = 0; j < m; j++) {
                String c = cells[j];
                if (c.isEmpty()) {
                    cols[j][i] = Double.NaN;
                } else {
                    try {
                        cols[j][i] = parseDouble(c);
                    } catch (NumberFormatException e) {
                        throw new IOException(path + ":" + (i + 2) + ": '" + c + "' is not a number", e);
                    }
                    present[j][i] = true;
                }
            }
        }
        return new Table(header, cols, present, torn);
    }

    /** Parses a cell written by {@link CsvWriter} (also accepts inf/Infinity/nan spellings). */
    public static double parseDouble(String c) {
        return switch (c) {
            case "inf", "+inf", "Infinity", "+Infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-Infinity" -> Double.NEGATIVE_INFINITY;
            case "nan", "NaN" -> Double.NaN;
            default -> Double.parseDouble(c);
        };
    }

    /** The lines of a file's complete rows (header first), for tests that compare rows textually. */
    public static List<String> lines(Path path) throws IOException {
        String text = Files.readString(path, StandardCharsets.US_ASCII);
        List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
        out.remove(out.size() - 1); // the tail after the last newline: "" or a torn row
        return out;
    }
}
