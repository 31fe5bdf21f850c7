/**
 * Portable seeded randomness: {@link dev.eos.random.SplitMix64} (one long of state, so checkpoints save it and a
 * resumed run draws the same numbers bit for bit) and {@link dev.eos.random.PortableMath} (log and exp from IEEE
 * basic operations, for Gaussian draws reproducible across JVMs). Used by the optimizers' noise and by the
 * gradient-flow integrator's power-iteration start ({@code dev.eos.ode.SharpnessBound}); depends on nothing.
 */
package dev.eos.random;
