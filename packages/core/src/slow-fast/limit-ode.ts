/**
 * The limit ODE of a slow/fast model, on either clock (docs/homogenization.md §1):
 *
 * | clock               | ODE                 | matches the process |
 * | `rescaled` (default)| dx/dτ = F(x)        | X_k ≈ x(τ = ε·k)    |
 * | `iterations` (mgap) | dx/dt = ε·F(x)      | X_k ≈ x(t = k)      |
 */
import { MfkitError } from "../errors.js";
import { type OdeOptions, type OdeSolution, solveOde } from "../ode/index.js";
import type { SlowFastModel } from "./slow-fast-model.js";

/** Time unit of the limit ODE: rescaled τ = ε·k, or the iteration count k. */
export type Clock = "rescaled" | "iterations";

/** Options of {@link solveLimitOde}: the clock, ε, the horizon, and any {@link OdeOptions} but `evalTimes`. */
export interface LimitOdeOptions extends Omit<OdeOptions, "evalTimes"> {
  clock?: Clock;
  /** ε, the reference step size (needed for the iteration clock). */
  referenceRate: number;
  /** End of the time span, in the clock's units. */
  horizon: number;
  /** Output times in the clock's units (default: 101 evenly spaced times on [0, horizon]). */
  evalTimes?: readonly number[];
}

/** The right-hand side x ↦ F(x) (rescaled) or ε·F(x) (iterations) of a model. */
export function limitRightHandSide<E>(model: SlowFastModel<E>, clock: Clock, referenceRate: number) {
  if (clock === "rescaled") return (_t: number, x: Float64Array, dx: Float64Array) => model.drift(x, dx);
  return (_t: number, x: Float64Array, dx: Float64Array) => {
    model.drift(x, dx);
    for (let i = 0; i < dx.length; i++) dx[i] = dx[i]! * referenceRate;
  };
}

/** Evenly spaced times t_k = k·horizon/(count − 1), k = 0..count−1. */
export function evenlySpacedTimes(horizon: number, count = 101): number[] {
  return Array.from({ length: count }, (_, k) => (k === count - 1 ? horizon : (k * horizon) / (count - 1)));
}

/** Integrates the limit ODE of `model` from x0 over [0, horizon] on the chosen clock. */
export function solveLimitOde<E>(
  model: SlowFastModel<E>,
  x0: ArrayLike<number>,
  options: LimitOdeOptions,
): OdeSolution {
  const clock = options.clock ?? "rescaled";
  if (!(options.horizon > 0) || !Number.isFinite(options.horizon)) {
    throw new MfkitError(
      "invalid-argument",
      `the horizon must be a finite number > 0, got ${options.horizon}`,
      ["horizon"],
    );
  }
  if (!(options.referenceRate > 0)) {
    throw new MfkitError("invalid-argument", `the reference rate must be > 0, got ${options.referenceRate}`, [
      "referenceRate",
    ]);
  }
  if (x0.length !== model.dim) {
    throw new MfkitError(
      "invalid-shape",
      `x0 has length ${x0.length}, the model has dimension ${model.dim}`,
      ["x0"],
    );
  }
  const { clock: _c, referenceRate, horizon, evalTimes, ...ode } = options;
  return solveOde(limitRightHandSide(model, clock, referenceRate), [0, horizon], x0, {
    ...ode,
    evalTimes: evalTimes ?? evenlySpacedTimes(horizon),
  });
}
