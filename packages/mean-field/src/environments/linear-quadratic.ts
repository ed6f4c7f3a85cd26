import { MfkitError } from "@mfkit/core";
import type { MeanFieldGame } from "../model.js";
import {
  assembleGame,
  horizonInfo,
  mu0Info,
  patternFromContributions,
  readParams,
  stateMarginal,
} from "./common.js";
import type { EnvironmentInfo } from "./types.js";

/**
 * Options of {@link createLinearQuadratic}.
 * Absent (undefined or null) options take the defaults of {@link linearQuadraticInfo}.
 */
export interface LinearQuadraticOptions {
  T?: number;
  /** Positions −el..el. */
  el?: number;
  /** Controls −m..m. */
  m?: number;
  /** Noise scale σ (enters twice, as in MFGLib's code). */
  sigma?: number;
  /** Time step δ. */
  delta?: number;
  /** Mean reversion k. */
  k?: number;
  /** Cross weight q. */
  q?: number;
  /** Running weight κ. */
  kappa?: number;
  /** Terminal weight. */
  c_term?: number;
  mu0?: readonly number[];
}

/** Name, description, source, parameters and defaults of {@link createLinearQuadratic}. */
export const linearQuadraticInfo: EnvironmentInfo = {
  name: "linear_quadratic",
  description:
    "Discretised linear-quadratic game: drift towards the population mean, quadratic costs, Gaussian jumps.",
  source:
    "Perrin et al. (2020); MFGLib linear_quadratic (code semantics: σ enters twice, half-even rounding)",
  params: [
    horizonInfo(3),
    { name: "el", type: "integer", default: 5, description: "positions −el..el" },
    { name: "m", type: "integer", default: 2, description: "controls −m..m" },
    { name: "sigma", type: "number", default: 3, description: "noise scale σ" },
    { name: "delta", type: "number", default: 0.1, description: "time step δ" },
    { name: "k", type: "number", default: 1, description: "mean-reversion rate" },
    { name: "q", type: "number", default: 0.01, description: "cross weight q" },
    { name: "kappa", type: "number", default: 0.5, description: "running weight κ" },
    { name: "c_term", type: "number", default: 1, description: "terminal weight" },
    mu0Info(),
  ],
};

/** Rounds half to even, like torch.round (Math.round rounds halves up). */
export function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * MFGLib's linear_quadratic: x ∈ {−el..el} (index x + el), u ∈ {−m..m} (index u + m),
 * m_t = Σ_x x·μ_t(x). Noise j ∈ {−3..3}, ε_j = σ·j, weights w_j ∝ exp(−ε_j²/2);
 * x' = clip(round_half_even(x + (k(m_t − x) + u)·δ + σ·ε_j·√δ), −el, el) w.p. w_j.
 * r = δ·(−½u² + q·u·(m_t − x) − ½κ(m_t − x)²) for t < T; −½·c_term·(m_t − x)² at t = T.
 */
export function createLinearQuadratic(options: LinearQuadraticOptions = {}): MeanFieldGame {
  const env = linearQuadraticInfo.name;
  const params = readParams(linearQuadraticInfo, options);
  const horizon = params.integer("T", 0);
  const el = params.integer("el", 0);
  const mMax = params.integer("m", 0);
  const sigma = params.number("sigma");
  const delta = params.number("delta", { min: 0 });
  const k = params.number("k");
  const q = params.number("q");
  const kappa = params.number("kappa");
  const cTerm = params.number("c_term");
  const nStates = 2 * el + 1;
  const nActions = 2 * mMax + 1;
  const mu0 = params.mu0(nStates);

  // Noise jumps σ·ε_j·√δ and their normalised weights, j = −3..3.
  const jumps = new Float64Array(7);
  const weights = new Float64Array(7);
  let total = 0;
  for (let j = -3; j <= 3; j++) {
    const eps = sigma * j;
    weights[j + 3] = Math.exp(-(eps * eps) / 2);
    total += weights[j + 3]!;
  }
  const sqrtDelta = Math.sqrt(delta);
  for (let j = -3; j <= 3; j++) {
    weights[j + 3]! /= total;
    jumps[j + 3] = sigma * (sigma * j) * sqrtDelta;
  }
  // Pattern: every next state reachable for some m_t ∈ [−el, el], widened by one cell each side
  // (the position is monotone in m_t when k ≥ 0 and antitone when k < 0, so endpoints bound it).
  const { pattern } = patternFromContributions(
    nStates,
    nActions,
    (s, a, add) => {
      const x = s - el;
      const u = a - mMax;
      for (let j = 0; j < 7; j++) {
        const ends = [-el, el].map((mt) => roundHalfEven(x + (k * (mt - x) + u) * delta + jumps[j]!));
        const lo = Math.max(Math.min(ends[0]!, ends[1]!) - 1, -el);
        const hi = Math.min(Math.max(ends[0]!, ends[1]!) + 1, el);
        for (let y = lo; y <= hi; y++) add(y + el, 0);
      }
    },
    true,
  );
  const { rowPtr, col } = pattern;
  // position of next state s' within row r: slot[r·S + s'] (−1 when not stored).
  const slot = new Int32Array(nStates * nActions * nStates).fill(-1);
  for (let r = 0; r < nStates * nActions; r++) {
    for (let e = rowPtr[r]!; e < rowPtr[r + 1]!; e++) slot[r * nStates + col[e]!] = e;
  }
  const mu = new Float64Array(nStates);
  const meanPosition = (L: Float64Array): number => {
    stateMarginal(L, nStates, nActions, mu);
    let mt = 0;
    for (let s = 0; s < nStates; s++) mt += (s - el) * mu[s]!;
    if (!Number.isFinite(mt)) {
      throw new MfkitError("non-finite", `${env}: the mean position m_t is ${mt}; L must be finite`, ["L"]);
    }
    return mt;
  };
  return assembleGame({
    name: env,
    horizon,
    nStates,
    nActions,
    mu0,
    pattern,
    rewardDependsOnMeanField: true,
    timeHomogeneous: false,
    reward(t, L, out) {
      const mt = meanPosition(L);
      for (let s = 0; s < nStates; s++) {
        const gap = mt - (s - el);
        for (let a = 0; a < nActions; a++) {
          const u = a - mMax;
          out[s * nActions + a] =
            t < horizon
              ? delta * (-0.5 * u * u + q * u * gap - 0.5 * kappa * gap * gap)
              : -0.5 * cTerm * gap * gap;
        }
      }
    },
    transitionValues(_t, L, out) {
      const mt = meanPosition(L);
      out.fill(0);
      for (let s = 0; s < nStates; s++) {
        const x = s - el;
        for (let a = 0; a < nActions; a++) {
          const u = a - mMax;
          const r = s * nActions + a;
          const drift = x + (k * (mt - x) + u) * delta;
          for (let j = 0; j < 7; j++) {
            const y = Math.min(Math.max(roundHalfEven(drift + jumps[j]!), -el), el);
            const e = slot[r * nStates + y + el]!;
            if (e < 0) {
              throw new MfkitError(
                "invalid-probability",
                `${env}: the mean position m_t = ${mt} lies outside [−el, el]; L is not a distribution`,
                ["L"],
              );
            }
            out[e]! += weights[j]!;
          }
        }
      }
    },
  });
}
