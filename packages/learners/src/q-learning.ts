/**
 * Independent Q-learning with a softmax-ε policy (mgap's QTableReinforcer).
 *
 * Update on a transition (s, a, r, s'): only the played entry moves,
 *     Q_i[s, a_i] += α_i (r_i + γ_i M_i(s') − Q_i[s, a_i]),    M_i(s') = max_c Q_i[s', c].
 * Averaged direction (closed form):
 *     Σ_e μ(e) u_i = Σ_{a: a_i = b} ν(s)π(a|s) [R_i(s,a) + γ_i Σ_{s'} T(s,a,s') M_i(s') − Q_i[s,b]].
 */
import type { ErrorPath } from "@mfkit/core";
import type { DriftContext, Learner, LearnerContext, TransitionSample } from "@mfkit/markov-game";
import { addPlayedEntryTdDrift } from "./game-expectations.js";
import { type LearnerSpec, rejectUnknownOptions } from "./options.js";
import { rowMax } from "./softmax-epsilon.js";
import { readTabularQOptions, TABULAR_Q_OPTIONS, type TabularQOptions, tabularQPolicy } from "./tabular-q.js";

/** Creates an independent Q-learner for `context.player` from validated options. */
export function createQLearner(context: LearnerContext, options: TabularQOptions): Learner {
  const { player } = context;
  const { alpha, gamma, actions: A, states: S } = options;
  const continuation = new Float64Array(S);

  return {
    rule: "q-learning",
    player,
    paramShape: [S, A],
    paramSize: S * A,
    rate: alpha,
    initialParams: options.init,
    policy: tabularQPolicy(options),

    addIncrement(x, offset, e: TransitionSample, weight, out, outOffset) {
      const cell = e.state * A + e.actions[player]!;
      const target = e.rewards[player]! + gamma * rowMax(x, offset + e.next * A, A);
      out[outOffset + cell] += weight * (target - x[offset + cell]!);
    },

    addAveragedIncrement(x, offset, c: DriftContext, weight, out, outOffset) {
      for (let s = 0; s < S; s++) continuation[s] = rowMax(x, offset + s * A, A);
      addPlayedEntryTdDrift(c, player, gamma, continuation, x, offset, weight, out, outOffset);
    },
  };
}

/** Reads `{ rule: "q-learning", alpha, gamma, tau, epsilon?, init? }` and creates the learner. */
export function qLearnerFromSpec(context: LearnerContext, spec: LearnerSpec, path: ErrorPath): Learner {
  rejectUnknownOptions(spec, path, TABULAR_Q_OPTIONS);
  return createQLearner(context, readTabularQOptions(context, spec, path));
}
