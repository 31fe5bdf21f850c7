package dev.eos.cli.sweep;

import dev.eos.cli.common.BadInputException;
import java.util.function.Function;

/**
 * Which manifest row a {@code eos sweep run} invocation runs: {@code --index I}; else the scheduler's array index
 * (SLURM_ARRAY_TASK_ID, then JOB_COMPLETION_INDEX of a Kubernetes Indexed Job) plus {@code --index-offset} (arrays
 * are chunked below Slurm's MaxArraySize, so chunk c runs with offset c * chunk); else every row with
 * {@code --all}. Anything else is bad input that says how to choose.
 *
 * @param row    the row to run, or -1 for all rows
 * @param source how it was chosen, for messages (e.g. "SLURM_ARRAY_TASK_ID 3 + --index-offset 1000")
 */
record IndexChoice(int row, String source) {

    /** The Slurm array task index variable. */
    static final String SLURM = "SLURM_ARRAY_TASK_ID";
    /** The Kubernetes Indexed Job index variable. */
    static final String KUBERNETES = "JOB_COMPLETION_INDEX";

    /** Whether every row runs. */
    boolean all() {
        return row < 0;
    }

    /**
     * Chooses, for a manifest of {@code rows} rows.
     *
     * @param index  --index, or null
     * @param offset --index-offset, or null
     * @param all    --all
     * @param env    the environment (System::getenv)
     */
    static IndexChoice choose(Integer index, Integer offset, boolean all, Function<String, String> env, int rows) {
        if (index != null && all) {
            throw new BadInputException("give --index I or --all, not both");
        }
        if (offset != null && (index != null || all)) {
            throw new BadInputException("--index-offset shifts " + SLURM + " or " + KUBERNETES + " (arrays chunked "
                    + "below MaxArraySize); with " + (all ? "--all" : "--index, give the row itself"));
        }
        if (offset != null && offset < 0) {
            throw new BadInputException("--index-offset must be >= 0, got " + offset);
        }
        if (all) {
            return new IndexChoice(-1, "--all");
        }
        if (index != null) {
            return checked(index, "--index " + index, rows);
        }
        for (String var : new String[] {SLURM, KUBERNETES}) {
            String v = env.apply(var);
            if (v != null && !v.isBlank()) {
                int i;
                try {
                    i = Integer.parseInt(v.strip());
                } catch (NumberFormatException e) {
                    throw new BadInputException(var + "='" + v + "' is not a row index");
                }
                int off = offset == null ? 0 : offset;
                String source = var + " " + i + (off == 0 ? "" : " + --index-offset " + off);
                return checked((long) i + off, source, rows);
            }
        }
        throw new BadInputException("choose the rows to run: --index I (0.." + (rows - 1) + "), --all [--jobs N], "
                + "or run inside a Slurm job array (" + SLURM + ") or a Kubernetes Indexed Job (" + KUBERNETES + ")");
    }

    private static IndexChoice checked(long row, String source, int rows) {
        if (row < 0 || row >= rows) {
            throw new BadInputException(source + (source.startsWith("--index ") ? "" : " = row " + row)
                    + " is out of range: the manifest has " + rows + " row" + (rows == 1 ? "" : "s") + " (0.."
                    + (rows - 1) + ")");
        }
        return new IndexChoice((int) row, source);
    }
}
