/** Cheap argument checks shared by the public functions (typed errors naming the argument). */
import { type ErrorPath, MfkitError } from "@mfkit/core";
import type { MeanFieldGame, TabularPolicy } from "./model.js";

/** Throws unless `x` is a Float64Array of length (T+1)·S·A (a flow, a policy or a Q table). */
export function checkTable(game: MeanFieldGame, x: unknown, name: string): void {
  const expected = (game.horizon + 1) * game.nStates * game.nActions;
  if (!(x instanceof Float64Array)) {
    throw new MfkitError(
      "invalid-shape",
      `${name} must be a Float64Array of length (T+1)·S·A = ${expected}`,
      [name],
    );
  }
  if (x.length !== expected) {
    throw new MfkitError(
      "invalid-shape",
      `${name} has length ${x.length}, expected (T+1)·S·A = ${game.horizon + 1}·${game.nStates}·${game.nActions} = ${expected}`,
      [name],
      { expected, actual: x.length },
    );
  }
}

/** Throws unless `L` has the flow shape (T+1)·S·A. */
export function checkFlowShape(game: MeanFieldGame, L: Float64Array): void {
  checkTable(game, L, "flow");
}

/** Throws unless `pi` has the policy shape (T+1)·S·A. */
export function checkPolicyShape(game: MeanFieldGame, pi: TabularPolicy): void {
  checkTable(game, pi, "policy");
}

/** Throws unless τ is finite and > 0 (or ≥ 0 with `allowZero`). */
export function checkTemperature(tau: number, path: ErrorPath, allowZero = false): void {
  if (typeof tau !== "number" || !Number.isFinite(tau) || tau < 0 || (!allowZero && tau === 0)) {
    throw new MfkitError(
      "invalid-argument",
      `temperature must be a finite number ${allowZero ? "≥ 0" : "> 0"}, got ${String(tau)}`,
      path,
    );
  }
}
