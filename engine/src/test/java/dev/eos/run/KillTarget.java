package dev.eos.run;

import java.nio.file.Path;

/**
 * A run for {@link KilledProcessTest} to kill with SIGKILL: {@code main(dir)} starts {@link #spec()} in dir with a
 * listener that pauses 10 ms after each checkpoint (timing only; the results do not depend on it), so the run lasts
 * a few seconds.
 */
public final class KillTarget {

    private KillTarget() {
    }

    static RunSpec spec() {
        return RunSpec.builder().model(ModelConfig.of("toy3d")).algorithm("ngd").eta(0.02).steps(60_000).seed(9)
                .noise(1e-7, 10).metricsEvery(2).phiEvery(500).logPoints(20).lastSteps(4).checkpointEvery(1000)
                .flow(true).build();
    }

    public static void main(String[] args) throws Exception {
        RunListener slow = new RunListener() {
            @Override
            public void onCheckpoint(long step) {
                try {
                    Thread.sleep(30); // >= 45 x 30 ms left after step 15,000: the test always finds it alive
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        TestKit.engine().start(spec(), Path.of(args[0]), slow, new StopToken());
    }
}
