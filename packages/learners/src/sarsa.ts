/**
 * SARSA and expected SARSA with a softmax-ε policy (on-policy TD control).
 *
 * - `sarsa`: Q_i[s, a_i] += α_i (r_i + γ_i Q_i[s', a'_i] − Q_i[s, a_i]), where a' is the joint action
 *   actually played next at s'. The engine carries it in the fast state (s, a, s', a') whose invariant
 *   law is ν(s)π(a|s)T(s,a,s')π(a'|s') (a' is drawn when s' is reached, with the parameters of that
 *   moment; mgap-style re-drawing would only change O(ε) terms).
 * - `expected-sarsa`: the same with Q_i[s', a'_i] replaced by its mean V_i(s') = Σ_c π^i(c|s')Q_i[s', c].
 *
 * Averaging over a' ~ π(·|s') turns the SARSA target into the expected-SARSA one, so both have the
 * same drift (they differ only in their fluctuations):
 *
 *     F_i[s, b] = α_i Σ_{a: a_i = b} ν(s)π(a|s) [R_i(s,a) + γ_i Σ_{s'} T(s,a,s') V_i(s') − Q_i[s,b]].
 *
 * Relation with counterfactual Q-learning (simultaneous): when γ_i = 0, or when every row Q_i[s', ·]
 * is constant (so V_i = M_i), F^{ESARSA}_i[s, b] = π^i(b|s)·F^{CF}_i[s, b] exactly: the same targets,
 * weighted by the own action's probability (counterfactual updates every own action at each visit).
 */
import type { ErrorPath } from "@mfkit/core";
import type {
  DriftContext,
  Learner,
  LearnerContext,
  LookaheadLearner,
  LookaheadSample,
  TransitionSample,
} from "@mfkit/markov-game";
import { addPlayedEntryTdDrift } from "./game-expectations.js";
import { type LearnerSpec, rejectUnknownOptions } from "./options.js";
import { readTabularQOptions, TABULAR_Q_OPTIONS, type TabularQOptions, tabularQPolicy } from "./tabular-q.js";

/** Which continuation the target uses. */
export type SarsaVariant = "sarsa" | "expected-sarsa";

/** Creates a SARSA or expected-SARSA learner for `context.player`. */
export function createSarsaLearner(
  context: LearnerContext,
  options: TabularQOptions,
  variant: SarsaVariant = "sarsa",
): Learner {
  const { player } = context;
  const { alpha, gamma, actions: A, states: S } = options;
  const policy = tabularQPolicy(options);
  const row = new Float64Array(A);
  const continuation = new Float64Array(S);

  /** V_i(s') = Σ_c π^i(c|s') Q_i[s', c]. */
  const expectedValue = (x: Float64Array, offset: number, s2: number): number => {
    policy(x, offset, s2, row, 0);
    let v = 0;
    for (let c = 0; c < A; c++) v += row[c]! * x[offset + s2 * A + c]!;
    return v;
  };

  const averaged = (
    x: Float64Array,
    offset: number,
    c: DriftContext,
    weight: number,
    out: Float64Array,
    outOffset: number,
  ) => {
    const own = c.playerPolicies[player]!;
    for (let s = 0; s < S; s++) {
      let v = 0;
      for (let b = 0; b < A; b++) v += own[s * A + b]! * x[offset + s * A + b]!;
      continuation[s] = v;
    }
    addPlayedEntryTdDrift(c, player, gamma, continuation, x, offset, weight, out, outOffset);
  };

  const base = {
    player,
    paramShape: [S, A],
    paramSize: S * A,
    rate: alpha,
    initialParams: options.init,
    policy,
    addAveragedIncrement: averaged,
  };
  if (variant === "sarsa") {
    const learner: LookaheadLearner = {
      ...base,
      rule: "sarsa",
      usesNextAction: true,
      addIncrement(x, offset, e: TransitionSample, weight, out, outOffset) {
        const next = (e as LookaheadSample).nextActions[player]!;
        const cell = e.state * A + e.actions[player]!;
        const target = e.rewards[player]! + gamma * x[offset + e.next * A + next]!;
        out[outOffset + cell] += weight * (target - x[offset + cell]!);
      },
    };
    return learner;
  }
  return {
    ...base,
    rule: "expected-sarsa",
    addIncrement(x, offset, e: TransitionSample, weight, out, outOffset) {
      const cell = e.state * A + e.actions[player]!;
      const target = e.rewards[player]! + gamma * expectedValue(x, offset, e.next);
      out[outOffset + cell] += weight * (target - x[offset + cell]!);
    },
  };
}

/** Reads `{ rule: "sarsa", alpha, gamma, tau, epsilon?, init? }`. */
export function sarsaLearnerFromSpec(context: LearnerContext, spec: LearnerSpec, path: ErrorPath): Learner {
  rejectUnknownOptions(spec, path, TABULAR_Q_OPTIONS);
  return createSarsaLearner(context, readTabularQOptions(context, spec, path), "sarsa");
}

/** Reads `{ rule: "expected-sarsa", alpha, gamma, tau, epsilon?, init? }`. */
export function expectedSarsaLearnerFromSpec(
  context: LearnerContext,
  spec: LearnerSpec,
  path: ErrorPath,
): Learner {
  rejectUnknownOptions(spec, path, TABULAR_Q_OPTIONS);
  return createSarsaLearner(context, readTabularQOptions(context, spec, path), "expected-sarsa");
}
