package dev.eos.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.eos.rates.FitOptions;
import dev.eos.rates.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validation detects a wrong flow constant: the drift check on toy2d with a tiny grid passes with the theory's
 * -1/4 (NGD) and -1/8 (sqrt), and fails when the flows use -1/2 and -1/4 (THEORY 4.5: the residual then keeps an
 * O(eta^2) part, and the O(eta^3) rule rejects it).
 */
class WrongConstantTest {

    @TempDir
    Path tmp;

    private static final double[] ETAS = {0.04, 0.02, 0.01, 0.005};

    private CheckOutcome drift(FlowConstants constants, Path out) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CheckContext ctx = CheckContext.of("drift", Mode.QUICK, out, pool, constants,
                    FitOptions.defaults().withResamples(200), line -> { }, false);
            DriftCheck c = new DriftCheck(ETAS, List.of("toy2d/ngd", "toy2d/sqrt"));
            c.run(ctx);
            return ctx.outcome(c.title(), null);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theTheoryPassesAndAFlowWithMinusOneHalfFails() throws Exception {
        CheckOutcome right = drift(FlowConstants.THEORY, tmp.resolve("right"));
        assertNull(right.error());
        // per case: drift residual, sharpness residual, control (a flow with twice the constant must be rejected)
        assertEquals(6, right.entries().size());
        for (Entry e : right.entries()) {
            assertEquals(Verdict.PASS, e.verdict(), e.subject() + ": " + e.quantity() + " measured " + e.measured());
        }
        assertEquals(Verdict.PASS, right.verdict());

        CheckOutcome wrong = drift(new FlowConstants(0.5, 0.25), tmp.resolve("wrong"));
        for (Entry e : wrong.entries()) {
            if (e.quantity().startsWith("max |Phi")) {
                // the residual against the wrong flow is O(eta^2): slope ~2 < 2.5
                assertEquals(Verdict.FAIL, e.verdict(), e.subject() + " measured " + e.measured());
                assertEquals(2.0, e.value(), 0.2, "the exponent of a wrong constant's residual");
            }
        }
        assertEquals(Verdict.FAIL, wrong.verdict());
    }
}
