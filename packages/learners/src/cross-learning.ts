/**
 * Cross learning (Börgers & Sarin 1997), one mixed strategy per state.
 *
 * The parameters are the policy itself, x_i[s, ·] ∈ Δ(A_i); on a transition from s with own action
 * a_i and reward r_i ∈ [0, 1] only row s moves:
 *
 *     x_i[s, ·] += α_i r_i (e_{a_i} − x_i[s, ·]).
 *
 * The increments sum to 0 and, with α_i r_i ≤ 1, keep the row nonnegative: x stays on the simplex.
 * Averaged direction, with R̄_i(s, b) = Σ_{a_{−i}} π_{−i}(a_{−i}|s) R_i(s, b, a_{−i}):
 *
 *     F_i[s, b] = α_i ν(s) x_i[s, b] ( R̄_i(s, b) − Σ_c x_i[s, c] R̄_i(s, c) ),
 *
 * the replicator equation in each state, slowed by the state's frequency. In a normal-form game
 * (|S| = 1, ν ≡ 1) it is exactly the replicator dynamics.
 *
 * Rewards must lie in [0, 1] (the game's mean rewards are checked; noisy rewards are the user's
 * responsibility) and α_i ≤ 1.
 */
import { type ErrorPath, MfkitError } from "@mfkit/core";
import type { Learner, LearnerContext } from "@mfkit/markov-game";
import {
  type LearnerSpec,
  readNumberOption,
  readProbabilityTableOption,
  rejectUnknownOptions,
} from "./options.js";

/** Validated options of a Cross learner. */
export interface CrossLearningOptions {
  /** α ∈ (0, 1]. */
  readonly alpha: number;
  /** x(0): probability rows, flat [s·A_i + b]. */
  readonly init: Float64Array;
}

/** Creates a Cross learner for `context.player` (checks the player's mean rewards are in [0, 1]). */
export function createCrossLearner(context: LearnerContext, options: CrossLearningOptions): Learner {
  const { game, player } = context;
  const { alpha } = options;
  const S = game.nStates;
  const A = game.actionCounts[player]!;
  const n = game.nPlayers;
  const J = game.nJointActions;
  for (let r = 0; r < S * J; r++) {
    const value = game.rewards[r * n + player]!;
    if (!(value >= 0 && value <= 1)) {
      const j = r % J;
      throw new MfkitError(
        "invalid-argument",
        `Cross learning needs rewards in [0, 1]; player ${player} gets ${value}`,
        [
          "game",
          "rewards",
          Math.floor(r / J),
          ...Array.from(game.jointActions.subarray(j * n, j * n + n)),
          player,
        ],
      );
    }
  }
  return {
    rule: "cross-learning",
    player,
    paramShape: [S, A],
    paramSize: S * A,
    rate: alpha,
    initialParams: options.init,
    policy(x, offset, s, out, outOffset) {
      for (let b = 0; b < A; b++) out[outOffset + b] = x[offset + s * A + b]!;
    },
    addIncrement(x, offset, e, weight, out, outOffset) {
      const row = e.state * A;
      const step = weight * e.rewards[player]!;
      const played = e.actions[player]!;
      // Read the played entry first: out may alias x.
      for (let b = 0; b < A; b++) {
        const xb = x[offset + row + b]!;
        out[outOffset + row + b] += step * ((b === played ? 1 : 0) - xb);
      }
    },
    addAveragedIncrement(x, offset, c, weight, out, outOffset) {
      for (let s = 0; s < S; s++) {
        const nu = c.stateLaw[s]!;
        if (nu === 0) continue;
        // Σ_j p(s, j) R_i(s, j) (1[a_i(j) = b] − x[s, b]): the expected-reward-weighted own action.
        let meanReward = 0;
        for (let j = 0; j < J; j++) {
          const p = c.jointPolicy[s * J + j]!;
          if (p === 0) continue;
          const pr = p * game.rewards[(s * J + j) * n + player]!;
          meanReward += pr;
          out[outOffset + s * A + game.jointActions[j * n + player]!] += weight * nu * pr;
        }
        for (let b = 0; b < A; b++)
          out[outOffset + s * A + b] -= weight * nu * meanReward * x[offset + s * A + b]!;
      }
    },
  };
}

/** Reads `{ rule: "cross-learning", alpha ∈ (0, 1], init?: probability rows [S][A_i] (default uniform) }`. */
export function crossLearnerFromSpec(context: LearnerContext, spec: LearnerSpec, path: ErrorPath): Learner {
  rejectUnknownOptions(spec, path, ["rule", "alpha", "init"]);
  const S = context.game.nStates;
  const A = context.game.actionCounts[context.player]!;
  return createCrossLearner(context, {
    alpha: readNumberOption(spec, "alpha", path, { above: 0, max: 1 }),
    init: readProbabilityTableOption(spec, "init", path, [S, A]),
  });
}
