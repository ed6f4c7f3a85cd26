/**
 * State-value TD(0) under a fixed policy (policy evaluation).
 *
 * Learner i plays a policy π^i(·|s) that does not move — a table of probabilities, a parametrised
 * softmax-ε(preferences/τ), or any function of the state given through the API — and learns V_i ∈ ℝ^S:
 *
 *     V_i[s] += α_i (r_i + γ_i V_i[s'] − V_i[s]).
 *
 * Averaged direction (closed form), with ν_x the stationary state law under everybody's policies:
 *
 *     F_i[s] = α_i ν(s) ( Σ_a π(a|s)[R_i(s,a) + γ_i Σ_{s'} T(s,a,s') V_i(s')] − V_i[s] ).
 *
 * When the other players' policies are frozen too, the rest point is V^π, the solution of the
 * Bellman evaluation equation V = r_π + γ P_π V, and the ODE converges to it (a γ-contraction in sup norm).
 */
import type { ErrorPath } from "@mfkit/core";
import type { Learner, LearnerContext } from "@mfkit/markov-game";
import { expectOverSuccessors } from "./game-expectations.js";
import {
  type LearnerSpec,
  readNumberOption,
  readProbabilityTableOption,
  readTableOption,
  readVectorOption,
  rejectUnknownOptions,
} from "./options.js";
import { softmaxEpsilon } from "./softmax-epsilon.js";

/** A fixed policy: writes π(·|s) into out[outOffset ..]. */
export type FixedPolicy = (state: number, out: Float64Array, outOffset: number) => void;

/** Validated options of a TD(0) learner. */
export interface Td0Options {
  /** α, the step size. */
  readonly alpha: number;
  /** γ, the discount. */
  readonly gamma: number;
  /** V(0), length |S|. */
  readonly init: Float64Array;
  /** π^i(·|s): a table [S·A_i] of probability rows, or a function. */
  readonly policy: Float64Array | FixedPolicy;
}

/** Creates a TD(0) learner for `context.player`. */
export function createTd0Learner(context: LearnerContext, options: Td0Options): Learner {
  const { game, player } = context;
  const { alpha, gamma } = options;
  const S = game.nStates;
  const A = game.actionCounts[player]!;
  const n = game.nPlayers;
  const J = game.nJointActions;
  const table = options.policy;
  const policy: FixedPolicy =
    typeof table === "function"
      ? table
      : (s, out, outOffset) => {
          for (let b = 0; b < A; b++) out[outOffset + b] = table[s * A + b]!;
        };
  return {
    rule: "td0",
    player,
    paramShape: [S],
    paramSize: S,
    rate: alpha,
    initialParams: options.init,
    policy: (_x, _offset, s, out, outOffset) => policy(s, out, outOffset),
    addIncrement(x, offset, e, weight, out, outOffset) {
      const s = e.state;
      const target = e.rewards[player]! + gamma * x[offset + e.next]!;
      out[outOffset + s] += weight * (target - x[offset + s]!);
    },
    addAveragedIncrement(x, offset, c, weight, out, outOffset) {
      for (let s = 0; s < S; s++) {
        const nu = c.stateLaw[s]!;
        if (nu === 0) continue;
        let target = 0;
        for (let j = 0; j < J; j++) {
          const p = c.jointPolicy[s * J + j]!;
          if (p === 0) continue;
          const r = s * J + j;
          target += p * (game.rewards[r * n + player]! + gamma * expectOverSuccessors(game, r, x, offset));
        }
        out[outOffset + s] += weight * nu * (target - x[offset + s]!);
      }
    },
  };
}

/**
 * Reads `{ rule: "td0", alpha, gamma, init?: number | [S] }` with the policy given either as
 * `policy`: probability rows [S][A_i] (default uniform), or parametrised as
 * `preferences`: [S][A_i] with `tau` > 0 and `epsilon` ∈ [0, 1], π = softmax-ε(preferences/τ).
 */
export function td0LearnerFromSpec(context: LearnerContext, spec: LearnerSpec, path: ErrorPath): Learner {
  const parametrised = spec.preferences !== undefined;
  rejectUnknownOptions(
    spec,
    path,
    parametrised
      ? ["rule", "alpha", "gamma", "init", "preferences", "tau", "epsilon"]
      : ["rule", "alpha", "gamma", "init", "policy"],
  );
  const S = context.game.nStates;
  const A = context.game.actionCounts[context.player]!;
  let policy: Float64Array;
  if (parametrised) {
    const preferences = readTableOption(spec, "preferences", path, [S, A]);
    const tau = readNumberOption(spec, "tau", path, { above: 0 });
    const epsilon = readNumberOption(spec, "epsilon", path, { min: 0, max: 1, default: 0 });
    policy = new Float64Array(S * A);
    for (let s = 0; s < S; s++) softmaxEpsilon(preferences, s * A, A, tau, epsilon, policy, s * A);
  } else policy = readProbabilityTableOption(spec, "policy", path, [S, A]);
  return createTd0Learner(context, {
    alpha: readNumberOption(spec, "alpha", path, { above: 0 }),
    gamma: readNumberOption(spec, "gamma", path, { min: 0, below: 1 }),
    init: readVectorOption(spec, "init", path, S),
    policy,
  });
}
