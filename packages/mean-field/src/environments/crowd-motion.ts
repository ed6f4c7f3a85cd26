import { createRandomStream } from "@mfkit/core";
import type { MeanFieldGame } from "../model.js";
import {
  assembleGame,
  badParam,
  checkEpoch,
  horizonInfo,
  mu0Info,
  patternFromContributions,
  readParams,
  stateMarginal,
} from "./common.js";
import type { EnvironmentInfo } from "./types.js";

/**
 * Options of {@link createCrowdMotion}.
 * Absent (undefined or null) options take the defaults of {@link crowdMotionInfo}.
 */
export interface CrowdMotionOptions {
  T?: number;
  /** Grid length l (rows i). The grid is clipped, not a torus. */
  torus_l?: number;
  /** Grid width w (columns j). */
  torus_w?: number;
  /** The bar may move at epochs t with t mod loc_change_freq = 0. */
  loc_change_freq?: number;
  /** Bar attraction c. */
  c?: number;
  /** Additive ε in −log(μ + ε). */
  log_eps?: number;
  /** Probability of zero noise. */
  p_still?: number;
  /** Seed of our generator for the bar path when `bar_path` is not given. */
  seed?: number;
  /** Bar positions b_0..b_T flattened as [i_0, j_0, i_1, j_1, …] (length 2(T+1)). */
  bar_path?: readonly number[];
  mu0?: readonly number[];
}

/** A crowd_motion game, carrying its bar path. */
export interface CrowdMotionGame extends MeanFieldGame {
  /** b_t = (barPath[2t], barPath[2t+1]) for t = 0..T. */
  readonly barPath: Int32Array;
}

/** Name, description, source, parameters and defaults of {@link createCrowdMotion}. */
export const crowdMotionInfo: EnvironmentInfo = {
  name: "crowd_motion",
  description: "Agents on a clipped l×w grid chase a randomly moving bar and avoid crowds.",
  source: "Pérolat et al. (2021); MFGLib crowd_motion (bar path as explicit data)",
  params: [
    horizonInfo(3),
    { name: "torus_l", type: "integer", default: 20, description: "grid length (clipped, not a torus)" },
    { name: "torus_w", type: "integer", default: 20, description: "grid width (clipped, not a torus)" },
    {
      name: "loc_change_freq",
      type: "integer",
      default: 2,
      description: "the bar may move when t mod freq = 0",
    },
    { name: "c", type: "number", default: 10, description: "bar attraction" },
    { name: "log_eps", type: "number", default: 1e-10, description: "ε in −log(μ(s) + ε)" },
    { name: "p_still", type: "number", default: 0.5, description: "probability of zero noise" },
    { name: "seed", type: "integer", default: 0, description: "seed of mfkit's generator for the bar path" },
    { name: "bar_path", type: "number[]", default: null, description: "bar path [i0, j0, …, iT, jT]" },
    mu0Info(),
  ],
};

/** The five displacements (di, dj) of actions and noise: +i, −i, +j, −j, stay. */
const MOVES = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
  [0, 0],
] as const;

/**
 * Draws a bar path with createRandomStream(seed) of @mfkit/core: b_0 = (⌊l/2⌋, ⌊w/2⌋); for t ≥ 1, b_t = b_{t−1} unless
 * t mod freq = 0, where a candidate b_{t−1} + (±1, ±1) (fair independent signs, i first) is accepted
 * if it lies inside the grid.
 */
export function drawBarPath(T: number, l: number, w: number, freq: number, seed: number): Int32Array {
  const stream = createRandomStream(seed);
  const path = new Int32Array(2 * (T + 1));
  path[0] = Math.floor(l / 2);
  path[1] = Math.floor(w / 2);
  for (let t = 1; t <= T; t++) {
    let i = path[2 * t - 2]!;
    let j = path[2 * t - 1]!;
    if (t % freq === 0) {
      const ci = i + (stream.next() < 0.5 ? -1 : 1);
      const cj = j + (stream.next() < 0.5 ? -1 : 1);
      if (ci >= 0 && ci < l && cj >= 0 && cj < w) [i, j] = [ci, cj];
    }
    path[2 * t] = i;
    path[2 * t + 1] = j;
  }
  return path;
}

/**
 * MFGLib's crowd_motion: S = l×w grid (i, j) row-major; actions and noise are the displacements
 * 0 (+1,0), 1 (−1,0), 2 (0,+1), 3 (0,−1), 4 (0,0); noise w.p. (1−p)/4 each move and p for stay;
 * s' = (clip(i + a_i + δ_i), clip(j + a_j + δ_j)).
 * r_t(s) = c·(1 − (|i − b_t,i| + |j − b_t,j|)/(l + w)) − log(μ_t(s) + log_eps), independent of a.
 */
export function createCrowdMotion(options: CrowdMotionOptions = {}): CrowdMotionGame {
  const env = crowdMotionInfo.name;
  const params = readParams(crowdMotionInfo, options);
  const horizon = params.integer("T", 0);
  const l = params.integer("torus_l", 1);
  const w = params.integer("torus_w", 1);
  const freq = params.integer("loc_change_freq", 1);
  const c = params.number("c");
  const logEps = params.number("log_eps", { min: 0, exclusiveMin: true });
  const pStill = params.number("p_still", { min: 0, max: 1 });
  const seed = params.integer("seed", Number.MIN_SAFE_INTEGER);
  let barPath: Int32Array;
  if (params.given("bar_path") === undefined) {
    barPath = drawBarPath(horizon, l, w, freq, seed);
  } else {
    const given = params.numberArray("bar_path", 2 * (horizon + 1));
    barPath = new Int32Array(given.length);
    for (let t = 0; t <= horizon; t++) {
      const [i, j] = [given[2 * t]!, given[2 * t + 1]!];
      if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || i >= l || j < 0 || j >= w) {
        badParam(env, "bar_path", `b_${t} = (${i}, ${j}) is not a grid cell of ${l}×${w}`);
      }
      barPath[2 * t] = i;
      barPath[2 * t + 1] = j;
    }
  }
  const nStates = l * w;
  const nActions = 5;
  const mu0 = params.mu0(nStates);
  const noise = [(1 - pStill) / 4, (1 - pStill) / 4, (1 - pStill) / 4, (1 - pStill) / 4, pStill];
  const { pattern, values } = patternFromContributions(nStates, nActions, (s, a, add) => {
    const i = Math.floor(s / w);
    const j = s % w;
    for (let e = 0; e < 5; e++) {
      const ni = Math.min(Math.max(i + MOVES[a]![0] + MOVES[e]![0], 0), l - 1);
      const nj = Math.min(Math.max(j + MOVES[a]![1] + MOVES[e]![1], 0), w - 1);
      add(ni * w + nj, noise[e]!);
    }
  });
  // Bar attraction c·(1 − dist_t(s)/(l + w)) for every epoch and state.
  const attraction = new Float64Array((horizon + 1) * nStates);
  for (let t = 0; t <= horizon; t++) {
    for (let s = 0; s < nStates; s++) {
      const dist = Math.abs(Math.floor(s / w) - barPath[2 * t]!) + Math.abs((s % w) - barPath[2 * t + 1]!);
      attraction[t * nStates + s] = c * (1 - dist / (l + w));
    }
  }
  const mu = new Float64Array(nStates);
  const game = assembleGame({
    name: env,
    horizon,
    nStates,
    nActions,
    stateShape: [l, w],
    mu0,
    pattern,
    rewardDependsOnMeanField: true,
    fixedTransition: values,
    timeHomogeneous: false,
    reward(t, L, out) {
      checkEpoch(env, t, horizon);
      stateMarginal(L, nStates, nActions, mu);
      const base = t * nStates;
      for (let s = 0; s < nStates; s++) {
        const r = attraction[base + s]! - Math.log(mu[s]! + logEps);
        for (let a = 0; a < nActions; a++) out[s * nActions + a] = r;
      }
    },
  });
  return { ...game, barPath };
}
