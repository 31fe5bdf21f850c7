package dev.eos.cli.sweep;

import dev.eos.cli.common.BadInputException;
import dev.eos.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * manifest.csv: a header {@code index,id,<grid keys...>}, then one row per run. The grid keys are eos run's flag
 * names without dashes and the cells the values as command-line text, so a row plus base.toml rebuilds its run.
 *
 * @param keys the grid keys, in column order
 * @param rows the data rows, index 0, 1, ...
 */
record Manifest(List<String> keys, List<ManifestRow> rows) {

    static final String NAME = "manifest.csv";

    Manifest {
        keys = List.copyOf(keys);
        rows = List.copyOf(rows);
    }

    /** The header cells. */
    List<String> header() {
        List<String> h = new ArrayList<>(List.of("index", "id"));
        h.addAll(keys);
        return h;
    }

    /** The CSV text. */
    String text() {
        StringBuilder s = new StringBuilder(CsvText.line(header()));
        for (ManifestRow r : rows) {
            List<String> cells = new ArrayList<>(List.of(Integer.toString(r.index()), r.id()));
            for (String k : keys) {
                cells.add(r.values().get(k));
            }
            s.append(CsvText.line(cells));
        }
        return s.toString();
    }

    /** Writes the manifest atomically. */
    void write(Path file) throws IOException {
        AtomicFiles.write(file, text().getBytes(StandardCharsets.UTF_8));
    }

    /** Reads and checks a manifest (header, indices 0..N-1, ids); a malformed one is bad input naming the line. */
    static Manifest read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read it (" + e.getMessage() + ")", e);
        }
        List<List<String>> records;
        try {
            records = CsvText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file + ": " + e.getMessage(), e);
        }
        if (records.isEmpty() || records.get(0).size() < 2 || !records.get(0).get(0).equals("index")
                || !records.get(0).get(1).equals("id")) {
            throw new BadInputException(file + ": not an eos manifest (its header must start with index,id)");
        }
        List<String> header = records.get(0);
        List<String> keys = header.subList(2, header.size());
        List<ManifestRow> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> rec = records.get(i);
            if (rec.size() != header.size()) {
                throw new BadInputException(file + ":" + (i + 1) + ": " + rec.size() + " cells, the header has "
                        + header.size());
            }
            if (!rec.get(0).equals(Integer.toString(i - 1))) {
                throw new BadInputException(file + ":" + (i + 1) + ": index " + rec.get(0) + ", expected " + (i - 1)
                        + " (rows are numbered 0, 1, ... in order)");
            }
            if (!rec.get(1).matches("[0-9a-f]{16}")) {
                throw new BadInputException(file + ":" + (i + 1) + ": '" + rec.get(1) + "' is not a run id");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int j = 0; j < keys.size(); j++) {
                values.put(keys.get(j), rec.get(j + 2));
            }
            rows.add(new ManifestRow(i - 1, rec.get(1), values));
        }
        return new Manifest(keys, rows);
    }
}
