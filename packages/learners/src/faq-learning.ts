/**
 * Frequency-adjusted Q-learning (FAQ; Kaisers & Tuyls 2010) with a softmax-ε (Boltzmann) policy.
 *
 * The Q-learning step of the played entry is divided by the probability of playing it, capped at 1:
 *
 *     Q_i[s, a_i] += α_i · min(β/π^i(a_i|s), 1) · (r_i + γ_i M_i(s') − Q_i[s, a_i]),   β ∈ (0, 1].
 *
 * The factor cancels the π^i(b|s) of the sampling law, so the averaged direction is
 *
 *     F_i[s, b] = α_i ν(s) min(β, π^i(b|s)) (Q̄_i(s, b) − Q_i[s, b]),
 *     Q̄_i(s, b) = Σ_{a_{−i}} π_{−i}(a_{−i}|s) [R_i(s, b, a_{−i}) + γ_i Σ_{s'} T(s, (b, a_{−i}), s') M_i(s')],
 *
 * every action learning at the same speed αβ while π^i(b|s) ≥ β. For a stateless game, γ = 0 and
 * ε = 0 this is, through x = softmax(Q/τ), the Boltzmann Q-learning dynamics of Tuyls et al. (2003)
 * with its selection and mutation terms:
 *
 *     ẋ_b = (αβ/τ) x_b [ (R̄_b − Σ_c x_c R̄_c) − τ (log x_b − Σ_c x_c log x_c) ].
 */
import type { ErrorPath } from "@mfkit/core";
import type { Learner, LearnerContext } from "@mfkit/markov-game";
import { expectedActionTargets } from "./game-expectations.js";
import { type LearnerSpec, readNumberOption, rejectUnknownOptions } from "./options.js";
import { rowMax } from "./softmax-epsilon.js";
import { readTabularQOptions, TABULAR_Q_OPTIONS, type TabularQOptions, tabularQPolicy } from "./tabular-q.js";

/** Creates an FAQ learner for `context.player`; β ∈ (0, 1] is the frequency-adjustment cap. */
export function createFaqLearner(context: LearnerContext, options: TabularQOptions, beta: number): Learner {
  const { player } = context;
  const { alpha, gamma, actions: A, states: S } = options;
  const policy = tabularQPolicy(options);
  const row = new Float64Array(A);
  const continuation = new Float64Array(S);
  const expected = new Float64Array(A);
  return {
    rule: "faq-learning",
    player,
    paramShape: [S, A],
    paramSize: S * A,
    rate: alpha,
    initialParams: options.init,
    policy,
    addIncrement(x, offset, e, weight, out, outOffset) {
      const a = e.actions[player]!;
      policy(x, offset, e.state, row, 0);
      const factor = Math.min(beta / row[a]!, 1);
      const cell = e.state * A + a;
      const target = e.rewards[player]! + gamma * rowMax(x, offset + e.next * A, A);
      out[outOffset + cell] += weight * factor * (target - x[offset + cell]!);
    },
    addAveragedIncrement(x, offset, c, weight, out, outOffset) {
      for (let s = 0; s < S; s++) continuation[s] = rowMax(x, offset + s * A, A);
      const own = c.playerPolicies[player]!;
      for (let s = 0; s < S; s++) {
        const nu = c.stateLaw[s]!;
        if (nu === 0) continue;
        expectedActionTargets(c, player, gamma, continuation, s, expected);
        for (let b = 0; b < A; b++) {
          const pb = own[s * A + b]!;
          if (pb === 0) continue;
          out[outOffset + s * A + b] +=
            weight * nu * Math.min(beta, pb) * (expected[b]! - x[offset + s * A + b]!);
        }
      }
    },
  };
}

/** Reads `{ rule: "faq-learning", alpha, gamma, tau, beta ∈ (0, 1], epsilon?, init? }`. */
export function faqLearnerFromSpec(context: LearnerContext, spec: LearnerSpec, path: ErrorPath): Learner {
  rejectUnknownOptions(spec, path, [...TABULAR_Q_OPTIONS, "beta"]);
  const options = readTabularQOptions(context, spec, path);
  return createFaqLearner(context, options, readNumberOption(spec, "beta", path, { above: 0, max: 1 }));
}
