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
 * Options of {@link createBuildingEvacuation}.
 * Absent (undefined or null) options take the defaults of {@link buildingEvacuationInfo}.
 */
export interface BuildingEvacuationOptions {
  T?: number;
  n_floor?: number;
  floor_l?: number;
  floor_w?: number;
  /** Lower clamp of μ inside the log. */
  log_eps?: number;
  /** Weight η of the crowd aversion. */
  eta?: number;
  /** Reward for being on the ground floor. */
  evac_r?: number;
  mu0?: readonly number[];
}

/** Name, description, source, parameters and defaults of {@link createBuildingEvacuation}. */
export const buildingEvacuationInfo: EnvironmentInfo = {
  name: "building_evacuation",
  description:
    "Floors of l×w cells; stairs down at (0,0), up at (l−1,w−1); reward for the ground floor, crowd aversion.",
  source: "Pérolat et al. (2021); MFGLib building_evacuation (code semantics)",
  params: [
    horizonInfo(3),
    { name: "n_floor", type: "integer", default: 5, description: "number of floors" },
    { name: "floor_l", type: "integer", default: 10, description: "floor length (x ∈ 0..l−1)" },
    { name: "floor_w", type: "integer", default: 10, description: "floor width (y ∈ 0..w−1)" },
    { name: "log_eps", type: "number", default: 1e-20, description: "clamp in −η·log(max(μ(s), log_eps))" },
    { name: "eta", type: "number", default: 1, description: "weight of the crowd aversion" },
    { name: "evac_r", type: "number", default: 10, description: "reward on the ground floor (f = 0)" },
    mu0Info(),
  ],
};

/**
 * MFGLib's building_evacuation: S = (f, x, y) flattened row-major, six deterministic clipped moves
 * 0: x+1, 1: x−1, 2: y−1, 3: y+1, 4: f−1 only at (0, 0), 5: f+1 only at (l−1, w−1) (else stay).
 * r_t(s) = −η·log(max(μ_t(s), log_eps)) + evac_r·1[f = 0], independent of a.
 */
export function createBuildingEvacuation(options: BuildingEvacuationOptions = {}): MeanFieldGame {
  const env = buildingEvacuationInfo.name;
  const params = readParams(buildingEvacuationInfo, options);
  const horizon = params.integer("T", 0);
  const nFloor = params.integer("n_floor", 1);
  const l = params.integer("floor_l", 1);
  const w = params.integer("floor_w", 1);
  const logEps = params.number("log_eps", { min: 0, exclusiveMin: true });
  const eta = params.number("eta");
  const evacR = params.number("evac_r");
  const nStates = nFloor * l * w;
  const nActions = 6;
  const mu0 = params.mu0(nStates);
  const index = (f: number, x: number, y: number): number => (f * l + x) * w + y;
  const { pattern, values } = patternFromContributions(nStates, nActions, (s, a, add) => {
    const y = s % w;
    const x = Math.floor(s / w) % l;
    const f = Math.floor(s / (w * l));
    let [nf, nx, ny] = [f, x, y];
    if (a === 0) nx = Math.min(x + 1, l - 1);
    else if (a === 1) nx = Math.max(x - 1, 0);
    else if (a === 2) ny = Math.max(y - 1, 0);
    else if (a === 3) ny = Math.min(y + 1, w - 1);
    else if (a === 4 && x === 0 && y === 0) nf = Math.max(f - 1, 0);
    else if (a === 5 && x === l - 1 && y === w - 1) nf = Math.min(f + 1, nFloor - 1);
    add(index(nf, nx, ny), 1);
  });
  const mu = new Float64Array(nStates);
  const cellsPerFloor = l * w;
  return assembleGame({
    name: env,
    horizon,
    nStates,
    nActions,
    stateShape: [nFloor, l, w],
    mu0,
    pattern,
    rewardDependsOnMeanField: true,
    fixedTransition: values,
    timeHomogeneous: true,
    reward(_t, L, out) {
      stateMarginal(L, nStates, nActions, mu);
      for (let s = 0; s < nStates; s++) {
        const r = -eta * Math.log(Math.max(mu[s]!, logEps)) + (s < cellsPerFloor ? evacR : 0);
        for (let a = 0; a < nActions; a++) out[s * nActions + a] = r;
      }
    },
  });
}
