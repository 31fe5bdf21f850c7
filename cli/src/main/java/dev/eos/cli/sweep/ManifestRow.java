package dev.eos.cli.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One data row of manifest.csv: its 0-based index, its run id, and its grid values (option key to command-line
 * text, in the manifest's column order).
 *
 * @param index  the row's 0-based position among the data rows
 * @param id     the run id (16 hex digits of the spec's hash); the run lives in SWEEP/runs/&lt;id&gt;/
 * @param values the grid values
 */
record ManifestRow(int index, String id, Map<String, String> values) {

    ManifestRow {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** "row 3 (eta=0.01, seed=2)": how messages name the row. */
    String label() {
        StringJoiner j = new StringJoiner(", ", " (", ")");
        j.setEmptyValue("");
        values.forEach((k, v) -> j.add(k + "=" + v));
        return "row " + index + j;
    }
}
