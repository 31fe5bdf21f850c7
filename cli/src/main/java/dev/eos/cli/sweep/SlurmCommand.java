package dev.eos.cli.sweep;

import dev.eos.cli.common.BadInputException;
import dev.eos.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eos sweep slurm SWEEP}: writes SWEEP/sweep.sbatch and SWEEP/submit.sh for a Slurm job array. */
@Command(name = "slurm", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Write SWEEP/sweep.sbatch, a Slurm job array over the manifest (one row per task, %%K at a time, per-task "
                    + "logs in SWEEP/logs/), and SWEEP/submit.sh, which submits it in chunks below the cluster's "
                    + "MaxArraySize (read from scontrol show config when available, else 1000).",
            "Before the time limit Slurm signals the batch shell (--signal=B:USR1@S); the script hands the signal to "
                    + "eos, which checkpoints and exits 4, and requeues the task, which then resumes the row."},
        footer = {
            "%nExamples:",
            "  eos sweep slurm SWEEP --time 2:00:00 --concurrency 32 \\",
            "      --sbatch=--partition=short",
            "  bash SWEEP/submit.sh && squeue --me",
            "%nExit codes:", "  0 ok   1 internal error   2 bad input"})
final class SlurmCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SWEEP", description = "The sweep directory.")
    Path dir;

    @Option(names = "--time", paramLabel = "LIMIT", defaultValue = "4:00:00",
            description = "Time limit of one task, in Slurm's format (default: ${DEFAULT-VALUE}; longer rows "
                    + "continue after a requeue).")
    String time;

    @Option(names = "--concurrency", paramLabel = "K", defaultValue = "100",
            description = "Tasks running at once per array (%%K; default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--max-array-size", paramLabel = "M",
            description = "Array indices stay below M (default: MaxArraySize from scontrol show config, else 1000).")
    Integer maxArraySize;

    @Option(names = "--signal-seconds", paramLabel = "S", defaultValue = "120",
            description = "Seconds before the time limit at which eos is told to checkpoint (default: "
                    + "${DEFAULT-VALUE}).")
    int signalSeconds;

    @Option(names = "--cpus-per-task", paramLabel = "C",
            description = "CPUs per task (default: the rows' --threads, else 1).")
    Integer cpus;

    @Option(names = "--job-name", paramLabel = "NAME", description = "The job name (default: eos-<sweep name>).")
    String jobName;

    @Option(names = "--sbatch", paramLabel = "OPTION",
            description = "A further #SBATCH option, repeatable, e.g. --sbatch=--partition=short --sbatch=--mem=4G.")
    List<String> extra = new ArrayList<>();

    @Option(names = "--java-opts", paramLabel = "OPTS", description = "EOS_JAVA_OPTS for the tasks, e.g. \"-Xmx4g\".")
    String javaOpts = "";

    @Option(names = "--eos", paramLabel = "PATH",
            description = "The eos launcher the tasks run (default: this one).")
    Path eos;

    @Override
    public Integer call() throws IOException {
        SweepDir s = SweepDir.open(dir);
        Manifest m = s.readManifest();
        if (m.rows().isEmpty()) {
            throw new BadInputException(s.manifest() + " has no rows");
        }
        if (!time.matches("\\d+(-\\d+)?(:\\d+){0,2}|\\d+-\\d+")) {
            throw new BadInputException("--time " + time + " is not a Slurm time limit (e.g. 90, 4:00:00, 1-12:00:00)");
        }
        if (concurrency <= 0) {
            throw new BadInputException("--concurrency must be a positive integer, got " + concurrency);
        }
        if (signalSeconds <= 0 || signalSeconds > 65535) {
            throw new BadInputException("--signal-seconds must be between 1 and 65535, got " + signalSeconds);
        }
        if (cpus != null && cpus <= 0) {
            throw new BadInputException("--cpus-per-task must be a positive integer, got " + cpus);
        }
        for (String e : extra) {
            if (!e.startsWith("-") || e.contains("\n")) {
                throw new BadInputException("--sbatch " + e + ": give one sbatch option, e.g. --sbatch=--partition=short");
            }
        }
        SlurmArrays.Limit limit = maxArraySize != null ? new SlurmArrays.Limit(maxArraySize, "--max-array-size")
                : SlurmArrays.detect();
        if (limit.maxArraySize() <= 0) {
            throw new BadInputException("--max-array-size must be a positive integer, got " + limit.maxArraySize());
        }
        Path launcher = (eos != null ? eos : defaultLauncher()).toAbsolutePath().normalize();
        if (!Files.isExecutable(launcher)) {
            throw new BadInputException("--eos " + launcher + " is not an executable eos launcher");
        }
        List<SlurmArrays.Chunk> chunks = SlurmArrays.chunks(m.rows().size(), limit.maxArraySize());
        Path abs = dir.toAbsolutePath().normalize();
        String name = jobName != null ? jobName : "eos-" + abs.getFileName();
        SbatchScript script = new SbatchScript(abs, launcher, m.rows().size(), chunks,
                Math.min(concurrency, chunks.get(0).size()), time, signalSeconds, cpus != null ? cpus : threads(s),
                name.replaceAll("\\s", "_"), extra, javaOpts);
        Files.createDirectories(s.logs());
        Path sbatch = dir.resolve(SweepDir.SBATCH);
        Path submit = dir.resolve(SweepDir.SUBMIT);
        writeExecutable(sbatch, script.sbatch());
        writeExecutable(submit, script.submit());
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + sbatch + ": " + m.rows().size() + " rows as " + chunks.size() + " array"
                + (chunks.size() == 1 ? "" : "s") + " of at most " + chunks.get(0).size() + " tasks (MaxArraySize "
                + limit.maxArraySize() + ", " + limit.source() + "), " + script.concurrency() + " at a time, time "
                + "limit " + time);
        out.println("submit:   bash " + submit + (chunks.size() == 1 ? "   (or: sbatch " + sbatch + ")" : ""));
        out.println("then:     squeue --me; eos sweep collect " + dir);
        out.flush();
        return 0;
    }

    /** The rows' threads from base.toml (threads = T), else 1. */
    private static int threads(SweepDir s) throws IOException {
        for (String line : Files.readAllLines(s.base(), StandardCharsets.UTF_8)) {
            String l = line.strip();
            if (l.startsWith("threads")) {
                String v = l.replaceFirst("^threads\\s*=\\s*", "").strip();
                try {
                    return Math.max(1, Integer.parseInt(v));
                } catch (NumberFormatException e) {
                    return 1;
                }
            }
        }
        return 1;
    }

    /** The launcher next to this jar (ROOT/cli/target/eos.jar or ROOT/cli/target/classes: ROOT/eos), else "eos". */
    static Path defaultLauncher() {
        try {
            Path here = Path.of(SlurmCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = here.getParent() == null ? null : here.getParent().getParent();
            root = root == null ? null : root.getParent();
            if (root != null && Files.isExecutable(root.resolve("eos"))) {
                return root.resolve("eos");
            }
        } catch (URISyntaxException | RuntimeException e) {
            // below
        }
        throw new BadInputException("cannot find the eos launcher next to this jar: give it with --eos PATH");
    }

    private static void writeExecutable(Path file, String text) throws IOException {
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: run it with bash
        }
    }
}
