package dev.eos.cli;

import dev.eos.cli.backend.Backend;
import dev.eos.cli.backend.FlowRequest;
import dev.eos.cli.backend.FlowResult;
import dev.eos.cli.backend.ModelRequest;
import dev.eos.cli.backend.Problem;
import dev.eos.cli.common.BadInputException;
import dev.eos.cli.common.ExitCodes;
import dev.eos.cli.config.ConfigOption;
import dev.eos.cli.config.ResolvedOptions;
import dev.eos.cli.options.Choices.Algo;
import dev.eos.cli.options.ModelOptions;
import dev.eos.cli.options.StartOptions;
import dev.eos.cli.output.Format;
import dev.eos.cli.output.OutDirectory;
import dev.eos.cli.output.RunSession;
import dev.eos.run.StopToken;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eos flow}: integrates the limiting flow of normalized GD or GD on sqrt(L) from Phi of the start point. */
@Command(name = "flow", mixinStandardHelpOptions = true, customSynopsis = "eos flow [OPTIONS]", sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Integrate the limiting flow of ngd or sqrt on the minimizer manifold from X(0) = Phi(x_0), and write "
                    + "flow.csv (tau, loss, sharpness, step_norm) and final.npy (X(T)) into --out.",
            "The flows (THEORY 4.2-4.3):",
            "  ngd:  dX/dtau = -1/4 P_T grad log lambda_1(X)",
            "  sqrt: dX/dtau = -1/8 P_T grad lambda_1(X)"},
        footer = {
            "%nExamples:",
            "  eos flow --tau 15                   # the built-in deep-linear model, ngd flow",
            "  eos flow --model toy2d --init start.npy --algo sqrt --tau 2 --out flows/toy",
            "%nExit codes:",
            "  0 ok   1 internal error   2 bad input (also: a degenerate manifold)"})
final class FlowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin(name = "model")
    ModelOptions model;

    @Mixin(name = "start")
    StartOptions start;

    @Option(names = "--algo", paramLabel = "A", defaultValue = "ngd", converter = Algo.Converter.class,
            completionCandidates = Algo.Candidates.class,
            description = "Whose flow: ngd or sqrt (default: ${DEFAULT-VALUE}).")
    Algo algo;

    @Option(names = "--tau", paramLabel = "T", defaultValue = "15",
            description = "Final flow time T (tau = eta^2 * steps; default: ${DEFAULT-VALUE}).")
    double tau;

    @Option(names = "--points", paramLabel = "N", defaultValue = "200",
            description = "Rows of flow.csv, evenly spaced in tau (default: ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory (default: a new runs/<date>-<time>-flow-<model>-<algo>).")
    Path out;

    @Option(names = "--force", description = "Replace the eos files in --out (refused when other files are there).")
    boolean force;

    @Option(names = "--no-progress", description = "No progress bar: a plain log line every few seconds.")
    boolean noProgress;

    @Mixin(name = "config")
    ConfigOption config;

    private final Backend backend;

    FlowCommand(Backend backend) {
        this.backend = backend;
    }

    @Override
    public Integer call() {
        ResolvedOptions r = ResolvedOptions.resolve(spec);
        model.checkApplicable(r.givenKeys());
        start.check(r.givenKeys());
        if (!algo.hasLimitingFlow()) {
            throw new BadInputException("--algo " + algo + " has no limiting flow: use ngd or sqrt");
        }
        if (!(tau > 0 && Double.isFinite(tau))) {
            throw new BadInputException("--tau must be a positive finite number, got " + tau);
        }
        if (points < 2) {
            throw new BadInputException("--points must be at least 2, got " + points);
        }
        Path dir = out != null ? out : OutDirectory.freshDefault(OutDirectory.runsBase(),
                "flow-" + model.model.cliName(),
                algo.cliName(), LocalDateTime.now());
        OutDirectory.checkOut(dir, force);
        ModelRequest request = ModelRequest.of(model, start, model.builtIn(r.givenKeys()));
        Problem problem = backend.problem(request);
        PrintWriter err = spec.commandLine().getErr();
        FlowResult res = OutDirectory.fill(dir, force, () -> {
            try (RunSession session = RunSession.open("flow", noProgress, err, new StopToken())) {
                return backend.flow(new FlowRequest(problem, algo, tau, points, dir), session);
            }
        });
        PrintWriter o = spec.commandLine().getOut();
        o.println("limiting flow (" + algo + ") of " + problem.model().name() + " to tau = " + Format.real(res.tau())
                + ": lambda_1 " + Format.real(res.sharpnessStart()) + " -> " + Format.real(res.sharpnessEnd())
                + (Double.isFinite(problem.flattest()) ? " (flattest on Gamma: " + Format.real(problem.flattest())
                        + ")" : ""));
        o.println(Format.count(res.steps()) + " integrator steps in " + Format.duration(res.seconds()) + "; files: "
                + dir.resolve("flow.csv") + ", " + dir.resolve("final.npy"));
        o.flush();
        return ExitCodes.OK;
    }
}
