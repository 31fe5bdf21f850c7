/**
 * Integration of gradient flow dx/dt = -grad L(x) (THEORY 1), shared by the two packages that need it and kept
 * below both, so neither depends on the other:
 * <ul>
 *   <li>{@link dev.eos.ode.GradientFlowIntegrator}: adaptive Dormand-Prince 5(4), substeps bounded by
 *       alpha / lambda_1 (Cohen et al., THEORY 7); used by {@code dev.eos.geometry.Phi} (the limit map) and by the
 *       "gf" optimizer ({@code dev.eos.optim.GradientFlow});</li>
 *   <li>{@link dev.eos.ode.SharpnessBound}: the warm-started power estimate of max |lambda(H)| behind that bound.</li>
 * </ul>
 * Depends on models and kernels only.
 */
package dev.eos.ode;
