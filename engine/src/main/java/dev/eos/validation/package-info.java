/**
 * {@code ./eos validate} (issue 7): every prediction of the theory measured as a rate in eta.
 *
 * <pre>{@code
 * ValidationOptions o = ValidationOptions.of(Mode.QUICK, 2, Path.of("val"));   // or .withOnly(List.of("drift"))
 * ValidationReport r = Validation.run(o, line -> log(line));                    // runs the checks on 2 threads
 * ReportWriter.write(r, o.out());                                               // REPORT.md, validation.json
 * // figures: r.outcomes().get(i).plots() (PlotSpec data; the command line renders them into OUT/plots/)
 * }</pre>
 *
 * <p>Each {@link dev.eos.validation.Check} is named as in the issue (the {@code --only} values, {@link
 * dev.eos.validation.Validation#NAMES}). Checks that are runs go through the run engine ({@link
 * dev.eos.run.RunEngine} with {@link dev.eos.validation.ValidationMetrics}: run directories under OUT/runs/CHECK/);
 * quantities that no metrics column holds (phase1's distance to Phi(x_init), drift's two-step increments) are direct
 * computations with the same optimizers and geometry, which write a small CSV per run. Rates are fitted with
 * {@link dev.eos.rates.Rates} on aligned 2-cycle starts ({@link dev.eos.validation.Anchor}), generic starts beside
 * them. Work runs on a pool of {@code jobs} threads and results are assembled in a fixed order, so the report does
 * not depend on the number of threads.
 */
package dev.eos.validation;
