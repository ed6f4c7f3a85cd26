/**
 * (α, β)-symmetry against sym(G) (docs/induced-mfg.md §4):
 *
 *     α = sup_{i,t,σ,z} ‖g_t(·|z,σ;θ_i) − P̄_t(·|z,σ)‖_1,    β = sup_{i,t,σ,z} |f_t(z,σ;θ_i) − R̄_t(z,σ)|,
 *
 * over grid profiles σ containing the agent at z (σ(z) ≥ 1/N). Exact (the sup over the whole grid)
 * when the grid is small; otherwise the max over sampled grid profiles (random and, optionally, from
 * rollouts), a lower estimate of the sup, reported with its 99% quantile.
 */

import { createRandomStream } from "@mfkit/core";
import type { TabularPolicy } from "@mfkit/mean-field";
import type { NPlayerGame } from "./game.js";
import { forEachGridPoint, gridSize } from "./grid.js";
import { NPlayerSimulator } from "./simulate.js";
import { symmetrize, TypeTables } from "./symmetrize.js";

/** The α-β asymmetry of an N-player game: sup distance of each agent's r and P from the symmetrised ones. */
export interface SymmetryMeasure {
  alpha: number;
  beta: number;
  /** 99% quantiles of the per-(t, σ, z) maxima over agents. */
  alpha99: number;
  beta99: number;
  /**
   * True when every grid profile and every agent (or an exact extreme) was checked: α, β are then the
   * exact sups over the grid. Otherwise they are lower estimates.
   */
  exact: boolean;
  /** Number of (t, σ) pairs checked. */
  points: number;
}

/** How the α-β measure samples the grid of profiles (enumerated when small). */
export interface SymmetryOptions {
  /** Enumerate the grid when it has at most this many points (default 5000). */
  maxGridPoints?: number;
  /** Random grid profiles per epoch when sampling (default 200). */
  samples?: number;
  /** Policy whose rollouts add profiles (default: none). */
  policy?: TabularPolicy;
  rolloutEpisodes?: number;
  seed?: number;
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))]!;
}

/** Measures α and β of a game against its symmetrisation. */
export function measureSymmetry(game: NPlayerGame, options: SymmetryOptions = {}): SymmetryMeasure {
  const N = game.nAgents;
  const S = game.nStates;
  const A = game.nActions;
  const K = S * A;
  const T = game.horizon;
  const { rowPtr } = game.transitionPattern;
  const nnz = game.transitionPattern.col.length;
  const sym = symmetrize(game);
  const tables = new TypeTables(game);
  const agents: number[] = [];
  let agentsSampled = false;
  if (tables.mode === "types") {
    for (let k = 0; k < tables.types.count; k++) agents.push(tables.types.typeOf.indexOf(k));
  } else if (N * game.nParams <= 4096 || game.nParams <= 1) {
    // Affine in θ: with P = 1 the extremes are at the extreme agents; small games check everyone.
    if (game.nParams <= 1 && N > 2) {
      let lo = 0;
      let hi = 0;
      for (let i = 0; i < N; i++) {
        if (game.params[i]! < game.params[lo]!) lo = i;
        if (game.params[i]! > game.params[hi]!) hi = i;
      }
      agents.push(lo, hi);
    } else {
      for (let i = 0; i < N; i++) agents.push(i);
    }
  } else {
    // Many agents and P ≥ 2: the extreme agent of each coordinate plus 256 spread agents (a lower estimate).
    const P = game.nParams;
    const set = new Set<number>();
    for (let p = 0; p < P; p++) {
      let lo = 0;
      let hi = 0;
      for (let i = 0; i < N; i++) {
        if (game.params[i * P + p]! < game.params[lo * P + p]!) lo = i;
        if (game.params[i * P + p]! > game.params[hi * P + p]!) hi = i;
      }
      set.add(lo);
      set.add(hi);
    }
    for (let j = 0; j < 256; j++) set.add(Math.floor((j * (N - 1)) / 255));
    agents.push(...set);
    agentsSampled = true;
  }
  const rBar = new Float64Array(K);
  const pBar = new Float64Array(nnz);
  const empty = new Float64Array(0);
  const alphas: number[] = [];
  const betas: number[] = [];
  let alpha = 0;
  let beta = 0;
  let points = 0;
  const check = (t: number, sigma: Float64Array) => {
    points += 1;
    const withT = t < T;
    tables.prepare(t, sigma, withT);
    sym.reward(t, sigma, empty, rBar);
    if (withT) sym.transitionValues(t, sigma, empty, pBar);
    for (let z = 0; z < K; z++) {
      if (sigma[z]! * N < 0.5) continue;
      let a = 0;
      let b = 0;
      for (const i of agents) {
        const db = Math.abs(tables.rewardOf(i, z) - rBar[z]!);
        if (db > b) b = db;
        if (withT) {
          let d = 0;
          for (let k = rowPtr[z]!; k < rowPtr[z + 1]!; k++)
            d += Math.abs(tables.transitionOf(i, k) - pBar[k]!);
          if (d > a) a = d;
        }
      }
      betas.push(b);
      if (withT) alphas.push(a);
      if (a > alpha) alpha = a;
      if (b > beta) beta = b;
    }
  };
  const sigma = new Float64Array(K);
  const maxGrid = options.maxGridPoints ?? 5000;
  const exact = gridSize(N, K) <= maxGrid;
  if (exact) {
    for (let t = 0; t <= T; t++) {
      forEachGridPoint(N, K, (c) => {
        for (let k = 0; k < K; k++) sigma[k] = c[k]! / N;
        check(t, sigma);
      });
    }
  } else {
    const rng = createRandomStream(options.seed ?? 1, 11);
    const samples = options.samples ?? 200;
    const c = new Int32Array(K);
    for (let t = 0; t <= T; t++) {
      for (let n = 0; n < samples; n++) {
        c.fill(0);
        const focus = rng.nextInt(K);
        const conc = n === 0 ? 1 : rng.next();
        for (let i = 0; i < N; i++) {
          const k = rng.next() < conc ? focus : rng.nextInt(K);
          c[k] = c[k]! + 1;
        }
        for (let k = 0; k < K; k++) sigma[k] = c[k]! / N;
        check(t, sigma);
      }
    }
    if (options.policy !== undefined) {
      const sim = new NPlayerSimulator(game);
      const cum = sim.preparePolicies([options.policy]);
      const rollRng = createRandomStream(options.seed ?? 1, 12);
      const observed: Float64Array[][] = Array.from({ length: T + 1 }, () => []);
      for (let e = 0; e < (options.rolloutEpisodes ?? 5); e++) {
        sim.runEpisode(rollRng, cum, undefined, undefined, (t, states, actions) => {
          const s = new Float64Array(K);
          for (let i = 0; i < N; i++)
            s[states[i]! * A + actions[i]!] = s[states[i]! * A + actions[i]!]! + 1 / N;
          observed[t]!.push(s);
        });
      }
      for (let t = 0; t <= T; t++) for (const s of observed[t]!) check(t, s);
    }
  }
  return {
    alpha,
    beta,
    alpha99: quantile(alphas, 0.99),
    beta99: quantile(betas, 0.99),
    exact: exact && !agentsSampled,
    points,
  };
}
