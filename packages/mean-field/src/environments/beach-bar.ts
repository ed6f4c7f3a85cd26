import type { MeanFieldGame } from "../model.js";
import {
  assembleGame,
  badParam,
  horizonInfo,
  mu0Info,
  patternFromContributions,
  readParams,
  stateMarginal,
} from "./common.js";
import type { EnvironmentInfo } from "./types.js";

/**
 * Options of {@link createBeachBar}.
 * Absent (undefined or null) options take the defaults of {@link beachBarInfo}.
 */
export interface BeachBarOptions {
  T?: number;
  /** Number of positions. */
  n?: number;
  /** Bar position. */
  bar_loc?: number;
  /** Additive ε inside the log. */
  log_eps?: number;
  /** Probability that the noise is 0. */
  p_still?: number;
  mu0?: readonly number[];
}

/** Name, description, source, parameters and defaults of {@link createBeachBar}. */
export const beachBarInfo: EnvironmentInfo = {
  name: "beach_bar",
  description:
    "Positions on a beach, a bar to approach, crowd aversion −log μ; motion clipped, distance on the ring.",
  source: "Perrin et al. (2020); MFGLib beach_bar (v0.2.0+ corrected sign)",
  params: [
    horizonInfo(2),
    { name: "n", type: "integer", default: 4, description: "number of positions" },
    { name: "bar_loc", type: "integer", default: 2, description: "bar position in 0..n−1" },
    { name: "log_eps", type: "number", default: 1e-20, description: "ε in −log(μ(s) + ε)" },
    { name: "p_still", type: "number", default: 0.5, description: "probability of zero noise" },
    mu0Info(),
  ],
};

/**
 * MFGLib's beach_bar: S = {0..n−1}, A = {0: −1, 1: stay, 2: +1}; noise ε ∈ {−1, 0, +1} w.p.
 * ((1−p)/2, p, (1−p)/2); s' = clip(s + (a−1) + ε, 0, n−1).
 * r(s, a, L) = −d(s, bar) − (1/n)·1[a ≠ 1] − log(μ(s) + log_eps), d(s, b) = min(|s−b|, n−|s−b|).
 */
export function createBeachBar(options: BeachBarOptions = {}): MeanFieldGame {
  const env = beachBarInfo.name;
  const params = readParams(beachBarInfo, options);
  const horizon = params.integer("T", 0);
  const n = params.integer("n", 1);
  const bar = params.integer("bar_loc", 0);
  if (bar > n - 1) badParam(env, "bar_loc", `must be in 0..${n - 1} (got ${bar})`);
  const logEps = params.number("log_eps", { min: 0, exclusiveMin: true });
  const pStill = params.number("p_still", { min: 0, max: 1 });
  const nActions = 3;
  const mu0 = params.mu0(n);
  const noise = [(1 - pStill) / 2, pStill, (1 - pStill) / 2];
  const { pattern, values } = patternFromContributions(n, nActions, (s, a, add) => {
    for (let e = 0; e < 3; e++) add(Math.min(Math.max(s + (a - 1) + (e - 1), 0), n - 1), noise[e]!);
  });
  // Time- and L-independent part −d(s, bar) − (1/n)·1[a ≠ 1].
  const base = new Float64Array(n * nActions);
  for (let s = 0; s < n; s++) {
    const diff = Math.abs(s - bar);
    const dist = Math.min(diff, n - diff);
    for (let a = 0; a < nActions; a++) base[s * nActions + a] = -dist - (a !== 1 ? 1 / n : 0);
  }
  const mu = new Float64Array(n);
  return assembleGame({
    name: env,
    horizon,
    nStates: n,
    nActions,
    mu0,
    pattern,
    rewardDependsOnMeanField: true,
    fixedTransition: values,
    timeHomogeneous: true,
    reward(_t, L, out) {
      stateMarginal(L, n, nActions, mu);
      for (let s = 0; s < n; s++) {
        const crowd = Math.log(mu[s]! + logEps);
        for (let a = 0; a < nActions; a++) out[s * nActions + a] = base[s * nActions + a]! - crowd;
      }
    },
  });
}
