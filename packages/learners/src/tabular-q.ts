/**
 * What every tabular Q-learner with a softmax-ε policy shares: the options
 * (α > 0, γ ∈ [0, 1), τ > 0, ε ∈ [0, 1], an initial table of shape [S][A_i]) and the policy.
 */
import type { ErrorPath } from "@mfkit/core";
import type { LearnerContext } from "@mfkit/markov-game";
import { type LearnerSpec, readNumberOption, readTableOption } from "./options.js";
import { softmaxEpsilon } from "./softmax-epsilon.js";

/** Validated options of a tabular softmax-ε Q-learner. */
export interface TabularQOptions {
  /** α, the step size. */
  readonly alpha: number;
  /** γ, the discount. */
  readonly gamma: number;
  /** τ, the softmax temperature. */
  readonly tau: number;
  /** ε, the exploration floor of the softmax-ε policy. */
  readonly epsilon: number;
  /** Q(0), flat [s·A_i + b]. */
  readonly init: Float64Array;
  readonly states: number;
  readonly actions: number;
}

/** Option names shared by tabular Q-learners. */
export const TABULAR_Q_OPTIONS = ["rule", "alpha", "gamma", "tau", "epsilon", "init"] as const;

/** Reads and validates the shared options; errors name `path.field`. */
export function readTabularQOptions(
  context: LearnerContext,
  spec: LearnerSpec,
  path: ErrorPath,
): TabularQOptions {
  const states = context.game.nStates;
  const actions = context.game.actionCounts[context.player]!;
  return {
    alpha: readNumberOption(spec, "alpha", path, { above: 0 }),
    gamma: readNumberOption(spec, "gamma", path, { min: 0, below: 1 }),
    tau: readNumberOption(spec, "tau", path, { above: 0 }),
    epsilon: readNumberOption(spec, "epsilon", path, { min: 0, max: 1, default: 0 }),
    init: readTableOption(spec, "init", path, [states, actions]),
    states,
    actions,
  };
}

/** The softmax-ε policy of row s of the learner's Q-table (block at `offset` in x). */
export function tabularQPolicy(options: TabularQOptions) {
  const { actions, tau, epsilon } = options;
  return (x: Float64Array, offset: number, state: number, out: Float64Array, outOffset: number): void =>
    softmaxEpsilon(x, offset + state * actions, actions, tau, epsilon, out, outOffset);
}
