package dev.eos.cli.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV text for the sweep's tables (manifest.csv, summary.csv): a cell holding a comma, a quote or a line
 * break is quoted, with quotes doubled; anything else is written as is, so numbers stay bare and pandas, R and
 * NumPy read the files in one call.
 */
final class CsvText {

    private CsvText() {
    }

    /** One line (with its final newline) of these cells. */
    static String line(List<String> cells) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                s.append(',');
            }
            s.append(cell(cells.get(i)));
        }
        return s.append('\n').toString();
    }

    /** A cell, quoted when it must be. */
    static String cell(String text) {
        String t = text == null ? "" : text;
        if (t.indexOf(',') < 0 && t.indexOf('"') < 0 && t.indexOf('\n') < 0 && t.indexOf('\r') < 0) {
            return t;
        }
        return '"' + t.replace("\"", "\"\"") + '"';
    }

    /**
     * The records of a CSV text (header included), each a list of unquoted cells. A text ending without a newline
     * still counts its last record; a quote left open is an error naming the record.
     */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    quoted = true;
                    any = true;
                }
                case ',' -> {
                    row.add(cell.toString());
                    cell.setLength(0);
                    any = true;
                }
                case '\r' -> {
                    // CRLF line ends: the \n ends the record
                }
                case '\n' -> {
                    row.add(cell.toString());
                    rows.add(row);
                    row = new ArrayList<>();
                    cell.setLength(0);
                    any = false;
                }
                default -> {
                    cell.append(c);
                    any = true;
                }
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("record " + (rows.size() + 1) + " has an unterminated quoted cell");
        }
        if (any) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
