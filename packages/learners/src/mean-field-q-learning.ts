/**
 * Mean-field Q-learning (Yang et al. 2018), tabular in s and linear in the others' mean action.
 *
 * Player i sees the others only through their mean action ā ∈ Δ(A_o), the average of the one-hot
 * actions of the n − 1 other players (all of whom must have the same number of actions A_o). Its
 * action values are Q_i(s, b, ā) = Σ_c W_i[s, b, c] ā_c: the first-order mean-field expansion, exact
 * for games with pairwise interactions and, for n = 2, the joint-action Q-table Q_i(s, b, a_{−i}).
 * The learner also tracks m̄_i[s, ·], a running estimate of ā in each state, and acts on it:
 *
 *     π^i(·|s) = softmax-ε( Q_i(s, ·, m̄_i[s]) / τ ).
 *
 * On a transition (s, a, r, s') with ā = ā(a_{−i}):
 *
 *     v(s') = Σ_b π^i(b|s') Q_i(s', b, m̄_i[s'])          (the mean-field value),
 *     δ     = r_i + γ_i v(s') − Q_i(s, a_i, ā),
 *     W_i[s, a_i, c] += α_i δ ā_c,        m̄_i[s, c] += α_i κ (ā_c − m̄_i[s, c]).
 *
 * Parameters: one table of shape [S, A_i + 1, A_o]; rows b < A_i of block s are W_i[s, b, ·], row A_i
 * is m̄_i[s, ·]. Averaged direction (closed form):
 *
 *     F_W[s, b, c] = α_i Σ_{a: a_i = b} ν(s)π(a|s) ā_c(a) (R_i(s, a) + γ_i Σ_{s'} T(s, a, s') v(s') − Q_i(s, b, ā(a))),
 *     F_m[s, c]    = α_i κ ν(s) ( (1/(n−1)) Σ_{k≠i} π^k(c|s) − m̄_i[s, c] ).
 */
import { type ErrorPath, MfkitError } from "@mfkit/core";
import type { Learner, LearnerContext } from "@mfkit/markov-game";
import { expectOverSuccessors } from "./game-expectations.js";
import {
  type LearnerSpec,
  readNumberOption,
  readProbabilityTableOption,
  readTableOption,
  rejectUnknownOptions,
} from "./options.js";
import { softmaxEpsilon } from "./softmax-epsilon.js";

/** Validated options of a mean-field Q-learner. */
export interface MeanFieldQOptions {
  /** α, the step size. */
  readonly alpha: number;
  /** γ, the discount. */
  readonly gamma: number;
  /** τ, the softmax temperature. */
  readonly tau: number;
  /** ε, the exploration floor of the softmax-ε policy. */
  readonly epsilon: number;
  /** κ > 0, the mean-action tracker's rate relative to α. */
  readonly meanRate: number;
  /** W(0), flat [(s·A_i + b)·A_o + c]. */
  readonly init: Float64Array;
  /** m̄(0), flat [s·A_o + c] (probability rows). */
  readonly initMean: Float64Array;
}

/** The others' common action count A_o; throws when they differ or when there are no others. */
export function othersActionCount(context: LearnerContext, path: ErrorPath): number {
  const { game, player } = context;
  const others = game.actionCounts.filter((_, k) => k !== player);
  if (others.length === 0)
    throw new MfkitError("invalid-argument", "mean-field Q-learning needs at least one other player", [
      ...path,
      "rule",
    ]);
  if (others.some((a) => a !== others[0]))
    throw new MfkitError(
      "invalid-argument",
      `mean-field Q-learning needs the other players to have equal action counts, got [${others.join(", ")}]`,
      [...path, "rule"],
    );
  return others[0]!;
}

/** Creates a mean-field Q-learner for `context.player`. */
export function createMeanFieldQLearner(
  context: LearnerContext,
  options: MeanFieldQOptions,
  path: ErrorPath = [],
): Learner {
  const { game, player } = context;
  const { alpha, gamma, tau, epsilon, meanRate: kappa } = options;
  const Ao = othersActionCount(context, path);
  const S = game.nStates;
  const A = game.actionCounts[player]!;
  const n = game.nPlayers;
  const J = game.nJointActions;
  const block = (A + 1) * Ao;
  // ā(j): the others' mean action for every joint action, [j·A_o + c].
  const meanAction = new Float64Array(J * Ao);
  for (let j = 0; j < J; j++) {
    for (let k = 0; k < n; k++) {
      if (k !== player) meanAction[j * Ao + game.jointActions[j * n + k]!]! += 1 / (n - 1);
    }
  }
  const logits = new Float64Array(A);
  const row = new Float64Array(A);
  const values = new Float64Array(S);
  const initial = new Float64Array(S * block);
  for (let s = 0; s < S; s++) {
    initial.set(options.init.subarray(s * A * Ao, (s + 1) * A * Ao), s * block);
    initial.set(options.initMean.subarray(s * Ao, (s + 1) * Ao), s * block + A * Ao);
  }

  /** Q(s, b, m̄[s]) for every b, into `logits`. */
  const valuesAtEstimate = (x: Float64Array, offset: number, s: number) => {
    const base = offset + s * block;
    const mean = base + A * Ao;
    for (let b = 0; b < A; b++) {
      let q = 0;
      for (let c = 0; c < Ao; c++) q += x[base + b * Ao + c]! * x[mean + c]!;
      logits[b] = q;
    }
  };
  const policyInto = (x: Float64Array, offset: number, s: number, out: Float64Array, outOffset: number) => {
    valuesAtEstimate(x, offset, s);
    softmaxEpsilon(logits, 0, A, tau, epsilon, out, outOffset);
  };
  /** v(s) = Σ_b π(b|s) Q(s, b, m̄[s]). */
  const meanFieldValue = (x: Float64Array, offset: number, s: number): number => {
    policyInto(x, offset, s, row, 0);
    let v = 0;
    for (let b = 0; b < A; b++) v += row[b]! * logits[b]!;
    return v;
  };

  return {
    rule: "mean-field-q-learning",
    player,
    paramShape: [S, A + 1, Ao],
    paramSize: S * block,
    rate: alpha,
    initialParams: initial,
    policy: policyInto,
    addIncrement(x, offset, e, weight, out, outOffset) {
      const s = e.state;
      const b = e.actions[player]!;
      const abar = e.jointAction * Ao;
      const wRow = s * block + b * Ao;
      let q = 0;
      for (let c = 0; c < Ao; c++) q += x[offset + wRow + c]! * meanAction[abar + c]!;
      const v = gamma === 0 ? 0 : meanFieldValue(x, offset, e.next);
      const step = weight * (e.rewards[player]! + gamma * v - q);
      const mean = s * block + A * Ao;
      for (let c = 0; c < Ao; c++) {
        const ac = meanAction[abar + c]!;
        out[outOffset + wRow + c] += step * ac;
        out[outOffset + mean + c] += weight * kappa * (ac - x[offset + mean + c]!);
      }
    },
    addAveragedIncrement(x, offset, c, weight, out, outOffset) {
      if (gamma !== 0) for (let s = 0; s < S; s++) values[s] = meanFieldValue(x, offset, s);
      for (let s = 0; s < S; s++) {
        const nu = c.stateLaw[s]!;
        if (nu === 0) continue;
        const mean = s * block + A * Ao;
        for (let k = 0; k < Ao; k++) out[outOffset + mean + k] -= weight * kappa * nu * x[offset + mean + k]!;
        for (let j = 0; j < J; j++) {
          const p = nu * c.jointPolicy[s * J + j]!;
          if (p === 0) continue;
          const r = s * J + j;
          const wRow = s * block + game.jointActions[j * n + player]! * Ao;
          let q = 0;
          for (let k = 0; k < Ao; k++) q += x[offset + wRow + k]! * meanAction[j * Ao + k]!;
          const target =
            game.rewards[r * n + player]! + (gamma === 0 ? 0 : gamma * expectOverSuccessors(game, r, values));
          const step = weight * p * (target - q);
          for (let k = 0; k < Ao; k++) {
            const ak = meanAction[j * Ao + k]!;
            out[outOffset + wRow + k] += step * ak;
            out[outOffset + mean + k] += weight * kappa * p * ak;
          }
        }
      }
    },
  };
}

/**
 * Reads `{ rule: "mean-field-q-learning", alpha, gamma, tau, epsilon?, meanRate?: 1,
 * init?: number | [S][A_i][A_o], initMean?: [S][A_o] (default uniform) }`.
 */
export function meanFieldQLearnerFromSpec(
  context: LearnerContext,
  spec: LearnerSpec,
  path: ErrorPath,
): Learner {
  rejectUnknownOptions(spec, path, [
    "rule",
    "alpha",
    "gamma",
    "tau",
    "epsilon",
    "meanRate",
    "init",
    "initMean",
  ]);
  const Ao = othersActionCount(context, path);
  const S = context.game.nStates;
  const A = context.game.actionCounts[context.player]!;
  return createMeanFieldQLearner(
    context,
    {
      alpha: readNumberOption(spec, "alpha", path, { above: 0 }),
      gamma: readNumberOption(spec, "gamma", path, { min: 0, below: 1 }),
      tau: readNumberOption(spec, "tau", path, { above: 0 }),
      epsilon: readNumberOption(spec, "epsilon", path, { min: 0, max: 1, default: 0 }),
      meanRate: readNumberOption(spec, "meanRate", path, { above: 0, default: 1 }),
      init: readTableOption(spec, "init", path, [S, A, Ao]),
      initMean: readProbabilityTableOption(spec, "initMean", path, [S, Ao]),
    },
    path,
  );
}
