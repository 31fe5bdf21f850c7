package dev.eos.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eos.cli.backend.Backend;
import dev.eos.cli.backend.ModelRequest;
import dev.eos.cli.backend.Problem;
import dev.eos.cli.backend.SharpnessRequest;
import dev.eos.cli.backend.SharpnessResult;
import dev.eos.cli.common.BadInputException;
import dev.eos.cli.common.ExitCodes;
import dev.eos.cli.config.ConfigOption;
import dev.eos.cli.config.ResolvedOptions;
import dev.eos.cli.options.Choices.Algo;
import dev.eos.cli.options.Choices.WhichEnd;
import dev.eos.cli.options.ModelOptions;
import dev.eos.cli.options.StartOptions;
import dev.eos.cli.output.Format;
import dev.eos.spectral.Which;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eos sharpness}: the top Hessian eigenvalues at a start point (or at Phi of it), with the stableness. */
@Command(name = "sharpness", mixinStandardHelpOptions = true, customSynopsis = "eos sharpness [OPTIONS]",
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Compute the top eigenvalues of the Hessian (the sharpness lambda_1 and the next ones) at "
                + "the start point given by the model and start options, or at Phi of it (--at-phi); with --eta, "
                + "also the stableness S_L(x, eta_t) of that algorithm's step.",
        footer = {
            "%nExamples:",
            "  eos sharpness --model toy2d --init point.npy",
            "  eos sharpness --at-phi --k 3                 # on the manifold",
            "  eos sharpness --eta 0.01 --algo ngd --json   # with the stableness, as JSON",
            "%nExit codes:",
            "  0 ok   1 internal error   2 bad input"})
final class SharpnessCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin(name = "model")
    ModelOptions model;

    @Mixin(name = "start")
    StartOptions start;

    @Option(names = "--at-phi", description = "Evaluate at Phi(x), the gradient-flow limit of the start point.")
    boolean atPhi;

    @Option(names = "--k", paramLabel = "K", defaultValue = "1",
            description = "Number of eigenvalues (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--which", paramLabel = "la|lm", defaultValue = "la", converter = WhichEnd.Converter.class,
            completionCandidates = WhichEnd.Candidates.class,
            description = "la: algebraically largest (default); lm: largest magnitude.")
    WhichEnd which;

    @Option(names = "--exact", description = "Dense path: D Hessian-vector products and a dense eigensolver "
            + "(small D; a check on Lanczos).")
    boolean exact;

    @Option(names = "--eta", paramLabel = "E", description = "Also compute the stableness S_L(x, eta_t) at this "
            + "learning rate.")
    Double eta;

    @Option(names = "--algo", paramLabel = "A", converter = Algo.Converter.class,
            completionCandidates = Algo.Candidates.class,
            description = "The algorithm whose eta_t the stableness uses: ngd, sqrt or gd (default with --eta: ngd).")
    Algo algo;

    @Option(names = "--eigenvectors", paramLabel = "FILE.npy",
            description = "Write the eigenvectors as a K x D float64 .npy.")
    Path eigenvectors;

    @Option(names = "--json", description = "Print one JSON object: eigenvalues (descending), residuals, hvps, "
            + "seconds, method (and stableness).")
    boolean json;

    @Mixin(name = "config")
    ConfigOption config;

    private final Backend backend;

    SharpnessCommand(Backend backend) {
        this.backend = backend;
    }

    @Override
    public Integer call() throws Exception {
        ResolvedOptions r = ResolvedOptions.resolve(spec);
        model.checkApplicable(r.givenKeys());
        start.check(r.givenKeys());
        if (k <= 0) {
            throw new BadInputException("--k must be a positive integer, got " + k);
        }
        if (eta != null && !(eta > 0 && Double.isFinite(eta))) {
            throw new BadInputException("--eta must be a positive finite number, got " + eta);
        }
        if (algo != null && eta == null) {
            throw new BadInputException("--algo selects the stableness's eta_t: give --eta too");
        }
        if (algo == Algo.GF) {
            throw new BadInputException("--algo gf takes no discrete step, so it has no stableness: use ngd, sqrt "
                    + "or gd");
        }
        checkOutputFile(eigenvectors);
        ModelRequest request = ModelRequest.of(model, start, model.builtIn(r.givenKeys()));
        Problem problem = backend.problem(request);
        int d = problem.model().dim();
        if (k > d) {
            throw new BadInputException("--k " + k + " exceeds the number of parameters D = " + d);
        }
        SharpnessResult res = backend.sharpness(new SharpnessRequest(problem, atPhi, k,
                which == WhichEnd.LM ? Which.LARGEST_MAGNITUDE : Which.LARGEST_ALGEBRAIC, exact, eta,
                eta == null ? null : algo == null ? Algo.NGD : algo));
        res = descending(res, d);
        if (eigenvectors != null) {
            dev.eos.io.Npy.write(eigenvectors, res.eigenvectors(), k, d);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(res, problem));
        } else {
            for (int i = 0; i < res.eigenvalues().length; i++) {
                out.println(String.format(Locale.ROOT, "lambda_%d = %.12g   (residual %.2e)", i + 1,
                        res.eigenvalues()[i], res.residuals()[i]));
            }
            if (Double.isFinite(res.stableness()) || eta != null) {
                out.println(String.format(Locale.ROOT, "stableness S_L(x, eta_t) = %.12g   (%s, eta = %s)",
                        res.stableness(), algo == null ? "ngd" : algo.cliName(), Format.real(eta)));
            }
            out.println(String.format(Locale.ROOT, "# %s at %s, %d Hessian-vector products, %.3f s", res.method(),
                    atPhi ? "Phi(x)" : "x", res.hvps(), res.seconds()));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The pairs in descending algebraic order (--which lm selects by magnitude; the output is always sorted). */
    static SharpnessResult descending(SharpnessResult r, int d) {
        int k = r.eigenvalues().length;
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(r.eigenvalues()[b], r.eigenvalues()[a]));
        double[] values = new double[k];
        double[] residuals = new double[k];
        double[] vectors = new double[r.eigenvectors().length];
        for (int i = 0; i < k; i++) {
            values[i] = r.eigenvalues()[order[i]];
            residuals[i] = r.residuals()[order[i]];
            if (vectors.length == k * d) {
                System.arraycopy(r.eigenvectors(), order[i] * d, vectors, i * d, d);
            }
        }
        return new SharpnessResult(values, vectors, residuals, r.hvps(), r.seconds(), r.method(), r.stableness());
    }

    private static String json(SharpnessResult res, Problem problem) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode o = m.createObjectNode();
        ArrayNode ev = o.putArray("eigenvalues");
        for (double v : res.eigenvalues()) {
            ev.add(v);
        }
        ArrayNode rs = o.putArray("residuals");
        for (double v : res.residuals()) {
            rs.add(v);
        }
        o.put("hvps", res.hvps());
        o.put("seconds", res.seconds());
        o.put("method", res.method());
        if (!Double.isNaN(res.stableness())) {
            o.put("stableness", res.stableness());
        }
        o.put("model", problem.model().name());
        o.put("dim", problem.model().dim());
        return o.toString();
    }

    /** An output file must not be a directory and its directory must exist and be writable. */
    static void checkOutputFile(Path file) {
        if (file == null) {
            return;
        }
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + " is a directory, not a file name");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new BadInputException(file + ": the directory " + parent + " does not exist");
        }
        if (!Files.isWritable(parent)) {
            throw new BadInputException(file + ": " + parent + " is not writable (permission denied)");
        }
        if (!file.getFileName().toString().endsWith(".npy")) {
            throw new BadInputException(file + ": the file name must end in .npy");
        }
    }
}
