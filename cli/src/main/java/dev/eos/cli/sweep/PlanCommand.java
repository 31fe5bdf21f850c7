package dev.eos.cli.sweep;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eos.Version;
import dev.eos.cli.common.BadInputException;
import dev.eos.cli.backend.Backend;
import dev.eos.cli.config.ConfigOption;
import dev.eos.cli.config.ResolvedOptions;
import dev.eos.cli.options.AlgorithmOptions;
import dev.eos.cli.options.MeasurementOptions;
import dev.eos.cli.options.ModelOptions;
import dev.eos.cli.options.StartOptions;
import dev.eos.io.AtomicFiles;
import dev.eos.io.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eos sweep plan}: the rows of a sweep, from eos run's options (or {@code --config}) with grids, into
 * SWEEP/manifest.csv (index, run id, the grid values), SWEEP/base.toml (what the rows share) and SWEEP/sweep.json.
 * Every row is resolved and checked as {@code eos run} would before anything is written.
 */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        preprocessor = GridArgs.class, customSynopsis = "eos sweep plan --out SWEEP [RUN OPTIONS] [--grid KEY=VALUES]...",
        description = {
            "Plan a sweep: eos run's options, any of which may be a grid; one row per combination (the first grid "
                    + "given is the outer loop). Writes SWEEP/manifest.csv (index, id, the varying values), "
                    + "SWEEP/base.toml (the shared options) and SWEEP/sweep.json.",
            "Grids (ranges include both ends): a:b:log:n (n values, equal steps in log10), a:b:lin:n, i..j "
                    + "(integers), v1,v2,... (a list; for list options such as --widths, lists separated by ';').",
            "A run's id is a hash of its resolved spec (file paths, threads and checkpointing excluded; the bytes "
                    + "of its input files included): re-planning with --force keeps the finished runs of rows that "
                    + "stay."},
        footer = {
            "%nExamples:",
            "  eos sweep plan --model toy2d --eta 1e-1:1e-4:log:16 --seeds 0..4 \\",
            "      --horizon 10 --out SWEEP",
            "  eos sweep plan --config base.toml --eta 1e-2,5e-3 --grid width=4,8,16 \\",
            "      --grid algo=ngd,sqrt --out S",
            "  eos sweep plan --grid 'widths=3,4,3;4,4,4' --steps 1e5 --out S --dry-run",
            "%nExit codes:",
            "  0 ok   1 internal error",
            "  2 bad plan (an empty grid, an unknown option, conflicting options, a row eos run would refuse)"})
public final class PlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin(name = "model")
    ModelOptions model;

    @Mixin(name = "start")
    StartOptions start;

    @Mixin(name = "algorithm")
    AlgorithmOptions algorithm;

    @Mixin(name = "measurement")
    MeasurementOptions measurement;

    @Option(names = "--out", paramLabel = "SWEEP", required = true,
            description = "The sweep directory (created; an existing sweep is refused unless --force).")
    Path out;

    @Option(names = "--grid", paramLabel = "KEY=VALUES",
            description = "Vary eos run's option --KEY over VALUES (repeatable). --KEY VALUES works too when VALUES "
                    + "is a grid.")
    List<String> grid = new ArrayList<>();

    @Option(names = "--seeds", paramLabel = "S",
            description = "Seeds of the random data, start and noise: a grid such as 0..4 or 1,7,9 "
                    + "(same as --grid seed=S).")
    String seeds;

    @Option(names = "--threads", paramLabel = "T",
            description = "Threads inside each run: matrix sensing splits each pass over its measurements, and a "
                    + "deep linear net each evaluation over the input columns of its products (d_0 >= 64), over them "
                    + "(up to 8; the same bits for any T; small problems stay on one); the other models use one "
                    + "(default: 1; --jobs of eos sweep run sets runs in parallel).")
    Integer threads;

    @Option(names = "--force", description = "Re-plan an existing sweep (runs of rows that stay are kept).")
    boolean force;

    @Option(names = "--dry-run", description = "Print the manifest and write nothing.")
    boolean dryRun;

    @Mixin(name = "config")
    ConfigOption config;

    private final Backend backend;

    PlanCommand(Backend backend) {
        this.backend = backend;
    }

    /** The run mixins: an option of one of these (or --threads) is an eos run option. */
    private static final List<String> RUN_MIXINS = List.of("model", "start", "algorithm", "measurement");

    /** Whether {@code key} names an eos run option that rows share or vary (not a plan-only option). */
    static boolean isRunOption(CommandSpec spec, String key) {
        if (key.equals("threads")) {
            return true;
        }
        for (String m : RUN_MIXINS) {
            CommandSpec mixin = spec.mixins().get(m);
            if (mixin != null && mixin.findOption("--" + key) != null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Integer call() throws IOException {
        ResolvedOptions r = ResolvedOptions.resolve(spec);
        RowParser parser = new RowParser(RootCommand.of(spec).fresh(backend));
        List<GridAxis> axes = axes(parser);
        Set<String> gridKeys = new java.util.LinkedHashSet<>();
        axes.forEach(a -> gridKeys.add(a.key()));
        for (String key : List.copyOf(r.values().keySet())) {
            boolean base = r.given(key) && isRunOption(spec, key) && !gridKeys.contains(key);
            if (!base) {
                r.remove(key);
            } else if (r.values().get(key) instanceof Path p) {
                r.put(key, p.toAbsolutePath().normalize()); // base.toml lives in SWEEP: no relative paths
            }
        }
        String baseToml = "# eos sweep plan: the options every row shares (an eos run --config file)\n" + r.toToml();
        long count = 1;
        for (GridAxis a : axes) {
            count *= a.values().size();
            if (count > GridAxis.MAX_ROWS) {
                throw new BadInputException("the grid has more than " + GridAxis.MAX_ROWS + " rows");
            }
        }
        if (!dryRun) {
            checkOut();
        }
        Path tmpBase = Files.createTempFile("eos-sweep-base", ".toml");
        List<ManifestRow> rows = new ArrayList<>();
        try {
            Files.writeString(tmpBase, baseToml, StandardCharsets.UTF_8);
            Map<String, Integer> byId = new HashMap<>();
            for (int i = 0; i < count; i++) {
                Map<String, String> values = point(axes, i);
                ManifestRow label = new ManifestRow(i, "0".repeat(16), values);
                String id = parser.resolve(tmpBase, values, out.resolve(SweepDir.RUNS).resolve("row"),
                        label.label()).id();
                Integer twin = byId.putIfAbsent(id, i);
                if (twin != null) {
                    throw new BadInputException("rows " + twin + " and " + i + " are the same run (id " + id + "): "
                            + "they differ only in options that do not change the results (threads, "
                            + "checkpoint-every, the paths of files with the same bytes); vary something else");
                }
                rows.add(new ManifestRow(i, id, values));
            }
        } finally {
            Files.deleteIfExists(tmpBase);
        }
        Manifest manifest = new Manifest(new ArrayList<>(gridKeys), rows);
        PrintWriter o = spec.commandLine().getOut();
        if (dryRun) {
            o.print(manifest.text());
            o.flush();
            return 0;
        }
        write(manifest, baseToml, axes);
        SweepDir s = new SweepDir(out);
        long existing = rows.stream().filter(row -> Files.isDirectory(s.run(row.id()))).count();
        o.println("planned " + rows.size() + " run" + (rows.size() == 1 ? "" : "s") + describe(axes) + " in " + out
                + (existing > 0 ? " (" + existing + " already have run directories, kept)" : ""));
        o.println("run them here:      eos sweep run " + out + " --all --jobs " + defaultJobs());
        o.println("or on Slurm:        eos sweep slurm " + out + "   (then: sbatch " + out.resolve(SweepDir.SBATCH)
                + ")");
        o.flush();
        return 0;
    }

    /** The grid axes from --grid (and the rewritten --KEY grids and --seeds), checked. */
    private List<GridAxis> axes(RowParser parser) {
        List<GridAxis> axes = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        var parsed = spec.commandLine().getParseResult();
        for (String g : grid) {
            int eq = g.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException("--grid " + g + ": expected KEY=VALUES, e.g. --grid width=4,8,16");
            }
            String key = g.substring(0, eq).strip().replaceFirst("^--", "");
            String expr = g.substring(eq + 1);
            if (parser.gridOption(key) == null) {
                boolean known = spec.findOption("--" + key) != null;
                throw new BadInputException("--grid " + key + ": " + (known
                        ? "--" + key + " is not a run option a grid can vary"
                        : "unknown option --" + key + " (eos run has no --" + key + ")" + suggest(key, parser)));
            }
            if (!seen.add(key)) {
                throw new BadInputException("--grid " + key + " is given twice (put every value in one grid)");
            }
            if (parsed != null && parsed.hasMatchedOption("--" + key)) {
                throw new BadInputException("--" + key + " is given both as a single value and as a grid: give one");
            }
            axes.add(GridAxis.parse(key, expr, parser.kind(key)));
        }
        return axes;
    }

    private static String suggest(String key, RowParser parser) {
        for (String k : parser.gridKeys()) {
            if (k.startsWith(key) || key.startsWith(k) || k.replace("-", "").equals(key.replace("-", ""))) {
                return "; did you mean --" + k + "?";
            }
        }
        return "";
    }

    /** The grid values of row i: the last axis varies fastest. */
    private static Map<String, String> point(List<GridAxis> axes, long i) {
        Map<String, String> values = new LinkedHashMap<>();
        long rest = i;
        long[] digit = new long[axes.size()];
        for (int a = axes.size() - 1; a >= 0; a--) {
            int n = axes.get(a).values().size();
            digit[a] = rest % n;
            rest /= n;
        }
        for (int a = 0; a < axes.size(); a++) {
            values.put(axes.get(a).key(), axes.get(a).values().get((int) digit[a]));
        }
        return values;
    }

    private static String describe(List<GridAxis> axes) {
        if (axes.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        axes.forEach(a -> parts.add(a.values().size() + " " + a.key()));
        return " (" + String.join(" x ", parts) + ")";
    }

    static int defaultJobs() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** Refuses an --out that holds something other than a sweep, or a sweep without --force. */
    private void checkOut() {
        if (!Files.exists(out)) {
            return;
        }
        if (!Files.isDirectory(out)) {
            throw new BadInputException("--out " + out + " is a file, not a directory");
        }
        boolean isSweep = Files.isRegularFile(out.resolve(Manifest.NAME));
        try (var entries = Files.list(out)) {
            List<String> foreign = entries.map(p -> p.getFileName().toString())
                    .filter(n -> !Set.of(Manifest.NAME, SweepDir.BASE, SweepDir.META, SweepDir.RUNS, SweepDir.LOGS,
                            SweepDir.SUMMARY, SweepDir.SBATCH, SweepDir.SUBMIT).contains(n.replaceFirst("\\.tmp$", "")))
                    .filter(n -> !n.startsWith("rates")).sorted().toList();
            if (!foreign.isEmpty()) {
                throw new BadInputException("--out " + out + " holds files that are not a sweep's (" + foreign.get(0)
                        + (foreign.size() > 1 ? ", ..." : "") + "): choose a new directory");
            }
            if (isSweep && !force) {
                throw new BadInputException("--out " + out + " already holds a sweep: run it with eos sweep run " + out
                        + " --all, or re-plan it with --force (finished runs of rows that stay are kept)");
            }
        } catch (IOException e) {
            throw new BadInputException("--out " + out + " cannot be read: " + e.getMessage(), e);
        }
    }

    private void write(Manifest manifest, String baseToml, List<GridAxis> axes) {
        SweepDir s = new SweepDir(out);
        try {
            Files.createDirectories(s.runs());
            AtomicFiles.write(s.base(), baseToml.getBytes(StandardCharsets.UTF_8));
            ObjectNode meta = Json.object();
            meta.put("format", "eos-sweep-1");
            ObjectNode eos = meta.putObject("eos");
            eos.put("version", Version.version());
            eos.put("commit", Version.commit());
            meta.put("created", Instant.now().toString());
            meta.put("rows", manifest.rows().size());
            ArrayNode g = meta.putArray("grid");
            for (GridAxis a : axes) {
                ObjectNode n = g.addObject();
                n.put("key", a.key());
                n.put("expr", a.expr());
                n.put("values", a.values().size());
            }
            ArrayNode cmd = meta.putArray("command");
            for (String arg : spec.commandLine().getParseResult().originalArgs()) {
                cmd.add(arg);
            }
            Json.writeAtomically(s.meta(), meta);
            manifest.write(s.manifest()); // last: a manifest marks a complete plan
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sweep into " + out + ": " + e.getMessage(), e);
        }
    }
}
