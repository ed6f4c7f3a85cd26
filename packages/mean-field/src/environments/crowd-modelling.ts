import type { MeanFieldGame } from "../model.js";
import {
  assembleGame,
  badParam,
  checkEpoch,
  mu0Info,
  patternFromContributions,
  readParams,
  stateMarginal,
} from "./common.js";
import type { EnvironmentInfo } from "./types.js";

/** When the movement cost |m(a)|/N is charged (see environments.md). */
export type MoveCostTiming = "all-but-last" | "every-step";

/**
 * Options of {@link createCrowdModelling}.
 * Absent (undefined or null) options take the defaults of {@link crowdModellingInfo}.
 */
export interface CrowdModellingOptions {
  /** Ring size N. */
  size?: number;
  /** OpenSpiel horizon H = number of decisions; our last epoch is T = H − 1. */
  horizon?: number;
  /**
   * "all-but-last" (default): the cost of a move is charged at the decision that makes it, except at
   * t = T where OpenSpiel never charges it; "every-step": charged at every epoch (a different game).
   */
  moveCostTiming?: MoveCostTiming;
  /** Reproduce OpenSpiel's first-visit movement cost (quirk 1), for parity with its tests. */
  openspielCompat?: boolean;
  mu0?: readonly number[];
}

/** Name, description, source, parameters and defaults of {@link createCrowdModelling}. */
export const crowdModellingInfo: EnvironmentInfo = {
  name: "crowd_modelling",
  description:
    "OpenSpiel's 1-D crowd modelling on a ring: stay near the centre, avoid crowds, pay for moving.",
  source: "Perrin et al. (2020) §4.2; OpenSpiel python_mfg_crowd_modelling / mfg_crowd_modelling",
  params: [
    { name: "size", type: "integer", default: 10, description: "ring size N" },
    { name: "horizon", type: "integer", default: 10, description: "OpenSpiel horizon H (T = H − 1)" },
    {
      name: "moveCostTiming",
      type: "string",
      default: "all-but-last",
      description: '"all-but-last" (clean, default) or "every-step"',
    },
    {
      name: "openspielCompat",
      type: "boolean",
      default: false,
      description: "OpenSpiel's first-visit movement cost (quirk 1)",
    },
    mu0Info(),
  ],
};

/**
 * The first-visit movement table of OpenSpiel's memoised traversal (quirk 1): m_first[t·N + x] is the
 * move that led to the first visit of decision node (x, t) in the depth-first order
 * visitD(x, 0, 0) for x = 0..N−1, moves (−1, 0, +1), noises (−1, 0, +1).
 */
export function firstVisitMoves(size: number, decisions: number): Int8Array {
  const mFirst = new Int8Array(size * decisions);
  const seenDecision = new Uint8Array(size * decisions);
  const seenPostMove = new Uint8Array(size * decisions);
  const ring = (v: number): number => ((v % size) + size) % size;
  const visitD = (x: number, t: number, m: number): void => {
    const id = t * size + x;
    if (seenDecision[id]) return;
    seenDecision[id] = 1;
    mFirst[id] = m;
    for (let move = -1; move <= 1; move++) visitC(ring(x + move), t, move);
  };
  const visitC = (y: number, t: number, move: number): void => {
    const id = t * size + y;
    if (seenPostMove[id]) return;
    seenPostMove[id] = 1;
    if (t + 1 < decisions) for (let e = -1; e <= 1; e++) visitD(ring(y + e), t + 1, move);
  };
  for (let x = 0; x < size; x++) visitD(x, 0, 0);
  return mFirst;
}

/**
 * OpenSpiel's 1-D crowd modelling as a finite-horizon MFG with epochs t = 0..T, T = H − 1:
 * ring {0..N−1}, actions {0: −1, 1: 0, 2: +1}, x' = (x + m(a) + e) mod N with e uniform on {−1, 0, +1};
 * r_t(x, a) = 1 − |x − c|/c − |m(a)|/N·1[t < T] − log(μ_t(x) + 1e−25), c = ⌊N/2⌋ (clean semantics).
 * `moveCostTiming: "every-step"` drops the 1[t < T]; `openspielCompat` replaces |m(a)| by the
 * policy-independent first-visit table |m_first(x, t)| at every epoch.
 */
export function createCrowdModelling(options: CrowdModellingOptions = {}): MeanFieldGame {
  const env = crowdModellingInfo.name;
  const params = readParams(crowdModellingInfo, options);
  const size = params.integer("size", 2);
  const decisions = params.integer("horizon", 1);
  const timing = params.value("moveCostTiming");
  if (timing !== "all-but-last" && timing !== "every-step") {
    badParam(env, "moveCostTiming", `must be "all-but-last" or "every-step" (got ${String(timing)})`);
  }
  const compat = params.boolean("openspielCompat");
  if (compat && timing !== "all-but-last") {
    badParam(env, "moveCostTiming", "cannot be combined with openspielCompat");
  }
  const horizon = decisions - 1;
  const nStates = size;
  const nActions = 3;
  const mu0 = params.mu0(nStates);
  const ring = (v: number): number => ((v % size) + size) % size;
  const { pattern, values } = patternFromContributions(nStates, nActions, (x, a, add) => {
    for (let e = -1; e <= 1; e++) add(ring(x + (a - 1) + e), 1 / 3);
  });
  const centre = Math.floor(size / 2);
  const position = new Float64Array(nStates);
  for (let x = 0; x < nStates; x++) position[x] = 1 - Math.abs(x - centre) / centre;
  // Movement cost table −|m|/N per (t, x, a), built once.
  const moveCost = new Float64Array((horizon + 1) * nStates * nActions);
  const mFirst = compat ? firstVisitMoves(size, decisions) : null;
  for (let t = 0; t <= horizon; t++) {
    for (let x = 0; x < nStates; x++) {
      for (let a = 0; a < nActions; a++) {
        let move: number;
        if (mFirst !== null) move = mFirst[t * size + x]!;
        else move = t < horizon || timing === "every-step" ? a - 1 : 0;
        moveCost[(t * nStates + x) * nActions + a] = (-1 * Math.abs(move)) / size;
      }
    }
  }
  const mu = new Float64Array(nStates);
  return assembleGame({
    name: env,
    horizon,
    nStates,
    nActions,
    mu0,
    pattern,
    rewardDependsOnMeanField: true,
    fixedTransition: values,
    timeHomogeneous: false,
    reward(t, L, out) {
      checkEpoch(env, t, horizon);
      stateMarginal(L, nStates, nActions, mu);
      const base = t * nStates * nActions;
      for (let x = 0; x < nStates; x++) {
        const crowd = -Math.log(mu[x]! + 1e-25);
        for (let a = 0; a < nActions; a++) {
          const r = x * nActions + a;
          out[r] = position[x]! + moveCost[base + r]! + crowd;
        }
      }
    },
  });
}
