/**
 * The one abstraction of mfkit: a slow variable x ∈ ℝ^d moved by small increments ε·f(x, e) while a
 * fast state e is redrawn by a kernel P_x that depends on x.
 *
 *     X_{k+1} = X_k + ε · f(X_k, e_k),        e_{k+1} ~ P_{X_{k+1}}(e_k, ·)
 *
 * Averaging f over the invariant law μ_x of P_x gives the limit ODE dx/dτ = F(x) = Σ_e μ_x(e) f(x, e)
 * on the rescaled clock τ = ε·k (see docs/homogenization.md).
 *
 * Instances: learners in n-player Markov games (`@mfkit/markov-game`, e = one transition (s, a, s')),
 * populations whose active agents are redrawn each step (`@mfkit/temporal-mean-field`), and more.
 * The fast state is an opaque mutable buffer `E` owned by the caller, so a simulation allocates nothing
 * per step.
 */
import type { RandomSource } from "./random-source.js";

/** A slow/fast stochastic-approximation model. */
export interface SlowFastModel<E> {
  /** Dimension d of the slow variable x. */
  readonly dim: number;

  /** A fresh, uninitialised fast-state buffer. */
  createFastState(): E;

  /** Draws the initial fast state e_0 given x_0 (writes into `e`). */
  initFastState(x: Float64Array, e: E, random: RandomSource): void;

  /** Redraws the fast state in place: e ← a draw from P_x(e, ·). */
  advanceFastState(x: Float64Array, e: E, random: RandomSource): void;

  /**
   * Applies one slow step in place: x ← x + scale · f(x, e), with f evaluated at the value of x
   * *before* the call (simultaneous update). f itself contains no step size.
   */
  applyIncrement(x: Float64Array, e: E, scale: number): void;

  /** The averaged drift F(x) = Σ_e μ_x(e) f(x, e), written into `out` (length d). */
  drift(x: Float64Array, out: Float64Array): void;
}

/**
 * A slow/fast model whose fast space is finite and small enough to enumerate: the kernel P_x and the
 * increment f(x, e) are available state by state: tests average f over the dense stationary law of P_x
 * (e.g. `@mfkit/markov-game`'s drift checks) as an independent oracle for closed-form or factored drifts.
 */
export interface FiniteSlowFastModel<E> extends SlowFastModel<E> {
  /** |E|, the number of fast states. */
  readonly fastSize: number;
  /** Writes the dense row-stochastic kernel P_x (|E|×|E|, row-major) into `out`. */
  kernel(x: Float64Array, out: Float64Array): void;
  /** Writes f(x, e) for the fast state with index `index` into `out` (length d). */
  incrementAt(x: Float64Array, index: number, out: Float64Array): void;
}
