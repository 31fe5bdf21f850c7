package dev.eos.cli.backend;

import dev.eos.cli.options.Choices.Algo;
import java.nio.file.Path;

/**
 * What {@code eos flow} integrates.
 *
 * @param problem model and start (the flow starts at Phi(start))
 * @param algo    ngd (dX/dtau = -1/4 P_T grad log lambda_1) or sqrt (-1/8 P_T grad lambda_1), THEORY 4.2-4.3
 * @param tau     the final time T
 * @param points  number of rows of flow.csv
 * @param dir     output directory (exists, validated)
 */
public record FlowRequest(Problem problem, Algo algo, double tau, int points, Path dir) {
}
