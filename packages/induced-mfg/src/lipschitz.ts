/**
 * Grid tables of a symmetric game and its grid Lipschitz constants (docs/induced-mfg.md §3):
 *
 *     L_R = max over grid neighbours |R̄(z,σ) − R̄(z,σ')| / ‖σ − σ'‖_1,   ‖σ − σ'‖_1 = 2/N,
 *     L_P = the same with ‖P̄(·|z,σ) − P̄(·|z,σ')‖_1,
 *
 * neighbours differing by one agent's move, both containing the querying agent (σ(z), σ'(z) ≥ 1/N).
 * Exact over the whole grid when it is small; otherwise a sampled lower estimate.
 */

import { createRandomStream } from "@mfkit/core";
import type { NPlayerGame } from "./game.js";
import { forEachGridPoint, gridSize } from "./grid.js";

const EMPTY = new Float64Array(0);

/** R̄ and P̄ of a symmetric game at every N-agent grid point, at one epoch. */
export interface GridTable {
  readonly points: number;
  /** Counts of point j at [j·K, (j+1)·K). */
  readonly counts: Int32Array;
  readonly index: Map<string, number>;
  /** R̄ at point j: [j·K, (j+1)·K). */
  readonly rewards: Float64Array;
  /** P̄ values at point j: [j·nnz, (j+1)·nnz) (empty at t = T). */
  readonly transitions: Float64Array;
}

/** Key of a count vector. */
export function countsKey(c: ArrayLike<number>): string {
  return Array.prototype.join.call(c, ",");
}

/** Evaluates a symmetric game at every N-agent grid point at epoch t. */
export function gridTable(sym: NPlayerGame, t: number, maxPoints = 50_000): GridTable {
  const N = sym.nAgents;
  const K = sym.nStates * sym.nActions;
  const nnz = sym.transitionPattern.col.length;
  const withT = t < sym.horizon;
  const size = gridSize(N, K);
  const counts = new Int32Array(size * K);
  const rewards = new Float64Array(size * K);
  const transitions = new Float64Array(withT ? size * nnz : 0);
  const index = new Map<string, number>();
  const sigma = new Float64Array(K);
  let j = 0;
  forEachGridPoint(
    N,
    K,
    (c) => {
      for (let k = 0; k < K; k++) sigma[k] = c[k]! / N;
      counts.set(c, j * K);
      index.set(countsKey(c), j);
      sym.reward(t, sigma, EMPTY, rewards.subarray(j * K, (j + 1) * K));
      if (withT) sym.transitionValues(t, sigma, EMPTY, transitions.subarray(j * nnz, (j + 1) * nnz));
      j += 1;
    },
    maxPoints,
  );
  return { points: size, counts, index, rewards, transitions };
}

/** Per-cell constants at one epoch, from a full grid table: LR[z], LP[z]. */
export function cellLipschitz(sym: NPlayerGame, table: GridTable): { LR: Float64Array; LP: Float64Array } {
  const N = sym.nAgents;
  const K = sym.nStates * sym.nActions;
  const { rowPtr } = sym.transitionPattern;
  const LR = new Float64Array(K);
  const LP = new Float64Array(K);
  const c2 = new Int32Array(K);
  const scale = N / 2;
  for (let j = 0; j < table.points; j++) {
    const c = table.counts.subarray(j * K, (j + 1) * K);
    for (let from = 0; from < K; from++) {
      if (c[from] === 0) continue;
      for (let to = 0; to < K; to++) {
        if (to === from) continue;
        c2.set(c);
        c2[from] = c2[from]! - 1;
        c2[to] = c2[to]! + 1;
        const j2 = table.index.get(countsKey(c2))!;
        if (j2 < j) continue; // each unordered pair once
        for (let z = 0; z < K; z++) {
          if (c[z] === 0 || c2[z] === 0) continue;
          const dr = Math.abs(table.rewards[j * K + z]! - table.rewards[j2 * K + z]!) * scale;
          if (dr > LR[z]!) LR[z] = dr;
          if (table.transitions.length > 0) {
            const nnz = sym.transitionPattern.col.length;
            let d = 0;
            for (let k = rowPtr[z]!; k < rowPtr[z + 1]!; k++) {
              d += Math.abs(table.transitions[j * nnz + k]! - table.transitions[j2 * nnz + k]!);
            }
            d *= scale;
            if (d > LP[z]!) LP[z] = d;
          }
        }
      }
    }
  }
  return { LR, LP };
}

/** Grid Lipschitz constants of a symmetric game. `exact` is false when they are sampled lower estimates. */
export interface LipschitzConstants {
  LR: number;
  LP: number;
  exact: boolean;
  pointsChecked: number;
}

/**
 * L_R and L_P of a symmetric game over all epochs: exact over the grid when it has ≤ `maxPoints`
 * points, otherwise the max over `samples` random (point, move) pairs per epoch (a lower estimate).
 */
export function gridLipschitz(
  sym: NPlayerGame,
  options: { maxPoints?: number; samples?: number; seed?: number } = {},
): LipschitzConstants {
  const N = sym.nAgents;
  const K = sym.nStates * sym.nActions;
  const maxPoints = options.maxPoints ?? 20_000;
  const T = sym.horizon;
  let LR = 0;
  let LP = 0;
  if (gridSize(N, K) <= maxPoints) {
    for (let t = 0; t <= T; t++) {
      const table = gridTable(sym, t, maxPoints);
      const cell = cellLipschitz(sym, table);
      for (let z = 0; z < K; z++) {
        LR = Math.max(LR, cell.LR[z]!);
        LP = Math.max(LP, cell.LP[z]!);
      }
    }
    return { LR, LP, exact: true, pointsChecked: gridSize(N, K) * (T + 1) };
  }
  const rng = createRandomStream(options.seed ?? 1, 7);
  const samples = options.samples ?? 2000;
  const nnz = sym.transitionPattern.col.length;
  const { rowPtr } = sym.transitionPattern;
  const s1 = new Float64Array(K);
  const s2 = new Float64Array(K);
  const r1 = new Float64Array(K);
  const r2 = new Float64Array(K);
  const p1 = new Float64Array(nnz);
  const p2 = new Float64Array(nnz);
  const c = new Int32Array(K);
  for (let t = 0; t <= T; t++) {
    for (let n = 0; n < samples; n++) {
      // A random grid point: each agent in a cell drawn from a random concentration.
      c.fill(0);
      const focus = rng.nextInt(K);
      const conc = rng.next();
      for (let i = 0; i < N; i++) {
        const k = rng.next() < conc ? focus : rng.nextInt(K);
        c[k] = c[k]! + 1;
      }
      let from = rng.nextInt(K);
      while (c[from] === 0) from = (from + 1) % K;
      let to = rng.nextInt(K - 1);
      if (to >= from) to += 1;
      for (let k = 0; k < K; k++) s1[k] = c[k]! / N;
      s2.set(s1);
      s2[from] = s2[from]! - 1 / N;
      s2[to] = s2[to]! + 1 / N;
      sym.reward(t, s1, EMPTY, r1);
      sym.reward(t, s2, EMPTY, r2);
      if (t < T) {
        sym.transitionValues(t, s1, EMPTY, p1);
        sym.transitionValues(t, s2, EMPTY, p2);
      }
      for (let z = 0; z < K; z++) {
        if (s1[z]! < 0.5 / N || s2[z]! < 0.5 / N) continue;
        LR = Math.max(LR, (Math.abs(r1[z]! - r2[z]!) * N) / 2);
        if (t < T) {
          let d = 0;
          for (let k = rowPtr[z]!; k < rowPtr[z + 1]!; k++) d += Math.abs(p1[k]! - p2[k]!);
          LP = Math.max(LP, (d * N) / 2);
        }
      }
    }
  }
  return { LR, LP, exact: false, pointsChecked: samples * (T + 1) };
}
