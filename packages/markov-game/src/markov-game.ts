/**
 * n-player finite Markov games G = (n, S, (A_i), T, (R_i)) in mgap's tensor layouts
 * (docs/homogenization.md §2):
 *
 * - rewards `[s][a_1]…[a_n][i]`: player i's mean reward R_i(s, a), flat offset (s·|A| + j)·n + i;
 * - transitions `[s][a_1]…[a_n][s']`: T(s, a, s'), flat offset (s·|A| + j)·|S| + s',
 *
 * where j = ((a_1·A_2 + a_2)·A_3 + a_3)… is the row-major index of the joint action a and
 * |A| = Π_i A_i. The player count is the tensor rank minus 2 (not the length of the last axis).
 */
import { type ErrorPath, type FlatTensor, MfkitError, readTensor } from "@mfkit/core";

/** A validated n-player finite Markov game with precomputed sparse transitions. */
export interface MarkovGame {
  readonly nStates: number;
  readonly nPlayers: number;
  /** A_i for each player. */
  readonly actionCounts: readonly number[];
  /** |A| = Π_i A_i. */
  readonly nJointActions: number;
  /** R_i(s, j) at (s·|A| + j)·n + i. */
  readonly rewards: Float64Array;
  /** T(s, j, s') at (s·|A| + j)·|S| + s' (dense). */
  readonly transitions: Float64Array;
  /** `jointActions[j·n + i]` = a_i, player i's action in joint action j. */
  readonly jointActions: Int32Array;
  /** Sparse rows of T over (s, j): successors of row r are `successorStates[successorPtr[r] .. successorPtr[r+1])`. */
  readonly successorPtr: Int32Array;
  readonly successorStates: Int32Array;
  readonly successorProbs: Float64Array;
  /** Cumulative successor probabilities per row (last entry of a row is exactly 1), for inverse-CDF sampling. */
  readonly successorCumulative: Float64Array;
}

/** Tolerance on the row sums of a transition tensor. */
export const PROBABILITY_TOLERANCE = 1e-9;

/**
 * Builds a {@link MarkovGame} from flat tensors, validating shapes (player count from the rank),
 * finiteness, non-negativity and row sums of T (within {@link PROBABILITY_TOLERANCE}; rows are then
 * renormalised exactly). Errors name the offending index under `path`.
 */
export function createMarkovGame(
  rewards: FlatTensor,
  transitions: FlatTensor,
  path: ErrorPath = ["game"],
): MarkovGame {
  const rPath = [...path, "rewards"];
  const tPath = [...path, "transitions"];
  const rank = rewards.shape.length;
  if (rank < 3) {
    throw new MfkitError(
      "invalid-shape",
      `rewards must have rank n+2 ≥ 3 ([s][a_1]…[a_n][player]), got shape [${rewards.shape.join(", ")}]`,
      rPath,
    );
  }
  const nPlayers = rank - 2;
  const nStates = rewards.shape[0]!;
  const actionCounts = rewards.shape.slice(1, 1 + nPlayers);
  if (rewards.shape[rank - 1] !== nPlayers) {
    throw new MfkitError(
      "invalid-shape",
      `the last axis of rewards must have one entry per player (${nPlayers}, from the rank), got ${rewards.shape[rank - 1]}`,
      rPath,
    );
  }
  const expectedT = [nStates, ...actionCounts, nStates];
  if (transitions.shape.length !== expectedT.length || transitions.shape.some((d, k) => d !== expectedT[k])) {
    throw new MfkitError(
      "invalid-shape",
      `transitions must have shape [${expectedT.join(", ")}] ([s][a_1]…[a_n][s']), got [${transitions.shape.join(", ")}]`,
      tPath,
    );
  }
  for (const [tensor, at] of [
    [rewards, rPath],
    [transitions, tPath],
  ] as const) {
    const size = tensor.shape.reduce((a, b) => a * b, 1);
    if (tensor.data.length !== size) {
      throw new MfkitError(
        "invalid-shape",
        `shape [${tensor.shape.join(", ")}] needs ${size} entries, got ${tensor.data.length}`,
        at,
      );
    }
  }
  const nJointActions = actionCounts.reduce((a, b) => a * b, 1);
  const jointActions = new Int32Array(nJointActions * nPlayers);
  for (let j = 0; j < nJointActions; j++) {
    let rest = j;
    for (let i = nPlayers - 1; i >= 0; i--) {
      const a = actionCounts[i]!;
      jointActions[j * nPlayers + i] = rest % a;
      rest = Math.floor(rest / a);
    }
  }
  const indexPath = (s: number, j: number, tail: number, base: ErrorPath = tPath) => [
    ...base,
    s,
    ...Array.from(jointActions.subarray(j * nPlayers, (j + 1) * nPlayers)),
    tail,
  ];
  for (let q = 0; q < rewards.data.length; q++) {
    const value = rewards.data[q]!;
    if (!Number.isFinite(value)) {
      const r = Math.floor(q / nPlayers);
      throw new MfkitError(
        "non-finite",
        `reward ${value} is not a finite number`,
        indexPath(Math.floor(r / nJointActions), r % nJointActions, q % nPlayers, rPath),
      );
    }
  }

  const T = Float64Array.from(transitions.data);
  const rows = nStates * nJointActions;
  const successorPtr = new Int32Array(rows + 1);
  let nnz = 0;
  for (let r = 0; r < rows; r++) {
    const s = Math.floor(r / nJointActions);
    const j = r % nJointActions;
    let sum = 0;
    for (let k = 0; k < nStates; k++) {
      const p = T[r * nStates + k]!;
      if (!Number.isFinite(p)) {
        throw new MfkitError(
          "non-finite",
          `transition probability ${p} is not a finite number`,
          indexPath(s, j, k),
        );
      }
      if (p < 0) {
        throw new MfkitError(
          "invalid-probability",
          `transition probability ${p} is negative`,
          indexPath(s, j, k),
        );
      }
      if (p > 0) nnz++;
      sum += p;
    }
    if (Math.abs(sum - 1) > PROBABILITY_TOLERANCE) {
      throw new MfkitError(
        "invalid-probability",
        `transition row sums to ${sum}, not 1 (tolerance ${PROBABILITY_TOLERANCE})`,
        indexPath(s, j, 0).slice(0, -1),
      );
    }
    for (let k = 0; k < nStates; k++) T[r * nStates + k]! /= sum;
    successorPtr[r + 1] = nnz;
  }
  const successorStates = new Int32Array(nnz);
  const successorProbs = new Float64Array(nnz);
  const successorCumulative = new Float64Array(nnz);
  for (let r = 0, q = 0; r < rows; r++) {
    let cumulative = 0;
    for (let k = 0; k < nStates; k++) {
      const p = T[r * nStates + k]!;
      if (p > 0) {
        successorStates[q] = k;
        successorProbs[q] = p;
        cumulative += p;
        successorCumulative[q] = cumulative;
        q++;
      }
    }
    successorCumulative[q - 1] = 1;
  }
  return {
    nStates,
    nPlayers,
    actionCounts,
    nJointActions,
    rewards: Float64Array.from(rewards.data),
    transitions: T,
    jointActions,
    successorPtr,
    successorStates,
    successorProbs,
    successorCumulative,
  };
}

/**
 * Reads a game from JSON nested arrays `{ rewards, transitions }` in mgap's layouts
 * (integer transition tensors are accepted).
 */
export function markovGameFromJson(json: unknown, path: ErrorPath = ["game"]): MarkovGame {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new MfkitError("invalid-argument", "expected an object { rewards, transitions }", path);
  }
  const record = json as Record<string, unknown>;
  for (const key of ["rewards", "transitions"]) {
    if (!(key in record)) throw new MfkitError("missing-field", `missing field "${key}"`, [...path, key]);
  }
  const rewards = readTensor(record.rewards, [...path, "rewards"]);
  const transitions = readTensor(record.transitions, [...path, "transitions"]);
  return createMarkovGame(rewards, transitions, path);
}

/** Player i's reward tensor slice helper: R_i(s, j). */
export function rewardOf(game: MarkovGame, state: number, joint: number, player: number): number {
  return game.rewards[(state * game.nJointActions + joint) * game.nPlayers + player]!;
}
