/**
 * Test helpers for environments (not exported from the package): dense views of a game's kernel,
 * row sums, and a fast-check arbitrary of random mean fields L ∈ Δ(S×A).
 */
import fc from "fast-check";
import type { MeanFieldGame } from "../model.js";

/** P_t(s'|s, a, L) as a dense array indexed [(s·A + a)·S + s']. */
export function denseKernel(game: MeanFieldGame, t: number, L: Float64Array): Float64Array {
  const { rowPtr, col } = game.transitionPattern;
  const values = new Float64Array(col.length);
  game.transitionValues(t, L, values);
  const rows = game.nStates * game.nActions;
  const dense = new Float64Array(rows * game.nStates);
  for (let r = 0; r < rows; r++) {
    for (let k = rowPtr[r]!; k < rowPtr[r + 1]!; k++) dense[r * game.nStates + col[k]!]! += values[k]!;
  }
  return dense;
}

/** P_t(s'|s, a, L) for one row. */
export function kernelRow(game: MeanFieldGame, t: number, L: Float64Array, s: number, a: number): number[] {
  const dense = denseKernel(game, t, L);
  const r = s * game.nActions + a;
  return Array.from(dense.subarray(r * game.nStates, (r + 1) * game.nStates));
}

/** r_t(·,·,L) as a fresh array. */
export function rewards(game: MeanFieldGame, t: number, L: Float64Array): Float64Array {
  const out = new Float64Array(game.nStates * game.nActions);
  game.reward(t, L, out);
  return out;
}

/** L(s, a) = μ(s)·π(a|s) with π uniform. */
export function productField(game: MeanFieldGame, mu: readonly number[]): Float64Array {
  const L = new Float64Array(game.nStates * game.nActions);
  for (let s = 0; s < game.nStates; s++) {
    for (let a = 0; a < game.nActions; a++) L[s * game.nActions + a] = mu[s]! / game.nActions;
  }
  return L;
}

/** A random mean field L ∈ Δ(S×A) with some exact zeros. */
export function meanFieldArbitrary(size: number): fc.Arbitrary<Float64Array> {
  return fc
    .array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })), {
      minLength: size,
      maxLength: size,
    })
    .map((w) => {
      const total = w.reduce((x, y) => x + y, 0);
      const L = new Float64Array(size);
      for (let i = 0; i < size; i++) L[i] = total > 0 ? w[i]! / total : 1 / size;
      return L;
    });
}

/**
 * Checks at a random L and every epoch that rewards are finite, transition values lie in [0, 1],
 * every row sums to 1 (within 1e-12) and the pattern's columns are valid and sorted.
 */
export function checkKernelAt(game: MeanFieldGame, L: Float64Array): void {
  const { rowPtr, col } = game.transitionPattern;
  const rows = game.nStates * game.nActions;
  if (rowPtr.length !== rows + 1) throw new Error("rowPtr length");
  const values = new Float64Array(col.length);
  const r = new Float64Array(rows);
  for (let t = 0; t <= game.horizon; t++) {
    game.transitionValues(t, L, values);
    game.reward(t, L, r);
    for (let i = 0; i < rows; i++) {
      if (!Number.isFinite(r[i]!)) throw new Error(`reward not finite at t=${t} row=${i}`);
      let sum = 0;
      for (let k = rowPtr[i]!; k < rowPtr[i + 1]!; k++) {
        const v = values[k]!;
        if (!(v >= 0 && v <= 1 + 1e-12)) throw new Error(`bad probability ${v} at t=${t} row=${i}`);
        if (col[k]! < 0 || col[k]! >= game.nStates) throw new Error("bad column");
        if (k > rowPtr[i]! && col[k]! <= col[k - 1]!) throw new Error("unsorted columns");
        sum += v;
      }
      if (Math.abs(sum - 1) > 1e-12) throw new Error(`row sum ${sum} at t=${t} row=${i}`);
    }
  }
}
