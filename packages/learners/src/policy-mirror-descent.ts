/**
 * Entropy-regularised policy mirror descent (PMD) with a TD critic.
 *
 * Parameters: the policy's logits ζ_i[s, ·] and a critic Q̂_i[s, ·], laid out as one table of shape
 * [2, S, A_i] (block 0 is ζ, block 1 is Q̂). Policy π^i(·|s) = (1 − ε)·softmax(ζ_i[s, ·]) + ε/A_i.
 *
 * KL-regularised mirror descent with entropy weight τ ≥ 0 and step η has the closed-form update
 * ζ ← (1 − ητ)ζ + η·Q (Cen et al. 2021; Lan 2022). Here it is applied at the visited state, with
 * η = α_i per visit, and Q replaced by the critic; the critic learns the soft action values of the
 * current policy by expected-SARSA TD at relative rate κ:
 *
 *     ζ_i[s, b] += α_i (Q̂_i[s, b] − τ ζ_i[s, b])                      for every b,
 *     Q̂_i[s, a_i] += α_i κ (r_i + γ_i V̂_i(s') − Q̂_i[s, a_i]),    V̂_i(s') = Σ_c π^i(c|s')(Q̂_i[s', c] − τ log π^i(c|s')).
 *
 * Averaged direction (closed form):
 *
 *     F_ζ[s, b] = α_i ν(s) (Q̂[s, b] − τ ζ[s, b]),
 *     F_Q[s, b] = α_i κ Σ_{a: a_i = b} ν(s)π(a|s) [R_i(s, a) + γ_i Σ_{s'} T(s, a, s') V̂_i(s') − Q̂[s, b]].
 *
 * At a rest point ζ = Q̂/τ: with ε = 0 the policy is the softmax of the soft Q-values at temperature
 * τ, a quantal-response (entropy-regularised Nash) equilibrium. In monotone games (e.g. zero-sum
 * matching pennies) the regularised dynamics converges to it.
 */
import type { ErrorPath } from "@mfkit/core";
import type { Learner, LearnerContext } from "@mfkit/markov-game";
import { addPlayedEntryTdDrift } from "./game-expectations.js";
import { type LearnerSpec, readNumberOption, readTableOption, rejectUnknownOptions } from "./options.js";
import { softmaxEpsilon } from "./softmax-epsilon.js";

/** Validated options of a PMD learner. */
export interface PolicyMirrorDescentOptions {
  /** α, the mirror-descent step η per visit. */
  readonly alpha: number;
  /** γ, the critic's discount. */
  readonly gamma: number;
  /** τ ≥ 0, the entropy (KL) regularisation weight. */
  readonly tau: number;
  /** κ > 0, the critic's rate relative to α. */
  readonly criticRate: number;
  /** Exploration floor ε ∈ [0, 1). */
  readonly epsilon: number;
  /** ζ(0), flat [s·A_i + b]. */
  readonly init: Float64Array;
  /** Q̂(0), flat [s·A_i + b]. */
  readonly initCritic: Float64Array;
}

/** Creates a PMD learner for `context.player`. */
export function createPolicyMirrorDescentLearner(
  context: LearnerContext,
  options: PolicyMirrorDescentOptions,
): Learner {
  const { game, player } = context;
  const { alpha, gamma, tau, criticRate: kappa, epsilon } = options;
  const S = game.nStates;
  const A = game.actionCounts[player]!;
  const SA = S * A;
  const row = new Float64Array(A);
  const soft = new Float64Array(S);
  const initial = new Float64Array(2 * SA);
  initial.set(options.init, 0);
  initial.set(options.initCritic, SA);

  /** V̂(s') = Σ_c π(c|s')(Q̂[s', c] − τ log π(c|s')), with π written into `row`. */
  const softValue = (x: Float64Array, offset: number, s2: number): number => {
    softmaxEpsilon(x, offset + s2 * A, A, 1, epsilon, row, 0);
    let v = 0;
    for (let c = 0; c < A; c++) {
      const p = row[c]!;
      if (p === 0) continue;
      v += p * (x[offset + SA + s2 * A + c]! - (tau === 0 ? 0 : tau * Math.log(p)));
    }
    return v;
  };

  return {
    rule: "policy-mirror-descent",
    player,
    paramShape: [2, S, A],
    paramSize: 2 * SA,
    rate: alpha,
    initialParams: initial,
    policy(x, offset, s, out, outOffset) {
      softmaxEpsilon(x, offset + s * A, A, 1, epsilon, out, outOffset);
    },
    addIncrement(x, offset, e, weight, out, outOffset) {
      const s = e.state;
      const cell = SA + s * A + e.actions[player]!;
      const target = e.rewards[player]! + (gamma === 0 ? 0 : gamma * softValue(x, offset, e.next));
      const criticStep = weight * kappa * (target - x[offset + cell]!);
      for (let b = 0; b < A; b++) {
        const zeta = s * A + b;
        out[outOffset + zeta] += weight * (x[offset + SA + zeta]! - tau * x[offset + zeta]!);
      }
      out[outOffset + cell] += criticStep;
    },
    addAveragedIncrement(x, offset, c, weight, out, outOffset) {
      if (gamma !== 0) for (let s = 0; s < S; s++) soft[s] = softValue(x, offset, s);
      for (let s = 0; s < S; s++) {
        const nu = c.stateLaw[s]!;
        if (nu === 0) continue;
        for (let b = 0; b < A; b++) {
          const zeta = s * A + b;
          out[outOffset + zeta] += weight * nu * (x[offset + SA + zeta]! - tau * x[offset + zeta]!);
        }
      }
      addPlayedEntryTdDrift(c, player, gamma, soft, x, offset + SA, weight * kappa, out, outOffset + SA);
    },
  };
}

/**
 * Reads `{ rule: "policy-mirror-descent", alpha, gamma, tau ≥ 0, criticRate?: 1, epsilon?: 0,
 * init?: [S][A_i] logits, initCritic?: [S][A_i] }`.
 */
export function policyMirrorDescentLearnerFromSpec(
  context: LearnerContext,
  spec: LearnerSpec,
  path: ErrorPath,
): Learner {
  rejectUnknownOptions(spec, path, [
    "rule",
    "alpha",
    "gamma",
    "tau",
    "criticRate",
    "epsilon",
    "init",
    "initCritic",
  ]);
  const S = context.game.nStates;
  const A = context.game.actionCounts[context.player]!;
  return createPolicyMirrorDescentLearner(context, {
    alpha: readNumberOption(spec, "alpha", path, { above: 0 }),
    gamma: readNumberOption(spec, "gamma", path, { min: 0, below: 1 }),
    tau: readNumberOption(spec, "tau", path, { min: 0 }),
    criticRate: readNumberOption(spec, "criticRate", path, { above: 0, default: 1 }),
    epsilon: readNumberOption(spec, "epsilon", path, { min: 0, below: 1, default: 0 }),
    init: readTableOption(spec, "init", path, [S, A]),
    initCritic: readTableOption(spec, "initCritic", path, [S, A]),
  });
}
