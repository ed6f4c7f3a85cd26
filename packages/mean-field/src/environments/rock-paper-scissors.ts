import type { MeanFieldGame } from "../model.js";
import { assembleGame, horizonInfo, mu0Info, patternFromContributions, readParams } from "./common.js";
import type { EnvironmentInfo } from "./types.js";

/**
 * Options of {@link createRockPaperScissors}.
 * Absent (undefined or null) options take the defaults of {@link rockPaperScissorsInfo}.
 */
export interface RockPaperScissorsOptions {
  /** Last epoch T. */
  T?: number;
  /** Initial law over {start, R, P, S}. */
  mu0?: readonly number[];
}

/** Name, description, source, parameters and defaults of {@link createRockPaperScissors}. */
export const rockPaperScissorsInfo: EnvironmentInfo = {
  name: "rock_paper_scissors",
  description: "Shapley's generalised rock-paper-scissors against the population; not monotone.",
  source: "Shapley (1964) as used by Cui & Koeppl (2021); MFGLib rock_paper_scissors",
  params: [horizonInfo(1), mu0Info([1, 0, 0, 0], "{start, R, P, S}")],
};

/**
 * MFGLib's rock_paper_scissors: S = {0 start, 1 R, 2 P, 3 S}, A = {0 R, 1 P, 2 S}, s' = 1 + a;
 * rewards independent of a: r(0) = 0, r(1) = 2μ(3) − μ(2), r(2) = 4μ(1) − 2μ(3), r(3) = 6μ(2) − 3μ(1).
 */
export function createRockPaperScissors(options: RockPaperScissorsOptions = {}): MeanFieldGame {
  const env = rockPaperScissorsInfo.name;
  const params = readParams(rockPaperScissorsInfo, options);
  const horizon = params.integer("T", 0);
  const nStates = 4;
  const nActions = 3;
  const mu0 = params.mu0(nStates);
  const { pattern, values } = patternFromContributions(nStates, nActions, (_s, a, add) => add(1 + a, 1));
  return assembleGame({
    name: env,
    horizon,
    nStates,
    nActions,
    mu0,
    pattern,
    rewardDependsOnMeanField: true,
    fixedTransition: values,
    timeHomogeneous: true,
    reward(_t, L, out) {
      const muR = L[3]! + L[4]! + L[5]!;
      const muP = L[6]! + L[7]! + L[8]!;
      const muS = L[9]! + L[10]! + L[11]!;
      const r1 = 2 * muS - muP;
      const r2 = 4 * muR - 2 * muS;
      const r3 = 6 * muP - 3 * muR;
      for (let a = 0; a < nActions; a++) {
        out[a] = 0;
        out[3 + a] = r1;
        out[6 + a] = r2;
        out[9 + a] = r3;
      }
    },
  });
}
