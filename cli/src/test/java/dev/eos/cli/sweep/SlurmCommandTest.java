package dev.eos.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** eos sweep slurm: the array script, its chunks below MaxArraySize, and the signal hand-off it contains. */
class SlurmCommandTest {

    @TempDir
    Path tmp;

    @Test
    void chunksCoverEveryRowOnceBelowTheLimit() {
        assertEquals(List.of(new SlurmArrays.Chunk(0, 80)), SlurmArrays.chunks(80, 1000));
        assertEquals(List.of(new SlurmArrays.Chunk(0, 1001), new SlurmArrays.Chunk(1001, 1001),
                new SlurmArrays.Chunk(2002, 498)), SlurmArrays.chunks(2500, 1001));
        assertEquals(List.of(new SlurmArrays.Chunk(0, 3), new SlurmArrays.Chunk(3, 3)), SlurmArrays.chunks(6, 3));
    }

    @Test
    void maxArraySizeIsReadFromScontrol() {
        String out = "Configuration data as of 2026-01-01T00:00:00\nMaxArraySize            = 1001\n"
                + "MaxJobCount             = 10000\n";
        assertEquals(1001, SlurmArrays.parse(out));
        assertNull(SlurmArrays.parse("MaxJobCount = 10000\n"));
    }

    @Test
    void theScriptArraysTheManifestAndHandsTheSignalToEos() throws Exception {
        Path s = tmp.resolve("S");
        assertEquals(0, Cli.run(SweepCli.toyPlan(s, "--seeds", "0..6", "--threads", "2")).code());
        Cli.Result r = Cli.run("sweep", "slurm", s.toString(), "--max-array-size", "3", "--time",
                "0:30:00", "--concurrency", "2", "--sbatch=--partition=short");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("7 rows as 3 arrays of at most 3 tasks (MaxArraySize 3, --max-array-size)"),
                r.out());
        String sbatch = Files.readString(s.resolve("sweep.sbatch"));
        Path abs = s.toAbsolutePath();
        for (String line : List.of("#SBATCH --array=0-2%2", "#SBATCH --time=0:30:00", "#SBATCH --signal=B:USR1@120",
                "#SBATCH --requeue", "#SBATCH --cpus-per-task=2", "#SBATCH --partition=short",
                "#SBATCH --output=" + abs.resolve("logs") + "/%A_%a.log",
                "\"$eos\" sweep run \"$sweep\" --index-offset \"$offset\" --no-progress &",
                "trap on_usr1 USR1", "  scontrol requeue \"$SLURM_JOB_ID\"")) {
            assertTrue(sbatch.lines().anyMatch(l -> l.equals(line)), "missing line: " + line + "\n" + sbatch);
        }
        List<String> submit = Files.readAllLines(s.resolve("submit.sh")).stream()
                .filter(l -> l.startsWith("sbatch")).toList();
        assertEquals(3, submit.size());
        assertTrue(submit.get(2).startsWith("sbatch --array=0-0%2 --export=ALL,EOS_INDEX_OFFSET=6 "), submit.get(2));
        assertTrue(Files.isDirectory(s.resolve("logs")), "Slurm does not create the log directory itself");
        assertTrue(Files.isExecutable(s.resolve("sweep.sbatch")));
        Process bashN = new ProcessBuilder("bash", "-n", s.resolve("sweep.sbatch").toString()).start();
        assertEquals(0, bashN.waitFor(), "the script parses");
    }

    @Test
    void badSlurmOptionsExitTwo() throws Exception {
        Path s = tmp.resolve("S");
        assertEquals(0, Cli.run(SweepCli.toyPlan(s, "--seeds", "0..1")).code());
        String[][] bad = {{"--time", "soon"}, {"--concurrency", "0"}, {"--max-array-size", "0"},
            {"--sbatch", "partition=short"}, {"--eos", tmp.resolve("nope").toString()}};
        for (String[] b : bad) {
            Cli.Result r = Cli.run("sweep", "slurm", s.toString(), b[0], b[1]);
            assertEquals(2, r.code(), String.join(" ", b) + ": " + r);
            assertEquals(1, r.errLines().size(), r.toString());
        }
    }
}
