/**
 * Small contractions shared by the closed-form drifts (docs/learners.md): the others' probability of a
 * joint action and the expectation of a state function over the successors of (s, a).
 */
import type { DriftContext, MarkovGame } from "@mfkit/markov-game";

/** π_{−i}(a_{−i}|s) = Π_{k≠i} π^k(a_k(j)|s) for joint action j. */
export function othersProbability(c: DriftContext, player: number, state: number, joint: number): number {
  const { game, playerPolicies } = c;
  const n = game.nPlayers;
  let p = 1;
  for (let k = 0; k < n; k++) {
    if (k !== player)
      p *= playerPolicies[k]![state * game.actionCounts[k]! + game.jointActions[joint * n + k]!]!;
  }
  return p;
}

/** Σ_{s'} T(s, j, s')·values[offset + s'] for the row r = s·|A| + j. */
export function expectOverSuccessors(
  game: MarkovGame,
  row: number,
  values: Float64Array,
  offset = 0,
): number {
  const { successorPtr, successorStates, successorProbs } = game;
  let sum = 0;
  for (let q = successorPtr[row]!; q < successorPtr[row + 1]!; q++)
    sum += successorProbs[q]! * values[offset + successorStates[q]!]!;
  return sum;
}

/**
 * Q̄_i(s, b) = Σ_{a_{−i}} π_{−i}(a_{−i}|s) [R_i(s, (b, a_{−i})) + γ Σ_{s'} T(s, (b, a_{−i}), s') v(s')] for
 * every own action b, written into out[0 .. A_i): the expected one-step target of each own action
 * against the others' current policies, with continuation values v.
 */
export function expectedActionTargets(
  c: DriftContext,
  player: number,
  gamma: number,
  continuation: Float64Array,
  state: number,
  out: Float64Array,
): void {
  const { game } = c;
  const J = game.nJointActions;
  const n = game.nPlayers;
  out.fill(0, 0, game.actionCounts[player]!);
  for (let j = 0; j < J; j++) {
    const others = othersProbability(c, player, state, j);
    if (others === 0) continue;
    const r = state * J + j;
    const target =
      game.rewards[r * n + player]! + (gamma === 0 ? 0 : gamma * expectOverSuccessors(game, r, continuation));
    out[game.jointActions[j * n + player]!] += others * target;
  }
}

/** Stride of player i's digit in the joint action index: Π_{k > i} A_k. */
export function actionStride(game: MarkovGame, player: number): number {
  let stride = 1;
  for (let k = player + 1; k < game.nPlayers; k++) stride *= game.actionCounts[k]!;
  return stride;
}

/**
 * Adds weight·Σ_{a: a_i = b} ν(s)π(a|s) [R_i(s, a) + γ Σ_{s'} T(s, a, s') v(s') − Q[s, b]] to
 * out[outOffset + s·A_i + b]: the averaged direction of a TD update of the played entry of a table Q
 * (read at x[offset + s·A_i + b]) with continuation values v (Q-learning: v = max; SARSA: v = π·Q).
 */
export function addPlayedEntryTdDrift(
  c: DriftContext,
  player: number,
  gamma: number,
  continuation: Float64Array,
  x: Float64Array,
  offset: number,
  weight: number,
  out: Float64Array,
  outOffset: number,
): void {
  const { game } = c;
  const S = game.nStates;
  const J = game.nJointActions;
  const n = game.nPlayers;
  const A = game.actionCounts[player]!;
  const { rewards, jointActions } = game;
  for (let s = 0; s < S; s++) {
    const nu = c.stateLaw[s]!;
    if (nu === 0) continue;
    for (let j = 0; j < J; j++) {
      const p = nu * c.jointPolicy[s * J + j]!;
      if (p === 0) continue;
      const r = s * J + j;
      const expected = expectOverSuccessors(game, r, continuation);
      const cell = s * A + jointActions[j * n + player]!;
      out[outOffset + cell] += weight * p * (rewards[r * n + player]! + gamma * expected - x[offset + cell]!);
    }
  }
}
