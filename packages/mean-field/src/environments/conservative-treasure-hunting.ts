import type { MeanFieldGame } from "../model.js";
import {
  assembleGame,
  badParam,
  checkEpoch,
  densePattern,
  horizonInfo,
  mu0Info,
  readParams,
} from "./common.js";
import type { EnvironmentInfo, EnvironmentParam } from "./types.js";

/**
 * Options of {@link createConservativeTreasureHunting}.
 * Absent (undefined or null) options take the defaults of {@link conservativeTreasureHuntingInfo}.
 */
export interface ConservativeTreasureHuntingOptions {
  T?: number;
  /** Number of sites. */
  n?: number;
  /** Treasure values r_s (length n; all 1 when absent). */
  r?: readonly number[];
  /** Congestion costs c_0..c_{T−1} (length T; all 1 when absent). */
  c?: readonly number[];
  mu0?: readonly number[];
}

/** Default r and c: all ones, of length n and T (MFGLib's default c fits only T = 5; ours any T). */
function ones(length: number): number[] {
  return new Array(length).fill(1);
}

const horizonParam = horizonInfo(5);
const sitesParam: EnvironmentParam = {
  name: "n",
  type: "integer",
  default: 3,
  description: "number of sites (states = actions)",
};

/**
 * Name, description, source, parameters and defaults of {@link createConservativeTreasureHunting}.
 * The listed defaults of r and c are their values at the default n and T.
 */
export const conservativeTreasureHuntingInfo: EnvironmentInfo = {
  name: "conservative_treasure_hunting",
  description:
    "Stay at your site to collect its treasure; deviations D_t of the population from staying blur moves.",
  source: "Guo et al. (2022, MF-OMO); MFGLib conservative_treasure_hunting",
  params: [
    horizonParam,
    sitesParam,
    {
      name: "r",
      type: "number[]",
      default: ones(sitesParam.default as number),
      description: "treasure values, length n (default all 1)",
    },
    {
      name: "c",
      type: "number[]",
      default: ones(horizonParam.default as number),
      description: "costs c_0..c_{T−1}, length T (default all 1)",
    },
    mu0Info(),
  ],
};

/**
 * MFGLib's conservative_treasure_hunting: S = A = {0..n−1}. At t = 0, s' = a and r = 0. For t ≥ 1,
 * D_t(s) = Σ_{s̃,ã} (L_t(s̃,ã) − 1[s̃ = s, ã = s])², r_t(s, a) = r_s·(1 − D_t(s)/2)·1[a = s],
 * P_t(s'|s,a) = (c_{t−1}·D_t(s) + 1[s' = a]) / (1 + n·c_{t−1}·D_t(s)).
 */
export function createConservativeTreasureHunting(
  options: ConservativeTreasureHuntingOptions = {},
): MeanFieldGame {
  const env = conservativeTreasureHuntingInfo.name;
  const params = readParams(conservativeTreasureHuntingInfo, options);
  const horizon = params.integer("T", 0);
  const n = params.integer("n", 1);
  const treasure = params.numberArray("r", n, ones(n));
  // MFGLib requires len(c) = T; without c we use (1, …, 1) of length T for any T.
  const c = params.numberArray("c", horizon, ones(horizon));
  for (let i = 0; i < c.length; i++) if (c[i]! < 0) badParam(env, "c", `[${i}] must be ≥ 0`);
  const mu0 = params.mu0(n);
  const pattern = densePattern(n, n);
  const D = new Float64Array(n);
  const computeD = (L: Float64Array): void => {
    // Σ (L − e_{(s,s)})² = Σ L² − L(s,s)² + (L(s,s) − 1)².
    let sumSq = 0;
    for (let i = 0; i < n * n; i++) sumSq += L[i]! * L[i]!;
    for (let s = 0; s < n; s++) {
      const diag = L[s * n + s]!;
      D[s] = sumSq - diag * diag + (diag - 1) * (diag - 1);
    }
  };
  return assembleGame({
    name: env,
    horizon,
    nStates: n,
    nActions: n,
    mu0,
    pattern,
    rewardDependsOnMeanField: true,
    timeHomogeneous: false,
    reward(t, L, out) {
      checkEpoch(env, t, horizon);
      out.fill(0);
      if (t === 0) return;
      computeD(L);
      for (let s = 0; s < n; s++) out[s * n + s] = treasure[s]! * (1 - D[s]! / 2);
    },
    transitionValues(t, L, out) {
      checkEpoch(env, t, horizon);
      // Dense pattern: entry ((s·n + a)·n + s').
      if (t === 0) {
        out.fill(0);
        for (let s = 0; s < n; s++) for (let a = 0; a < n; a++) out[(s * n + a) * n + a] = 1;
        return;
      }
      computeD(L);
      const ct = c[t - 1]!;
      for (let s = 0; s < n; s++) {
        const blur = ct * D[s]!;
        const norm = 1 + n * blur;
        const off = blur / norm;
        const on = off + 1 / norm; // MFGLib adds 1/(1 + n·c·D) to the diagonal
        for (let a = 0; a < n; a++) {
          const base = (s * n + a) * n;
          for (let sp = 0; sp < n; sp++) out[base + sp] = sp === a ? on : off;
        }
      }
    },
  });
}
