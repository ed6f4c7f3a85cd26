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

/** Stride of player i's digit in the joint action index: Π_{k > i} A_k. */
export function actionStride(game: MarkovGame, player: number): number {
  let stride = 1;
  for (let k = player + 1; k < game.nPlayers; k++) stride *= game.actionCounts[k]!;
  return stride;
}
