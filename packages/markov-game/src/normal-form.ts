/**
 * Stateless (normal-form) games as one-state Markov games: |S| = 1, T(0, a, 0) = 1, so ν_x ≡ 1 and
 * every learner's drift is its expected update against the others' mixed strategies. The payoff
 * tensor is `[a_1]…[a_n][player]` (mgap's reward layout without the state axis).
 *
 * Presets (payoffs scaled into [0, 1] so that every rule, Cross learning included, applies):
 *
 * | name                  | actions            | payoffs (row, column)                                   |
 * |-----------------------|--------------------|---------------------------------------------------------|
 * | `prisoners-dilemma`   | C, D               | CC (0.6, 0.6), CD (0, 1), DC (1, 0), DD (0.2, 0.2)      |
 * | `matching-pennies`    | H, T               | row wins (1, 0) on a match, column wins (0, 1) otherwise |
 * | `rock-paper-scissors` | R, P, S            | win 1, draw ½, loss 0 (constant sum 1)                  |
 * | `stag-hunt`           | Stag, Hare         | SS (1, 1), SH (0, 0.75), HS (0.75, 0), HH (0.5, 0.5)    |
 */
import { describe, type ErrorPath, type FlatTensor, MfkitError, readTensor } from "@mfkit/core";
import { createMarkovGame, type MarkovGame } from "./markov-game.js";

/** A one-state Markov game from a payoff tensor `[a_1]…[a_n][player]` (nested arrays or flat). */
export function normalFormGame(payoffs: unknown, path: ErrorPath = ["payoffs"]): MarkovGame {
  const tensor: FlatTensor =
    typeof payoffs === "object" && payoffs !== null && "shape" in payoffs && "data" in payoffs
      ? (payoffs as FlatTensor)
      : readTensor(payoffs, path);
  const rank = tensor.shape.length;
  if (rank < 2 || tensor.shape[rank - 1] !== rank - 1) {
    throw new MfkitError(
      "invalid-shape",
      `payoffs must have shape [A_1, …, A_n, n] (one payoff per player last), got [${tensor.shape.join(", ")}]`,
      path,
    );
  }
  const actions = tensor.shape.slice(0, -1);
  const J = actions.reduce((a, b) => a * b, 1);
  return createMarkovGame(
    { shape: [1, ...tensor.shape], data: Float64Array.from(tensor.data) },
    { shape: [1, ...actions, 1], data: new Float64Array(J).fill(1) },
    path,
  );
}

/** Names of the normal-form presets. */
export const NORMAL_FORM_PRESETS = [
  "prisoners-dilemma",
  "matching-pennies",
  "rock-paper-scissors",
  "stag-hunt",
] as const;
/** The name of a built-in 2-player normal-form game. */
export type NormalFormPreset = (typeof NORMAL_FORM_PRESETS)[number];

const PRESET_PAYOFFS: Record<NormalFormPreset, number[][][]> = {
  "prisoners-dilemma": [
    [
      [0.6, 0.6],
      [0, 1],
    ],
    [
      [1, 0],
      [0.2, 0.2],
    ],
  ],
  "matching-pennies": [
    [
      [1, 0],
      [0, 1],
    ],
    [
      [0, 1],
      [1, 0],
    ],
  ],
  "rock-paper-scissors": [
    [
      [0.5, 0.5],
      [0, 1],
      [1, 0],
    ],
    [
      [1, 0],
      [0.5, 0.5],
      [0, 1],
    ],
    [
      [0, 1],
      [1, 0],
      [0.5, 0.5],
    ],
  ],
  "stag-hunt": [
    [
      [1, 1],
      [0, 0.75],
    ],
    [
      [0.75, 0],
      [0.5, 0.5],
    ],
  ],
};

/** The payoff tensor of a preset, as nested arrays `[a_1][a_2][player]` (a fresh copy). */
export function normalFormPayoffs(name: NormalFormPreset): number[][][] {
  return PRESET_PAYOFFS[name].map((row) => row.map((cell) => [...cell]));
}

/** A named two-player normal-form game; unknown names throw "unknown-name" at `path`. */
export function normalFormPreset(name: string, path: ErrorPath = ["preset"]): MarkovGame {
  if (!(NORMAL_FORM_PRESETS as readonly string[]).includes(name)) {
    throw new MfkitError(
      "unknown-name",
      `unknown normal-form game ${describe(name)} (known: ${NORMAL_FORM_PRESETS.join(", ")})`,
      path,
    );
  }
  return normalFormGame(normalFormPayoffs(name as NormalFormPreset), path);
}
