package dev.eos.validation;

import dev.eos.run.Column;
import java.util.ArrayList;
import java.util.List;

/**
 * The time average over Phase-II steps of a quantity recorded at the expensive rows of a run (THEORY 4.4 (2): the
 * mean of theta_t over the floor(T2/eta^2) steps). The rows come in pairs (t, t+1), so each pair is averaged first
 * (the two members of the 2-cycle); the pair means, at log-spaced steps early and evenly spaced ones later, then
 * stand for the steps closest to them (each weighted by half the distance to its neighbours, the first reaching back
 * to t_0 and the last forward to the end). With log points from t = 0 a transient right after t_0 = 0 is resolved
 * step by step.
 */
final class TimeAverage {

    private TimeAverage() {
    }

    /**
     * The average of the column over the phase-2 rows of a run, or NaN when none has it.
     *
     * @param from the first step averaged (t_0)
     * @param to   the end of the run (exclusive)
     */
    static double of(EngineRun.Data d, Column c, long from, long to) {
        double[] step = d.column(Column.STEP);
        double[] v = d.column(c);
        boolean[] has = d.table().presence(c.csvName());
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < step.length; i++) {
            if (!has[i] || step[i] < from || !Double.isFinite(v[i])) {
                continue;
            }
            if (i + 1 < step.length && has[i + 1] && step[i + 1] == step[i] + 1 && Double.isFinite(v[i + 1])) {
                pts.add(new double[] {step[i] + 0.5, 0.5 * (v[i] + v[i + 1])});
                i++;
            } else {
                pts.add(new double[] {step[i], v[i]});
            }
        }
        if (pts.isEmpty()) {
            return Double.NaN;
        }
        double sw = 0;
        double s = 0;
        for (int k = 0; k < pts.size(); k++) {
            double lo = k == 0 ? from : 0.5 * (pts.get(k - 1)[0] + pts.get(k)[0]);
            double hi = k == pts.size() - 1 ? to : 0.5 * (pts.get(k)[0] + pts.get(k + 1)[0]);
            double w = Math.max(hi - lo, 0);
            sw += w;
            s += w * pts.get(k)[1];
        }
        return sw > 0 ? s / sw : pts.get(0)[1];
    }
}
