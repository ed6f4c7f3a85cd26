/**
 * The induced mean-field game of an N-player game (docs/induced-mfg.md §3): sym(G) extended from the
 * grid of N-agent empirical measures to the whole simplex, as an ordinary {@link MeanFieldGame}:
 *
 *     r_t(z, L) = R̃_t(z, L),   P_t(·|z, L) = P̃_t(·|z, L).
 *
 * Extensions (each reproduces sym(G) exactly at grid points L with L(z) ≥ 1/N):
 * - `nearest` (default): "others + self" nearest grid point σ(z,L) = (e_z + round_{N−1}(ω))/N,
 *   ω = (N·L − e_z)/(N − 1) clipped at 0 and renormalised.
 * - `freudenthal`: Freudenthal interpolation of ω on the (N−1)-grid, then the agent added: continuous,
 *   affine on each simplex, transitions stay stochastic (convex combinations).
 * - `mcshane`: R̃(z,L) = min_ν R̄(z,ν) + L_R(z)‖L − ν‖_1 over all grid points ν ∋ z, clipped to the grid
 *   range; transitions componentwise McShane then Euclidean projection onto the row's simplex (our
 *   stand-in for Kirszbraun–Valentine). Tiny grids only.
 */
import { MfkitError } from "@mfkit/core";
import type { MeanFieldGame } from "@mfkit/mean-field";
import type { NPlayerGame } from "./game.js";
import {
  createFreudenthalCell,
  freudenthalInto,
  gridSize,
  nearestGridCounts,
  othersMeasure,
} from "./grid.js";
import { cellLipschitz, type GridTable, gridTable } from "./lipschitz.js";
import { symmetrize } from "./symmetrize.js";

/** How sym(G) is extended off the grid. */
export type Extension = "nearest" | "freudenthal" | "mcshane";

/** Options of {@link inducedMeanFieldGame}: how sym(G) is extended off the (N−1)-grid. */
export interface InducedOptions {
  extension?: Extension;
  /** Grid size limit for `mcshane` (default 20 000 points). */
  maxGridPoints?: number;
}

const EMPTY = new Float64Array(0);

/** Projects v (length n) onto the probability simplex in ℓ2 (sort-based, O(n log n)). */
export function projectOntoSimplex(v: Float64Array): void {
  const n = v.length;
  const u = Array.from(v).sort((a, b) => b - a);
  let acc = 0;
  let theta = 0;
  for (let j = 0; j < n; j++) {
    acc += u[j]!;
    const cand = (acc - 1) / (j + 1);
    if (u[j]! - cand > 0) theta = cand;
  }
  for (let j = 0; j < n; j++) v[j] = Math.max(0, v[j]! - theta);
}

/**
 * The induced MFG of an N-player game (its symmetrisation extended off the grid). Every mean-field
 * solver accepts the result unchanged.
 */
export function inducedMeanFieldGame(game: NPlayerGame, options: InducedOptions = {}): MeanFieldGame {
  const extension = options.extension ?? "nearest";
  if (extension !== "nearest" && extension !== "freudenthal" && extension !== "mcshane") {
    throw new MfkitError("invalid-argument", `unknown extension '${String(extension)}'`, ["extension"], {
      valid: ["nearest", "freudenthal", "mcshane"],
    });
  }
  const sym = symmetrize(game);
  const N = sym.nAgents;
  const S = sym.nStates;
  const A = sym.nActions;
  const K = S * A;
  const { rowPtr } = sym.transitionPattern;
  const nnz = sym.transitionPattern.col.length;
  const omega = new Float64Array(K);
  const counts = new Int32Array(K);
  const sigma = new Float64Array(K);
  const rBuf = new Float64Array(K);
  const pBuf = new Float64Array(nnz);
  const cell = createFreudenthalCell(K);

  /** Calls back with (weight, σ) for every grid profile the extension averages at (z, L). */
  const profiles = (L: Float64Array, z: number, use: (w: number, s: Float64Array) => void) => {
    if (extension === "nearest") {
      nearestGridCounts(L, z, N, omega, counts);
      for (let k = 0; k < K; k++) sigma[k] = counts[k]! / N;
      use(1, sigma);
      return;
    }
    othersMeasure(L, z, N, omega);
    freudenthalInto(omega, N - 1, cell);
    for (let p = 0; p < cell.size; p++) {
      for (let k = 0; k < K; k++) sigma[k] = (cell.counts[p * K + k]! + (k === z ? 1 : 0)) / N;
      use(cell.weights[p]!, sigma);
    }
  };

  let reward: (t: number, L: Float64Array, out: Float64Array) => void;
  let transitionValues: (t: number, L: Float64Array, out: Float64Array) => void;
  if (extension !== "mcshane") {
    reward = (t, L, out) => {
      for (let z = 0; z < K; z++) {
        let acc = 0;
        profiles(L, z, (w, s) => {
          sym.reward(t, s, EMPTY, rBuf);
          acc += w * rBuf[z]!;
        });
        out[z] = acc;
      }
    };
    transitionValues = (t, L, out) => {
      for (let z = 0; z < K; z++) {
        for (let k = rowPtr[z]!; k < rowPtr[z + 1]!; k++) out[k] = 0;
        profiles(L, z, (w, s) => {
          sym.transitionValues(t, s, EMPTY, pBuf);
          for (let k = rowPtr[z]!; k < rowPtr[z + 1]!; k++) out[k] = out[k]! + w * pBuf[k]!;
        });
      }
    };
  } else {
    const maxPoints = options.maxGridPoints ?? 20_000;
    const size = gridSize(N, K);
    if (size > maxPoints) {
      throw new MfkitError(
        "invalid-argument",
        `the McShane extension enumerates the whole grid (${size} points for N = ${N}, K = ${K}); limit ${maxPoints}. Use 'nearest' or 'freudenthal'.`,
        ["extension"],
        { size, maxPoints },
      );
    }
    const cache = new Map<number, { table: GridTable; LR: Float64Array; LP: Float64Array }>();
    const at = (t: number) => {
      let entry = cache.get(t);
      if (entry === undefined) {
        const table = gridTable(sym, t, maxPoints);
        entry = { table, ...cellLipschitz(sym, table) };
        cache.set(t, entry);
      }
      return entry;
    };
    const dist = (L: Float64Array, table: GridTable, j: number) => {
      let d = 0;
      for (let k = 0; k < K; k++) d += Math.abs(L[k]! - table.counts[j * K + k]! / N);
      return d;
    };
    reward = (t, L, out) => {
      const { table, LR } = at(t);
      for (let z = 0; z < K; z++) {
        let best = Number.POSITIVE_INFINITY;
        let lo = Number.POSITIVE_INFINITY;
        let hi = Number.NEGATIVE_INFINITY;
        for (let j = 0; j < table.points; j++) {
          if (table.counts[j * K + z] === 0) continue;
          const v = table.rewards[j * K + z]!;
          if (v < lo) lo = v;
          if (v > hi) hi = v;
          const cand = v + LR[z]! * dist(L, table, j);
          if (cand < best) best = cand;
        }
        out[z] = Math.min(hi, Math.max(lo, best));
      }
    };
    const row = new Float64Array(S);
    transitionValues = (t, L, out) => {
      const { table, LP } = at(t);
      for (let z = 0; z < K; z++) {
        const start = rowPtr[z]!;
        const len = rowPtr[z + 1]! - start;
        const v = row.subarray(0, len);
        v.fill(Number.POSITIVE_INFINITY);
        for (let j = 0; j < table.points; j++) {
          if (table.counts[j * K + z] === 0) continue;
          const d = LP[z]! * dist(L, table, j);
          for (let k = 0; k < len; k++) {
            const cand = table.transitions[j * nnz + start + k]! + d;
            if (cand < v[k]!) v[k] = cand;
          }
        }
        projectOntoSimplex(v);
        for (let k = 0; k < len; k++) out[start + k] = v[k]!;
      }
    };
  }

  return {
    name: `induced(${game.name}, N=${N}, ${extension})`,
    horizon: sym.horizon,
    nStates: S,
    nActions: A,
    stateShape: [S],
    actionShape: [A],
    mu0: Float64Array.from(sym.mu0),
    discount: 1,
    transitionPattern: sym.transitionPattern,
    dependsOnMeanField: {
      reward: sym.dependsOnPopulation.reward,
      transition: sym.dependsOnPopulation.transition,
    },
    timeHomogeneous: false,
    reward,
    transitionValues,
  };
}
