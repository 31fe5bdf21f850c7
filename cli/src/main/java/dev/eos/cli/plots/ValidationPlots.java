package dev.eos.cli.plots;

import dev.eos.validation.PlotSpec;
import dev.eos.validation.ReportWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Renders the figures of a validation report into OUT/plots/ (rate plots and curves over time). */
public final class ValidationPlots {

    private ValidationPlots() {
    }

    /** Draws every figure; returns the files written. */
    public static List<Path> draw(List<PlotSpec> specs, Path out) throws IOException {
        List<Path> files = new ArrayList<>();
        for (PlotSpec p : specs) {
            Path png = out.resolve(ReportWriter.plotPath(p.file()));
            switch (p) {
                case PlotSpec.Rate r -> {
                    List<RatePlot.Series> series = new ArrayList<>();
                    series.add(new RatePlot.Series(r.fitLabel(), r.fit(), true));
                    if (r.beside() != null) {
                        series.add(new RatePlot.Series(r.besideLabel(), r.beside(), false));
                    }
                    RatePlot.draw(png, r.title(), r.xLabel(), r.yLabel(),
                            r.rule(), series);
                    files.add(png);
                }
                case PlotSpec.Lines l -> {
                    if (LinesPlot.draw(l, png)) {
                        files.add(png);
                    }
                }
            }
        }
        return files;
    }
}
