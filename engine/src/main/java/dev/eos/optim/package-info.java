/**
 * The algorithms of THEORY 2 as in-place steppers ({@link dev.eos.optim.Optimizer}), created by name with
 * {@link dev.eos.optim.Optimizers#create}:
 * <ul>
 *   <li>"gd": x -= eta grad L;</li>
 *   <li>"ngd": x -= eta grad L / ||grad L|| (a zero gradient skips the step, flagged);</li>
 *   <li>"sqrt": x -= eta grad L / (2 sqrt(L - L_min)) (L &lt;= L_min skips the step, flagged);</li>
 *   <li>"gf": gradient flow advanced by time eta per step (adaptive Dormand-Prince 5(4) bounded by alpha/lambda_1,
 *       {@link dev.eos.ode.GradientFlowIntegrator}).</li>
 * </ul>
 * The first three optionally add noise uniform in a ball every k steps ({@link dev.eos.optim.BallNoise}, seeded
 * {@link dev.eos.random.SplitMix64} whose state is part of the checkpoint state). A step makes one fused
 * lossAndGradient call and allocates nothing.
 */
package dev.eos.optim;
