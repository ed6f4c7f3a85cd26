/**
 * Any time-homogeneous `@mfkit/mean-field` game as a TMF game with identity passive kernel:
 * active agents use the game's r and P; idle agents stay put (P0 = id) and earn r0 (default 0, or
 * `average`: the mean of r(o, ·, μ) over actions).
 *
 * The MFG interface is written in the state-action mean field L; a TMF kernel sees only μ, so the
 * adapter passes L(o, a) = μ(o)/|A|. This is exact for environments whose r and P depend on L only
 * through μ (the common case); for others it fixes the action part of L at uniform.
 */
import { MfkitError } from "@mfkit/core";
import type { MeanFieldGame } from "@mfkit/mean-field";
import type { TemporalMeanFieldGame } from "../model.js";

/** Options of {@link fromMeanFieldGame}. */
export interface FromMeanFieldOptions {
  /** r0: `zero` (default) or `average` (mean of r over actions). */
  passiveReward?: "zero" | "average";
  horizon?: number;
  discount?: number;
}

/** Wraps a time-homogeneous MFG as a TMF game with P0 = id. */
export function fromMeanFieldGame(
  game: MeanFieldGame,
  options: FromMeanFieldOptions = {},
): TemporalMeanFieldGame {
  if (!game.timeHomogeneous) {
    throw new MfkitError(
      "invalid-argument",
      `${game.name} is not time-homogeneous; the TMF adapter needs r and P independent of t`,
      ["game", "timeHomogeneous"],
    );
  }
  const nO = game.nStates;
  const nA = game.nActions;
  const { rowPtr, col } = game.transitionPattern;
  const nnz = rowPtr[nO * nA];
  const L = new Float64Array(nO * nA);
  const values = new Float64Array(nnz);
  const rewards = new Float64Array(nO * nA);
  const average = options.passiveReward === "average";
  const fillL = (mu: Float64Array) => {
    for (let o = 0; o < nO; o++) for (let a = 0; a < nA; a++) L[o * nA + a] = mu[o] / nA;
  };
  return {
    name: `tmf:${game.name}`,
    nObs: nO,
    nActions: nA,
    horizon: options.horizon ?? game.horizon,
    discount: options.discount ?? game.discount,
    mu0: Float64Array.from(game.mu0),
    dependsOnMeanField: {
      activeKernel: game.dependsOnMeanField.transition,
      passiveKernel: false,
      activeReward: game.dependsOnMeanField.reward,
      passiveReward: average && game.dependsOnMeanField.reward,
    },
    passiveIsIdentity: true,
    activeKernel(mu, out) {
      fillL(mu);
      game.transitionValues(0, L, values);
      out.fill(0);
      for (let r = 0; r < nO * nA; r++) {
        for (let j = rowPtr[r]; j < rowPtr[r + 1]; j++) out[r * nO + col[j]] += values[j];
      }
    },
    activeReward(mu, out) {
      fillL(mu);
      game.reward(0, L, out);
    },
    passiveKernel(_mu, out) {
      out.fill(0);
      for (let o = 0; o < nO; o++) out[o * nO + o] = 1;
    },
    passiveReward(mu, out) {
      if (!average) {
        out.fill(0);
        return;
      }
      fillL(mu);
      game.reward(0, L, rewards);
      for (let o = 0; o < nO; o++) {
        let sum = 0;
        for (let a = 0; a < nA; a++) sum += rewards[o * nA + a];
        out[o] = sum / nA;
      }
    },
  };
}
