import type { MeanFieldGame } from "../model.js";
import { assembleGame, horizonInfo, mu0Info, patternFromContributions, readParams } from "./common.js";
import type { EnvironmentInfo } from "./types.js";

/**
 * Options of {@link createEquilibriumPrice}.
 * Absent (undefined or null) options take the defaults of {@link equilibriumPriceInfo}.
 */
export interface EquilibriumPriceOptions {
  T?: number;
  /** Inventory capacity (states 0..s_inv). */
  s_inv?: number;
  /** Largest consumption q. */
  Q?: number;
  /** Largest replenishment h. */
  H?: number;
  d?: number;
  e0?: number;
  sigma?: number;
  /** Cost coefficients (c0..c4). */
  c?: readonly number[];
  mu0?: readonly number[];
}

/** Name, description, source, parameters and defaults of {@link createEquilibriumPrice}. */
export const equilibriumPriceInfo: EnvironmentInfo = {
  name: "equilibrium_price",
  description:
    "Inventory with a two-dimensional action (consume q, replenish h); price falls with total consumption.",
  source: "Guo et al. (2022, MF-OMO); MFGLib equilibrium_price",
  params: [
    horizonInfo(4),
    { name: "s_inv", type: "integer", default: 3, description: "inventory capacity" },
    { name: "Q", type: "integer", default: 2, description: "largest consumption q" },
    { name: "H", type: "integer", default: 2, description: "largest replenishment h" },
    { name: "d", type: "number", default: 1, description: "demand scale in the price" },
    { name: "e0", type: "number", default: 1, description: "exogenous supply in the price" },
    { name: "sigma", type: "number", default: 1, description: "price elasticity exponent 1/σ" },
    { name: "c", type: "number[]", default: [1, 1, 1, 1, 1], description: "cost coefficients c0..c4" },
    mu0Info(),
  ],
};

/**
 * MFGLib's equilibrium_price: S = {0..s_inv}, A = (q, h) ∈ {0..Q}×{0..H} flattened with q major.
 * p_t = (d / (Σ q·L_t(s,q,h) + e0))^{1/σ};
 * r = (p_t − c0)q − c1q² − c2h − (c2 + c3)·max(q − s, 0) − c4·s;  s' = min(s − min(q, s) + h, s_inv).
 */
export function createEquilibriumPrice(options: EquilibriumPriceOptions = {}): MeanFieldGame {
  const env = equilibriumPriceInfo.name;
  const params = readParams(equilibriumPriceInfo, options);
  const horizon = params.integer("T", 0);
  const sInv = params.integer("s_inv", 0);
  const Q = params.integer("Q", 0);
  const H = params.integer("H", 0);
  const d = params.number("d", { min: 0 });
  const e0 = params.number("e0", { min: 0, exclusiveMin: true });
  const sigma = params.number("sigma", { min: 0, exclusiveMin: true });
  const c = params.numberArray("c", 5);
  const nStates = sInv + 1;
  const nActions = (Q + 1) * (H + 1);
  const mu0 = params.mu0(nStates);
  const { pattern, values } = patternFromContributions(nStates, nActions, (s, a, add) => {
    const q = Math.floor(a / (H + 1));
    const h = a % (H + 1);
    add(Math.min(s - Math.min(q, s) + h, sInv), 1);
  });
  // L-independent part: −c0·q − c1q² − c2h − (c2 + c3)·max(q − s, 0) − c4·s, and q per action.
  const [c0, c1, c2, c3, c4] = [c[0]!, c[1]!, c[2]!, c[3]!, c[4]!];
  const quantity = new Float64Array(nActions);
  for (let a = 0; a < nActions; a++) quantity[a] = Math.floor(a / (H + 1));
  const exponent = 1 / sigma;
  return assembleGame({
    name: env,
    horizon,
    nStates,
    nActions,
    actionShape: [Q + 1, H + 1],
    mu0,
    pattern,
    rewardDependsOnMeanField: true,
    fixedTransition: values,
    timeHomogeneous: true,
    reward(_t, L, out) {
      let consumption = 0;
      for (let s = 0; s < nStates; s++) {
        for (let a = 0; a < nActions; a++) consumption += quantity[a]! * L[s * nActions + a]!;
      }
      const price = (d / (consumption + e0)) ** exponent;
      for (let s = 0; s < nStates; s++) {
        for (let a = 0; a < nActions; a++) {
          const q = quantity[a]!;
          const h = a % (H + 1);
          out[s * nActions + a] =
            (price - c0) * q - c1 * q * q - c2 * h - (c2 + c3) * Math.max(q - s, 0) - c4 * s;
        }
      }
    },
  });
}
