import type { MeanFieldGame } from "../model.js";
import { assembleGame, mu0Info, patternFromContributions, readParams } from "./common.js";
import type { EnvironmentInfo } from "./types.js";

/**
 * Options of {@link createLeftRight}. T = 1 is fixed, as in MFGLib.
 * Absent (undefined or null) options take the defaults of {@link leftRightInfo}.
 */
export interface LeftRightOptions {
  /** Initial law over {C, L, R}. */
  mu0?: readonly number[];
}

/** Name, description, source, parameters and defaults of {@link createLeftRight}. */
export const leftRightInfo: EnvironmentInfo = {
  name: "left_right",
  description: "Start in the centre, go left or right; crowded sides cost −μ(L) and −2μ(R). T = 1.",
  source: "Cui & Koeppl (2021); MFGLib left_right",
  params: [mu0Info([1, 0, 0], "{C, L, R}")],
};

/**
 * MFGLib's left_right: S = {0 C, 1 L, 2 R}, A = {0 L, 1 R}, T = 1, s' = 1 + a from every state;
 * r(C) = 0, r(L) = −μ_t(L), r(R) = −2μ_t(R), independent of a.
 */
export function createLeftRight(options: LeftRightOptions = {}): MeanFieldGame {
  const env = leftRightInfo.name;
  const params = readParams(leftRightInfo, options);
  const nStates = 3;
  const nActions = 2;
  const mu0 = params.mu0(nStates);
  const { pattern, values } = patternFromContributions(nStates, nActions, (_s, a, add) => add(1 + a, 1));
  return assembleGame({
    name: env,
    horizon: 1,
    nStates,
    nActions,
    mu0,
    pattern,
    rewardDependsOnMeanField: true,
    fixedTransition: values,
    timeHomogeneous: true,
    reward(_t, L, out) {
      const muL = L[2]! + L[3]!;
      const muR = L[4]! + L[5]!;
      out[0] = 0;
      out[1] = 0;
      out[2] = -muL;
      out[3] = -muL;
      out[4] = -2 * muR;
      out[5] = -2 * muR;
    },
  });
}
