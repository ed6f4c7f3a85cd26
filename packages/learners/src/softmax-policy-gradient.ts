/**
 * Softmax policy gradient with a learned baseline or critic.
 *
 * Parameters: logits θ_i[s, ·] and a value V_i[s], laid out as one table of shape [S, A_i + 1]
 * (column A_i is V). Policy π^i(b|s) = (1 − ε)σ_b + ε/A_i with σ = softmax(θ_i[s, ·]/τ). The score is
 *
 *     g_c(b) = ∂ log π^i(b|s) / ∂θ[s, c] = (1 − ε) σ_b (1[b = c] − σ_c) / (τ π^i(b|s)).
 *
 * On a transition (s, a, r, s') with the TD error δ:
 *
 *     θ_i[s, c] += α_i δ g_c(a_i),        V_i[s] += α_i κ δ,
 *     δ = r_i − V_i[s]                    (`reinforce`: one-step REINFORCE, V is a running baseline)
 *     δ = r_i + γ_i V_i[s'] − V_i[s]      (`actor-critic`: V is a TD(0) critic of the current policy).
 *
 * Averaged direction. With Q̄(s, b) = Σ_{a_{−i}} π_{−i}(a_{−i}|s)[R_i(s, b, a_{−i}) + γ Σ_{s'} T V(s')]
 * (γ = 0 for `reinforce`), and since Σ_b π_b g_c(b) = 0 the baseline drops out of the actor's mean:
 *
 *     F_θ[s, c] = α_i ν(s) (1 − ε) σ_c (Q̄(s, c) − Σ_b σ_b Q̄(s, b)) / τ,
 *     F_V[s]    = α_i κ ν(s) (Σ_b π^i(b|s) Q̄(s, b) − V[s]).
 *
 * In a normal-form game with ε = 0 the logits follow a replicator-like field: the policy moves along
 * the softmax geometry towards better replies.
 */
import type { ErrorPath } from "@mfkit/core";
import type { Learner, LearnerContext } from "@mfkit/markov-game";
import { expectedActionTargets } from "./game-expectations.js";
import {
  type LearnerSpec,
  readChoiceOption,
  readNumberOption,
  readTableOption,
  readVectorOption,
  rejectUnknownOptions,
} from "./options.js";
import { softmaxEpsilon } from "./softmax-epsilon.js";

/** `reinforce`: the critic is a per-state baseline (γ = 0); `actor-critic`: a TD(0) critic with discount γ. */
export type PolicyGradientMode = "reinforce" | "actor-critic";

/** Validated options of a softmax policy-gradient learner. */
export interface PolicyGradientOptions {
  readonly mode: PolicyGradientMode;
  /** α, the actor's step size. */
  readonly alpha: number;
  /** Discount of the critic (actor-critic only; 0 for reinforce). */
  readonly gamma: number;
  /** κ > 0: the critic's (baseline's) rate relative to α. */
  readonly criticRate: number;
  /** Softmax temperature τ > 0. */
  readonly tau: number;
  /** Exploration floor ε ∈ [0, 1). */
  readonly epsilon: number;
  /** θ(0), flat [s·A_i + b]. */
  readonly init: Float64Array;
  /** V(0), length |S|. */
  readonly initCritic: Float64Array;
}

/** Creates a softmax policy-gradient learner for `context.player`. */
export function createPolicyGradientLearner(
  context: LearnerContext,
  options: PolicyGradientOptions,
): Learner {
  const { game, player } = context;
  const { alpha, criticRate: kappa, tau, epsilon } = options;
  const gamma = options.mode === "reinforce" ? 0 : options.gamma;
  const S = game.nStates;
  const A = game.actionCounts[player]!;
  const W = A + 1;
  const sigma = new Float64Array(A);
  const qBar = new Float64Array(A);
  const values = new Float64Array(S);
  const initial = new Float64Array(S * W);
  for (let s = 0; s < S; s++) {
    for (let b = 0; b < A; b++) initial[s * W + b] = options.init[s * A + b]!;
    initial[s * W + A] = options.initCritic[s]!;
  }
  return {
    rule: "softmax-policy-gradient",
    player,
    paramShape: [S, W],
    paramSize: S * W,
    rate: alpha,
    initialParams: initial,
    policy(x, offset, s, out, outOffset) {
      softmaxEpsilon(x, offset + s * W, A, tau, epsilon, out, outOffset);
    },
    addIncrement(x, offset, e, weight, out, outOffset) {
      const s = e.state;
      const row = offset + s * W;
      softmaxEpsilon(x, row, A, tau, 0, sigma, 0);
      const a = e.actions[player]!;
      const vNext = gamma === 0 ? 0 : gamma * x[offset + e.next * W + A]!;
      const delta = e.rewards[player]! + vNext - x[row + A]!;
      const pa = (1 - epsilon) * sigma[a]! + epsilon / A;
      // δ·g_c(a) = δ (1 − ε) σ_a (1[a = c] − σ_c) / (τ π_a)
      const scale = (weight * delta * (1 - epsilon) * sigma[a]!) / (tau * pa);
      const out0 = outOffset + s * W;
      for (let c = 0; c < A; c++) out[out0 + c] += scale * ((c === a ? 1 : 0) - sigma[c]!);
      out[out0 + A] += weight * kappa * delta;
    },
    addAveragedIncrement(x, offset, c, weight, out, outOffset) {
      for (let s = 0; s < S; s++) values[s] = x[offset + s * W + A]!;
      const own = c.playerPolicies[player]!;
      for (let s = 0; s < S; s++) {
        const nu = c.stateLaw[s]!;
        if (nu === 0) continue;
        expectedActionTargets(c, player, gamma, values, s, qBar);
        softmaxEpsilon(x, offset + s * W, A, tau, 0, sigma, 0);
        let sigmaMean = 0;
        let piMean = 0;
        for (let b = 0; b < A; b++) {
          sigmaMean += sigma[b]! * qBar[b]!;
          piMean += own[s * A + b]! * qBar[b]!;
        }
        const out0 = outOffset + s * W;
        const actor = (weight * nu * (1 - epsilon)) / tau;
        for (let b = 0; b < A; b++) out[out0 + b] += actor * sigma[b]! * (qBar[b]! - sigmaMean);
        out[out0 + A] += weight * kappa * nu * (piMean - x[offset + s * W + A]!);
      }
    },
  };
}

/**
 * Reads `{ rule: "softmax-policy-gradient", mode?: "actor-critic" | "reinforce", alpha, gamma
 * (actor-critic), tau?: 1, epsilon?: 0, criticRate?: 1, init?: [S][A_i] logits, initCritic?: number | [S] }`.
 */
export function policyGradientLearnerFromSpec(
  context: LearnerContext,
  spec: LearnerSpec,
  path: ErrorPath,
): Learner {
  const mode = readChoiceOption(spec, "mode", path, ["actor-critic", "reinforce"] as const, "actor-critic");
  const known = ["rule", "mode", "alpha", "tau", "epsilon", "criticRate", "init", "initCritic"];
  rejectUnknownOptions(spec, path, mode === "actor-critic" ? [...known, "gamma"] : known);
  const S = context.game.nStates;
  const A = context.game.actionCounts[context.player]!;
  return createPolicyGradientLearner(context, {
    mode,
    alpha: readNumberOption(spec, "alpha", path, { above: 0 }),
    gamma: mode === "actor-critic" ? readNumberOption(spec, "gamma", path, { min: 0, below: 1 }) : 0,
    criticRate: readNumberOption(spec, "criticRate", path, { above: 0, default: 1 }),
    tau: readNumberOption(spec, "tau", path, { above: 0, default: 1 }),
    epsilon: readNumberOption(spec, "epsilon", path, { min: 0, below: 1, default: 0 }),
    init: readTableOption(spec, "init", path, [S, A]),
    initCritic: readVectorOption(spec, "initCritic", path, S),
  });
}
