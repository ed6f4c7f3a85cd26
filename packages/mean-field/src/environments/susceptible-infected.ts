import type { MeanFieldGame } from "../model.js";
import { assembleGame, horizonInfo, mu0Info, patternFromContributions, readParams } from "./common.js";
import type { EnvironmentInfo } from "./types.js";

/**
 * Options of {@link createSusceptibleInfected}.
 * Absent (undefined or null) options take the defaults of {@link susceptibleInfectedInfo}.
 */
export interface SusceptibleInfectedOptions {
  /** Last epoch T. */
  T?: number;
  /** Initial law over {S, I}. */
  mu0?: readonly number[];
}

/** Name, description, source, parameters and defaults of {@link createSusceptibleInfected}. */
export const susceptibleInfectedInfo: EnvironmentInfo = {
  name: "susceptible_infected",
  description:
    "SIS epidemic: going out risks infection 0.81·μ(I), distancing costs 0.5, being infected costs 1.",
  source: "Cui & Koeppl (2021); MFGLib susceptible_infected",
  params: [horizonInfo(50), mu0Info([0.4, 0.6], "{S, I}")],
};

/** 0.9², the infection probability per infected contact when going out. */
const INFECTION = 0.9 ** 2;

/**
 * MFGLib's susceptible_infected: S = {0 S, 1 I}, A = {0 go out, 1 distance}.
 * P(I|S,U) = 0.81·μ_t(I), P(S|S,U) = 1 − 0.81·μ_t(I); (S,D) stays S; from I (any a): S w.p. 0.3, I w.p. 0.7.
 * r(S,U) = 0, r(S,D) = −0.5, r(I,U) = −1, r(I,D) = −1.5.
 */
export function createSusceptibleInfected(options: SusceptibleInfectedOptions = {}): MeanFieldGame {
  const env = susceptibleInfectedInfo.name;
  const params = readParams(susceptibleInfectedInfo, options);
  const horizon = params.integer("T", 0);
  const nStates = 2;
  const nActions = 2;
  const mu0 = params.mu0(nStates);
  // Row (S,U) stores {S, I}; (S,D) stores {S}; (I,·) store {S, I}.
  const { pattern, values } = patternFromContributions(
    nStates,
    nActions,
    (s, a, add) => {
      if (s === 0 && a === 0) {
        add(0, 1);
        add(1, 0);
      } else if (s === 0) add(0, 1);
      else {
        add(0, 0.3);
        add(1, 0.7);
      }
    },
    true,
  );
  const rewardTable = Float64Array.from([0, -0.5, -1, -1.5]);
  return assembleGame({
    name: env,
    horizon,
    nStates,
    nActions,
    mu0,
    pattern,
    rewardDependsOnMeanField: false,
    timeHomogeneous: true,
    reward(_t, _L, out) {
      out.set(rewardTable);
    },
    transitionValues(_t, L, out) {
      out.set(values);
      const pInfect = INFECTION * (L[2]! + L[3]!);
      out[0] = 1 - pInfect;
      out[1] = pInfect;
    },
  });
}
