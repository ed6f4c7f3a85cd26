import { captureMfkitError, MfkitError } from "@mfkit/core";
import { describe, expect, it } from "vitest";
import { checkSingleRecurrentClass } from "./learning-model.js";
import { createMarkovGame, markovGameFromJson } from "./markov-game.js";

/** The 4-state memory-one prisoner's dilemma of the mgap README. */
const pd4 = (): { rewards: number[][][][]; transitions: number[][][][] } => {
  const payoff = [
    [
      [3, 3],
      [1.5, 3.5],
    ],
    [
      [3.5, 1.5],
      [2, 2],
    ],
  ];
  const move = (a0: number, a1: number) => [0, 1, 2, 3].map((s) => (s === 2 * a0 + a1 ? 1 : 0));
  return {
    rewards: [0, 1, 2, 3].map(() => structuredClone(payoff)),
    transitions: [0, 1, 2, 3].map(() => [
      [move(0, 0), move(0, 1)],
      [move(1, 0), move(1, 1)],
    ]),
  };
};

describe("markovGameFromJson", () => {
  it("reads mgap's layouts with the player count from the rank", () => {
    const game = markovGameFromJson(pd4());
    expect(game.nPlayers).toBe(2);
    expect(game.nStates).toBe(4);
    expect(game.actionCounts).toEqual([2, 2]);
    // joint action (1, 0) = DC → reward (3.5, 1.5), next state 2
    expect(game.rewards[(0 * 4 + 2) * 2 + 0]).toBe(3.5);
    expect(game.transitions[(3 * 4 + 2) * 4 + 2]).toBe(1);
    expect(Array.from(game.jointActions)).toEqual([0, 0, 0, 1, 1, 0, 1, 1]);
  });

  it("does not confuse the player count with |A_2| (2 players with 3 actions)", () => {
    const S = 2;
    const rewards = Array.from({ length: S }, () =>
      Array.from({ length: 3 }, () => Array.from({ length: 3 }, () => [1, 2])),
    );
    const transitions = Array.from({ length: S }, () =>
      Array.from({ length: 3 }, () => Array.from({ length: 3 }, () => [0.5, 0.5])),
    );
    const game = markovGameFromJson({ rewards, transitions });
    expect(game.nPlayers).toBe(2);
    expect(game.actionCounts).toEqual([3, 3]);
  });

  it("names the offending index of bad probabilities and rewards", () => {
    const negative = pd4();
    negative.transitions[2]![1]![0]![3] = -0.5;
    negative.transitions[2]![1]![0]![0] = 1.5;
    const e1 = captureMfkitError(() => markovGameFromJson(negative));
    expect(e1.code).toBe("invalid-probability");
    expect(e1.path).toEqual(["game", "transitions", 2, 1, 0, 3]);

    const unnormalised = pd4();
    unnormalised.transitions[1]![0]![1]![1] = 0.9;
    const e2 = captureMfkitError(() => markovGameFromJson(unnormalised));
    expect(e2.code).toBe("invalid-probability");
    expect(e2.message).toContain("game.transitions[1][0][1]: transition row sums to 0.9");

    const nan = pd4();
    nan.rewards[3]![1]![1]![0] = Number.NaN;
    const e3 = captureMfkitError(() => markovGameFromJson(nan));
    expect(e3.code).toBe("non-finite");
    expect(e3.path).toEqual(["game", "rewards", 3, 1, 1, 0]);

    // Flat tensors bypass the JSON reader: NaN entries and short data are still typed errors.
    const game = markovGameFromJson(pd4());
    const flat = (data: Float64Array, shape: number[]) => ({ shape, data });
    const rewardShape = [4, 2, 2, 2];
    const transitionShape = [4, 2, 2, 4];
    const nanReward = Float64Array.from(game.rewards);
    nanReward[(3 * 4 + 1 * 2 + 1) * 2 + 0] = Number.NaN;
    const e4 = captureMfkitError(() =>
      createMarkovGame(flat(nanReward, rewardShape), flat(game.transitions, transitionShape)),
    );
    expect(e4.code).toBe("non-finite");
    expect(e4.path).toEqual(["game", "rewards", 3, 1, 1, 0]);
    const nanTransition = Float64Array.from(game.transitions);
    nanTransition[(2 * 4 + 1 * 2 + 0) * 4 + 3] = Number.NaN;
    const e5 = captureMfkitError(() =>
      createMarkovGame(flat(game.rewards, rewardShape), flat(nanTransition, transitionShape)),
    );
    expect(e5.code).toBe("non-finite");
    expect(e5.path).toEqual(["game", "transitions", 2, 1, 0, 3]);
    const e6 = captureMfkitError(() =>
      createMarkovGame(flat(game.rewards.subarray(1), rewardShape), flat(game.transitions, transitionShape)),
    );
    expect(e6.code).toBe("invalid-shape");
    expect(e6.path).toEqual(["game", "rewards"]);

    const shape = pd4();
    (shape.transitions[0]![0] as unknown[]).pop();
    expect(captureMfkitError(() => markovGameFromJson(shape)).code).toBe("invalid-shape");

    const lastAxis = pd4();
    lastAxis.rewards = lastAxis.rewards.map((s) => s.map((a) => a.map(() => [1, 2, 3])));
    expect(captureMfkitError(() => markovGameFromJson(lastAxis)).message).toContain("one entry per player");

    expect(captureMfkitError(() => markovGameFromJson({ rewards: pd4().rewards })).path).toEqual([
      "game",
      "transitions",
    ]);
  });

  it("accepts rows within 1e-9 of 1 and rejects rows beyond", () => {
    const close = pd4();
    close.transitions[0]![0]![0]![0] = 1 + 5e-10;
    expect(() => markovGameFromJson(close)).not.toThrow();
    const far = pd4();
    far.transitions[0]![0]![0]![0] = 1 + 5e-9;
    expect(() => markovGameFromJson(far)).toThrow(MfkitError);
  });

  it("diagnoses a state chain with two closed classes", () => {
    // Two absorbing states whatever is played.
    const rewards = [[[0]], [[0]]];
    const transitions = [[[1, 0]], [[0, 1]]];
    const game = markovGameFromJson({ rewards, transitions });
    const error = captureMfkitError(() => checkSingleRecurrentClass(game));
    expect(error.code).toBe("reducible-chain");
    expect(error.message).toContain("{0}, {1}");
    // PD-4 is irreducible under full-support play.
    expect(() => checkSingleRecurrentClass(markovGameFromJson(pd4()))).not.toThrow();
  });
});
