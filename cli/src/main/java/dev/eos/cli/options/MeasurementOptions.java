package dev.eos.cli.options;

import dev.eos.cli.options.Choices.Algo;
import java.util.Set;
import picocli.CommandLine.Option;

/** What a run measures and keeps, and how often: the metric schedules, the limiting flow, snapshots, checkpoints. */
public final class MeasurementOptions {

    @Option(names = "--metrics-every", paramLabel = "K", converter = Counts.class, defaultValue = "1000",
            description = "Cheap metrics (loss, grad_norm, eta_eff, sharpness) every K steps "
                    + "(default: ${DEFAULT-VALUE}).")
    public Long metricsEvery;

    @Option(names = "--phi-every", paramLabel = "K", converter = Counts.class,
            description = "Expensive metrics (stableness, Phi, theta, the EoS identities, the flow) every K "
                    + "steps (default: only at the --log-points steps).")
    public Long phiEvery;

    @Option(names = "--log-points", paramLabel = "N", converter = Counts.class, defaultValue = "200",
            description = "Expensive metrics also at N log-spaced steps, and all metrics at the last steps "
                    + "(default: ${DEFAULT-VALUE}).")
    public Long logPoints;

    @Option(names = "--flow", negatable = true,
            description = "Integrate the limiting flow alongside and record flow_dist and flow_sharpness "
                    + "(default: on for ngd and sqrt; --no-flow turns it off). The flow stops where lambda_1 at "
                    + "its point stops being simple (relative eigengap below 1e-3): it is not defined beyond.")
    public Boolean flow;

    @Option(names = "--snapshot-every", paramLabel = "K", converter = Counts.class,
            description = "Save the iterate as .npy every K steps (default: off).")
    public Long snapshotEvery;

    @Option(names = "--checkpoint-every", paramLabel = "K", converter = Counts.class,
            description = "Checkpoint every K steps (default: every few minutes of wall time, and on "
                    + "SIGINT/SIGTERM/SIGUSR1).")
    public Long checkpointEvery;

    /** Refuses bad values, and --flow for an algorithm without a limiting flow. */
    public void check(Set<String> given, Algo algo) {
        Checks.positive("metrics-every", metricsEvery);
        Checks.positive("phi-every", phiEvery);
        if (logPoints != null && logPoints < 0) {
            throw Checks.bad("--log-points must be >= 0, got " + logPoints);
        }
        Checks.positive("snapshot-every", snapshotEvery);
        Checks.positive("checkpoint-every", checkpointEvery);
        if (Boolean.TRUE.equals(flow) && !algo.hasLimitingFlow()) {
            throw Checks.bad("--flow: --algo " + algo + " has no limiting flow (only ngd and sqrt do)");
        }
    }

    /** Whether the flow is integrated: as asked, else on exactly for the algorithms that have one. */
    public boolean effectiveFlow(Algo algo) {
        return flow != null ? flow : algo.hasLimitingFlow();
    }
}
