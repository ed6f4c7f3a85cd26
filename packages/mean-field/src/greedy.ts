/**
 * Policies derived from Q tables: greedy(Q) (uniform over maximisers under a tie rule) and the
 * Boltzmann map softmax(Q/τ), both row by row over flat ((T+1)·S·A) tables.
 */
import { MfkitError } from "@mfkit/core";
import type { MeanFieldGame, TabularPolicy } from "./model.js";
import { checkTable, checkTemperature } from "./shapes.js";

/**
 * Tie rules for greedy policies:
 * - `tolerance` (default): uniform over actions within 1e-12·max(1, |max|) of the maximum;
 * - `exact`: uniform over actions exactly equal to the maximum (MFGLib);
 * - `first`: the lowest-index maximiser only (OpenSpiel).
 */
export type TieRule = "tolerance" | "exact" | "first";

/** Relative tolerance of the `tolerance` tie rule. */
export const TIE_TOLERANCE = 1e-12;

/** Writes greedy(Q) into `out` for `rows` rows of `A` actions. */
export function greedyInto(Q: Float64Array, rows: number, A: number, ties: TieRule, out: Float64Array): void {
  for (let row = 0; row < rows; row++) {
    const base = row * A;
    let m = Q[base]!;
    let arg = 0;
    for (let a = 1; a < A; a++) {
      const q = Q[base + a]!;
      if (q > m) {
        m = q;
        arg = a;
      }
    }
    if (ties === "first") {
      for (let a = 0; a < A; a++) out[base + a] = a === arg ? 1 : 0;
      continue;
    }
    const threshold = ties === "exact" ? m : m - TIE_TOLERANCE * Math.max(1, Math.abs(m));
    let count = 0;
    for (let a = 0; a < A; a++) if (Q[base + a]! >= threshold) count++;
    const w = 1 / count;
    for (let a = 0; a < A; a++) out[base + a] = Q[base + a]! >= threshold ? w : 0;
  }
}

/** Writes softmax(scale·x) row by row into `out` (may alias x), stabilised by the row maximum. */
export function softmaxInto(
  x: Float64Array,
  rows: number,
  A: number,
  scale: number,
  out: Float64Array,
): void {
  for (let row = 0; row < rows; row++) {
    const base = row * A;
    let m = -Infinity;
    for (let a = 0; a < A; a++) {
      const v = scale * x[base + a]!;
      if (v > m) m = v;
    }
    let sum = 0;
    for (let a = 0; a < A; a++) {
      const e = Math.exp(scale * x[base + a]! - m);
      out[base + a] = e;
      sum += e;
    }
    for (let a = 0; a < A; a++) out[base + a]! /= sum;
  }
}

/**
 * greedy(Q)_t(·|s): uniform over the maximisers of Q_t(s,·) under the tie rule (default `tolerance`).
 */
export function greedyPolicy(
  Q: Float64Array,
  game: MeanFieldGame,
  options: { ties?: TieRule } = {},
): TabularPolicy {
  checkTable(game, Q, "Q");
  const ties = options.ties ?? "tolerance";
  if (ties !== "tolerance" && ties !== "exact" && ties !== "first") {
    throw new MfkitError("invalid-argument", `unknown tie rule "${String(ties)}"`, ["ties"]);
  }
  const out = new Float64Array(Q.length);
  greedyInto(Q, (game.horizon + 1) * game.nStates, game.nActions, ties, out);
  return out;
}

/** The Boltzmann policy softmax(Q/τ) row by row (τ > 0), computed with log-sum-exp stabilisation. */
export function softmaxPolicy(Q: Float64Array, game: MeanFieldGame, tau: number): TabularPolicy {
  checkTable(game, Q, "Q");
  checkTemperature(tau, ["tau"]);
  const out = new Float64Array(Q.length);
  softmaxInto(Q, (game.horizon + 1) * game.nStates, game.nActions, 1 / tau, out);
  return out;
}
