/**
 * Counterfactual (expected) Q-learning (mgap's QTableCounterFactualReinforcer). Model-based: on a
 * transition (s, a, s') every own action b is updated with the others' sampled actions a_{−i} and the
 * known model, ignoring the sampled s' and the agent's own sampled action. With a' = (b, a_{−i}):
 *
 *     target_b = R_i(s, a') + γ_i Σ_{s''} T(s, a', s'') M_i(s''),    Q_i[s, b] += α_i (target_b − Q_i[s, b]).
 *
 * - `simultaneous` (default): every b uses the pre-update Q. Averaged direction
 *   ν(s)(Σ_{a_{−i}} π_{−i}(a_{−i}|s) target(s, b, a_{−i}) − Q_i[s, b]) — no factor π^i(b|s).
 * - `sequential` (mgap's in-place order): b = 0, 1, … in turn, later targets see the updated row.
 *   Its direction is (Q^after − Q)/α_i, which depends on α_i; its drift differs from the
 *   simultaneous one by O(α_i) (O(α²) on the iteration clock).
 */
import type { ErrorPath } from "@mfkit/core";
import type { DriftContext, Learner, LearnerContext, TransitionSample } from "@mfkit/markov-game";
import { actionStride, expectedActionTargets } from "./game-expectations.js";
import { type LearnerSpec, readChoiceOption, rejectUnknownOptions } from "./options.js";
import { rowMax } from "./softmax-epsilon.js";
import { readTabularQOptions, TABULAR_Q_OPTIONS, type TabularQOptions, tabularQPolicy } from "./tabular-q.js";

/** Order in which the counterfactual update visits the own actions. */
export type CounterfactualOrder = "simultaneous" | "sequential";

/** Creates a counterfactual Q-learner for `context.player`. */
export function createCounterfactualQLearner(
  context: LearnerContext,
  options: TabularQOptions,
  order: CounterfactualOrder = "simultaneous",
): Learner {
  const { game, player } = context;
  const { alpha, gamma, actions: A, states: S } = options;
  const n = game.nPlayers;
  const J = game.nJointActions;
  const stride = actionStride(game, player);
  const targets = new Float64Array(A);
  const row = new Float64Array(A);
  const continuation = new Float64Array(S);
  const { successorPtr, successorStates, successorProbs, rewards } = game;

  /** R_i(s, j) + γ Σ T(s, j, s'') M(s''), with M read from x except row `patched` read from `row`. */
  const targetOf = (x: Float64Array, offset: number, s: number, j: number, patched: number): number => {
    const r = s * J + j;
    let expected = 0;
    for (let q = successorPtr[r]!; q < successorPtr[r + 1]!; q++) {
      const s2 = successorStates[q]!;
      const m = s2 === patched ? rowMax(row, 0, A) : rowMax(x, offset + s2 * A, A);
      expected += successorProbs[q]! * m;
    }
    return rewards[r * n + player]! + gamma * expected;
  };

  const addIncrement = (
    x: Float64Array,
    offset: number,
    e: TransitionSample,
    weight: number,
    out: Float64Array,
    outOffset: number,
  ) => {
    const s = e.state;
    const base = e.jointAction - e.actions[player]! * stride;
    if (order === "simultaneous") {
      for (let b = 0; b < A; b++) targets[b] = targetOf(x, offset, s, base + b * stride, -1);
      for (let b = 0; b < A; b++)
        out[outOffset + s * A + b] += weight * (targets[b]! - x[offset + s * A + b]!);
      return;
    }
    for (let b = 0; b < A; b++) row[b] = x[offset + s * A + b]!;
    for (let b = 0; b < A; b++)
      row[b] = row[b]! + alpha * (targetOf(x, offset, s, base + b * stride, s) - row[b]!);
    for (let b = 0; b < A; b++)
      out[outOffset + s * A + b] += (weight / alpha) * (row[b]! - x[offset + s * A + b]!);
  };

  const learner: Learner = {
    rule: "counterfactual-q-learning",
    player,
    paramShape: [S, A],
    paramSize: S * A,
    rate: alpha,
    initialParams: options.init,
    policy: tabularQPolicy(options),
    addIncrement,
  };
  if (order === "simultaneous") {
    learner.addAveragedIncrement = (x, offset, c: DriftContext, weight, out, outOffset) => {
      for (let s = 0; s < S; s++) continuation[s] = rowMax(x, offset + s * A, A);
      for (let s = 0; s < S; s++) {
        const nu = c.stateLaw[s]!;
        if (nu === 0) continue;
        expectedActionTargets(c, player, gamma, continuation, s, targets);
        for (let b = 0; b < A; b++)
          out[outOffset + s * A + b] += weight * nu * (targets[b]! - x[offset + s * A + b]!);
      }
    };
  }
  return learner;
}

/** Reads `{ rule: "counterfactual-q-learning", alpha, gamma, tau, epsilon?, init?, cfOrder? }`. */
export function counterfactualQLearnerFromSpec(
  context: LearnerContext,
  spec: LearnerSpec,
  path: ErrorPath,
): Learner {
  rejectUnknownOptions(spec, path, [...TABULAR_Q_OPTIONS, "cfOrder"]);
  const order = readChoiceOption(
    spec,
    "cfOrder",
    path,
    ["simultaneous", "sequential"] as const,
    "simultaneous",
  );
  return createCounterfactualQLearner(context, readTabularQOptions(context, spec, path), order);
}
