/**
 * The geometry of the minimizer manifold Gamma (THEORY 1, 4):
 * <ul>
 *   <li>{@link dev.eos.geometry.Phi}: the gradient-flow limit map (closed form, or adaptive ODE integration);</li>
 *   <li>{@link dev.eos.geometry.TangentProjector}: P_T at a point of Gamma, matrix-free (CGLS in the output space for
 *       least-squares models, top-M eigenvectors otherwise);</li>
 *   <li>{@link dev.eos.geometry.NewtonProjection}: x - J^+ (F(x) - y), onto Gamma to second order;</li>
 *   <li>{@link dev.eos.geometry.LimitingFlow}: dX/dtau = -1/4 P_T grad log lambda_1 (NGD) or -1/8 P_T grad lambda_1
 *       (sqrt), RK4 with re-projection onto Gamma;</li>
 *   <li>{@link dev.eos.geometry.ManifoldDistance}: a cheap distance-to-Gamma estimate and the phase rule;</li>
 *   <li>{@link dev.eos.geometry.Alignment}: the angle theta between x~ and v_1 at Phi(x).</li>
 * </ul>
 * Models whose Gamma is degenerate are refused with a {@link dev.eos.geometry.DegenerateManifoldException} wherever
 * the theory does not define the quantity (P_T, the flows).
 */
package dev.eos.geometry;
