package dev.eos.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eos.io.FileDigest;
import dev.eos.io.Json;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An immutable, validated description of one run: model, algorithm, learning rate, length (a step count, or a horizon
 * T2 after Phase I), seed, perturbation, divergence bound, the metric schedule, checkpointing, the limiting flow and
 * threads. Build one with {@link #builder()}; {@link Builder#build()} rejects invalid values with an
 * IllegalArgumentException whose message names the field. Its JSON form ({@link #toJson}) uses the CLI's flag names
 * as keys and is what run.json and checkpoints store.
 *
 * <p>Length. With {@code steps = N} the run takes N steps. With {@code horizon = T2} it runs until
 * floor(T2 / eta^2) steps after the phase-2 start t_0 (THEORY 4.2: Phase II lasts T2/eta^2 steps), i.e. to
 * t_0 + {@link #horizonSteps()}, but never beyond {@link #maxSteps()} (a run that never reaches phase 2 ends there).
 *
 * <p>Phase: 1 until the first check at which ||x_t - Phi(x_t)|| (or the geometry's cheap estimate of dist(x_t, Gamma))
 * is at most c eta s, c = {@link #phaseConstant()} (default 2), s the amplitude scale of the Phase-II 2-cycle (THEORY 3:
 * distances C eta and (1 - C) eta for NGD, times sqrt(lambda_1/2) for GD on sqrt(L)): s = 1 for ngd, gd and gf,
 * sqrt(lambda_1(x_t)/2) for sqrt; 2 from then on. With c = 2 the rule fires about two steps from Gamma. Checked every
 * {@link #phaseEvery()} steps and at every metric row while in phase 1.
 */
public final class RunSpec {

    /** Default c of the phase rule dist(x, Gamma) &le; c eta s. */
    public static final double DEFAULT_PHASE_CONSTANT = 2.0;

    private final ModelConfig model;
    private final String algorithm;
    private final double eta;
    private final long steps;
    private final double horizon;
    private final long maxSteps;
    private final long seed;
    private final double noiseRadius;
    private final long noiseEvery;
    private final double divergenceBound;
    private final long metricsEvery;
    private final long phiEvery;
    private final int logPoints;
    private final int lastSteps;
    private final long snapshotEvery;
    private final long checkpointEvery;
    private final double checkpointSeconds;
    private final boolean flow;
    private final int threads;
    private final double phaseConstant;
    private final long phaseEvery;

    private RunSpec(Builder b) {
        this.model = Objects.requireNonNull(b.model, "a run needs a model");
        this.algorithm = b.algorithm;
        this.eta = b.eta;
        this.steps = b.steps;
        this.horizon = b.horizon;
        this.seed = b.seed;
        this.noiseRadius = b.noiseRadius;
        this.noiseEvery = b.noiseRadius > 0 && b.noiseEvery == 0 ? (long) Math.ceil(1 / b.eta) : b.noiseEvery;
        this.divergenceBound = b.divergenceBound;
        this.metricsEvery = b.metricsEvery;
        this.phiEvery = b.phiEvery;
        this.logPoints = b.logPoints;
        this.lastSteps = b.lastSteps;
        this.snapshotEvery = b.snapshotEvery;
        this.checkpointEvery = b.checkpointEvery;
        this.checkpointSeconds = b.checkpointSeconds;
        this.flow = b.flow;
        this.threads = b.threads;
        this.phaseConstant = b.phaseConstant;
        this.phaseEvery = b.phaseEvery > 0 ? b.phaseEvery : (b.metricsEvery > 0 ? b.metricsEvery : 100);
        this.maxSteps = b.steps > 0 ? b.steps
                : b.maxSteps > 0 ? b.maxSteps : Math.addExact(2 * horizonSteps(b.horizon, b.eta),
                        (long) Math.ceil(100 / b.eta));
    }

    /** A builder with the defaults documented on its setters. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this spec's values. */
    public Builder toBuilder() {
        Builder b = new Builder().model(model).algorithm(algorithm).eta(eta).seed(seed)
                .noise(noiseRadius, noiseEvery).divergenceBound(divergenceBound).metricsEvery(metricsEvery)
                .phiEvery(phiEvery).logPoints(logPoints).lastSteps(lastSteps).snapshotEvery(snapshotEvery)
                .checkpointEvery(checkpointEvery).checkpointSeconds(checkpointSeconds).flow(flow).threads(threads)
                .phaseConstant(phaseConstant).phaseEvery(phaseEvery);
        return isHorizon() ? b.horizon(horizon).maxSteps(maxSteps) : b.steps(steps);
    }

    public ModelConfig model() {
        return model;
    }

    /** The optimizer's name: "gd", "ngd", "sqrt" or "gf" (checked by the optimizer factory). */
    public String algorithm() {
        return algorithm;
    }

    public double eta() {
        return eta;
    }

    /** Whether the length is a horizon T2 (else a step count). */
    public boolean isHorizon() {
        return steps == 0;
    }

    /** The step count N, or 0 for a horizon run. */
    public long steps() {
        return steps;
    }

    /** T2, or NaN for a step-count run. */
    public double horizon() {
        return horizon;
    }

    /** floor(T2 / eta^2) (rounding noise in eta^2 forgiven), the phase-2 length of a horizon run; 0 otherwise. */
    public long horizonSteps() {
        return isHorizon() ? horizonSteps(horizon, eta) : 0;
    }

    /** The last step a run may reach: N for step-count runs, the cap for horizon runs. */
    public long maxSteps() {
        return maxSteps;
    }

    public long seed() {
        return seed;
    }

    /** Perturbation radius r (0: off). */
    public double noiseRadius() {
        return noiseRadius;
    }

    /** Perturbation period in steps (resolved: ceil(1/eta) when a radius is given without a period; 0 when off). */
    public long noiseEvery() {
        return noiseEvery;
    }

    /** The loss above which the run is declared diverged (+Infinity: only NaN and Inf are). */
    public double divergenceBound() {
        return divergenceBound;
    }

    /** Cheap metrics (loss, grad_norm, eta_eff, sharpness) every K steps (0: off). */
    public long metricsEvery() {
        return metricsEvery;
    }

    /** Expensive metrics every K steps (0: off). */
    public long phiEvery() {
        return phiEvery;
    }

    /** Expensive metrics at N log-spaced steps over the run (0: off). */
    public int logPoints() {
        return logPoints;
    }

    /** Full rows (cheap and expensive) at the last n steps. */
    public int lastSteps() {
        return lastSteps;
    }

    /** The iterate as .npy every K steps (0: off). */
    public long snapshotEvery() {
        return snapshotEvery;
    }

    /** Checkpoint every K steps (0: only by wall time, on stop and at the end). */
    public long checkpointEvery() {
        return checkpointEvery;
    }

    /** Checkpoint when this many seconds of wall time passed since the last one (0: never by time). */
    public double checkpointSeconds() {
        return checkpointSeconds;
    }

    /** Whether the limiting flow is integrated alongside (ngd and sqrt). */
    public boolean flow() {
        return flow;
    }

    /** Threads inside the run. */
    public int threads() {
        return threads;
    }

    /** c of the phase rule dist(x, Gamma) &le; c eta s. */
    public double phaseConstant() {
        return phaseConstant;
    }

    /** Steps between phase checks while in phase 1 (resolved: metricsEvery, else 100, when not given). */
    public long phaseEvery() {
        return phaseEvery;
    }

    /** JSON with the CLI's flag names as keys (files included: run.json and checkpoints store this). */
    public ObjectNode toJson() {
        return RunSpecJson.write(this);
    }

    /**
     * The canonical identity text: {@link #toJson} without what does not change the results (the model's file
     * paths, threads, checkpoint-every, checkpoint-seconds), keys sorted, compact. Equal experiments give equal text.
     * What the model's files hold does change the results: a spec with files adds "file-sha256", the SHA-256 of
     * each file's bytes by key ({@link FileDigest}), so two runs from different --init files (or a --target edited
     * in place) never share an id, while moving a file keeps it. Specs without files have no such key.
     */
    public String canonicalJson() {
        ObjectNode n = toJson();
        n.set("model", model.toJson(false));
        if (!model.files().isEmpty()) {
            ObjectNode digests = n.putObject("file-sha256");
            model.files().forEach((key, path) -> digests.put(key, FileDigest.sha256(Path.of(path))));
        }
        n.remove("threads");
        n.remove("checkpoint-every");
        n.remove("checkpoint-seconds");
        return Json.canonical(n);
    }

    /** A run id: the first 16 hex digits of SHA-256 of {@link #canonicalJson()}. */
    public String id() {
        return Json.sha256(canonicalJson()).substring(0, 16);
    }

    /** Parses {@link #toJson} output (unknown keys are refused). */
    public static RunSpec fromJson(JsonNode n) {
        return RunSpecJson.parse(n);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunSpec r && Json.canonical(toJson()).equals(Json.canonical(r.toJson()));
    }

    @Override
    public int hashCode() {
        return Json.canonical(toJson()).hashCode();
    }

    @Override
    public String toString() {
        return Json.canonical(toJson());
    }

    static long horizonSteps(double horizon, double eta) {
        double s = horizon / (eta * eta);
        // eta^2 is rarely exact (0.01^2 = 1.0000000000000002e-4): forgive a relative 1e-9 below an integer
        return (long) Math.floor(s * (1 + 1e-9));
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private ModelConfig model;
        private String algorithm = "ngd";
        private double eta = Double.NaN;
        private long steps;
        private double horizon = Double.NaN;
        private long maxSteps;
        private long seed;
        private double noiseRadius;
        private long noiseEvery;
        private double divergenceBound = Double.POSITIVE_INFINITY;
        private long metricsEvery = 1;
        private long phiEvery;
        private int logPoints;
        private int lastSteps;
        private long snapshotEvery;
        private long checkpointEvery;
        private double checkpointSeconds = 300;
        private boolean flow;
        private int threads = 1;
        private double phaseConstant = DEFAULT_PHASE_CONSTANT;
        private long phaseEvery;

        private Builder() {
        }

        /** Required. */
        public Builder model(ModelConfig m) {
            this.model = m;
            return this;
        }

        /** Default "ngd". */
        public Builder algorithm(String a) {
            this.algorithm = a;
            return this;
        }

        /** Required: eta &gt; 0. */
        public Builder eta(double e) {
            this.eta = e;
            return this;
        }

        /** Run N &gt; 0 steps (clears a horizon). */
        public Builder steps(long n) {
            this.steps = n;
            this.horizon = Double.NaN;
            return this;
        }

        /** Run floor(T2/eta^2) steps after the phase-2 start (clears a step count). */
        public Builder horizon(double t2) {
            this.horizon = t2;
            this.steps = 0;
            return this;
        }

        /** Cap of a horizon run (default 2 floor(T2/eta^2) + ceil(100/eta)). */
        public Builder maxSteps(long n) {
            this.maxSteps = n;
            return this;
        }

        /** Default 0. */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Perturbation of radius r every k steps (default off; k = 0 means ceil(1/eta)). */
        public Builder noise(double radius, long every) {
            this.noiseRadius = radius;
            this.noiseEvery = every;
            return this;
        }

        /** Default +Infinity (only NaN and Inf count as divergence). */
        public Builder divergenceBound(double b) {
            this.divergenceBound = b;
            return this;
        }

        /** Default 1 (every step). */
        public Builder metricsEvery(long k) {
            this.metricsEvery = k;
            return this;
        }

        /** Default 0 (off). */
        public Builder phiEvery(long k) {
            this.phiEvery = k;
            return this;
        }

        /** Default 0 (off). */
        public Builder logPoints(int n) {
            this.logPoints = n;
            return this;
        }

        /** Default 0. */
        public Builder lastSteps(int n) {
            this.lastSteps = n;
            return this;
        }

        /** Default 0 (off). */
        public Builder snapshotEvery(long k) {
            this.snapshotEvery = k;
            return this;
        }

        /** Default 0 (by wall time, on stop and at the end only). */
        public Builder checkpointEvery(long k) {
            this.checkpointEvery = k;
            return this;
        }

        /** Default 300 s. */
        public Builder checkpointSeconds(double s) {
            this.checkpointSeconds = s;
            return this;
        }

        /** Default false. */
        public Builder flow(boolean on) {
            this.flow = on;
            return this;
        }

        /** Default 1. */
        public Builder threads(int t) {
            this.threads = t;
            return this;
        }

        /** Default 2. */
        public Builder phaseConstant(double c) {
            this.phaseConstant = c;
            return this;
        }

        /** Default 0: metricsEvery, else 100. */
        public Builder phaseEvery(long k) {
            this.phaseEvery = k;
            return this;
        }

        /** Validates and builds. */
        public RunSpec build() {
            if (model == null) {
                throw new IllegalArgumentException("a run needs a model");
            }
            if (algorithm == null || algorithm.isBlank()) {
                throw new IllegalArgumentException("algo must not be empty");
            }
            if (!(eta > 0) || !Double.isFinite(eta)) {
                throw new IllegalArgumentException("eta must be a finite number > 0, got " + eta);
            }
            if (steps < 0) {
                throw new IllegalArgumentException("steps must be > 0, got " + steps);
            }
            if (steps == 0) {
                if (Double.isNaN(horizon)) {
                    throw new IllegalArgumentException("give either steps or horizon");
                }
                if (!(horizon > 0) || !Double.isFinite(horizon)) {
                    throw new IllegalArgumentException("horizon must be a finite number > 0, got " + horizon);
                }
                if (horizon / (eta * eta) > 9e15) {
                    throw new IllegalArgumentException("horizon / eta^2 = " + horizon / (eta * eta)
                            + " steps is too many");
                }
            }
            nonNegative("max-steps", maxSteps);
            if (!(noiseRadius >= 0) || !Double.isFinite(noiseRadius)) {
                throw new IllegalArgumentException("noise-radius must be a finite number >= 0, got " + noiseRadius);
            }
            nonNegative("noise-every", noiseEvery);
            if (!(divergenceBound > 0)) {
                throw new IllegalArgumentException("divergence-bound must be > 0, got " + divergenceBound);
            }
            nonNegative("metrics-every", metricsEvery);
            nonNegative("phi-every", phiEvery);
            nonNegative("log-points", logPoints);
            nonNegative("last-steps", lastSteps);
            nonNegative("snapshot-every", snapshotEvery);
            nonNegative("checkpoint-every", checkpointEvery);
            nonNegative("phase-every", phaseEvery);
            if (!(checkpointSeconds >= 0)) {
                throw new IllegalArgumentException("checkpoint-seconds must be >= 0, got " + checkpointSeconds);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            if (!(phaseConstant > 0) || !Double.isFinite(phaseConstant)) {
                throw new IllegalArgumentException("phase-c must be a finite number > 0, got " + phaseConstant);
            }
            return new RunSpec(this);
        }

        private static void nonNegative(String name, long v) {
            if (v < 0) {
                throw new IllegalArgumentException(name + " must be >= 0, got " + v);
            }
        }
    }
}
