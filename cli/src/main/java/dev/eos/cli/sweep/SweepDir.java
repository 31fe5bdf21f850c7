package dev.eos.cli.sweep;

import dev.eos.cli.common.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The layout of a sweep directory:
 * <pre>
 *   manifest.csv     one row per run: index, id, the grid values (written by eos sweep plan)
 *   base.toml        the options every row shares, as an eos run --config file (absolute paths)
 *   sweep.json       how the plan was made: eos version, grid expressions, the command line
 *   runs/&lt;id&gt;/       one eos run directory per row; DONE (atomic) once it completed or diverged
 *   summary.csv      eos sweep collect: one row per run
 *   sweep.sbatch     eos sweep slurm: the Slurm array script (submit.sh submits every chunk)
 *   logs/            per-task Slurm logs
 * </pre>
 *
 * @param dir the sweep directory
 */
record SweepDir(Path dir) {

    static final String BASE = "base.toml";
    static final String META = "sweep.json";
    static final String RUNS = "runs";
    static final String LOGS = "logs";
    static final String SUMMARY = "summary.csv";
    static final String SBATCH = "sweep.sbatch";
    static final String SUBMIT = "submit.sh";
    /** The marker of a finished run (completed or diverged), written atomically into its run directory. */
    static final String DONE = "DONE";

    /** An existing sweep (it has a manifest and a base config), or bad input saying how to make one. */
    static SweepDir open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": no such directory (plan a sweep with: eos sweep plan ... --out "
                    + dir + ")");
        }
        SweepDir s = new SweepDir(dir);
        if (!Files.isRegularFile(s.manifest()) || !Files.isRegularFile(s.base())) {
            throw new BadInputException(dir + " is not a sweep (no " + Manifest.NAME + " or " + BASE
                    + "; plan one with: eos sweep plan ... --out " + dir + ")");
        }
        return s;
    }

    Path manifest() {
        return dir.resolve(Manifest.NAME);
    }

    Path base() {
        return dir.resolve(BASE);
    }

    Path meta() {
        return dir.resolve(META);
    }

    Path runs() {
        return dir.resolve(RUNS);
    }

    /** The run directory of run id {@code id}. */
    Path run(String id) {
        return runs().resolve(id);
    }

    /** The DONE marker of run id {@code id}. */
    Path done(String id) {
        return run(id).resolve(DONE);
    }

    Path logs() {
        return dir.resolve(LOGS);
    }

    /** Reads the manifest. */
    Manifest readManifest() {
        return Manifest.read(manifest());
    }
}
