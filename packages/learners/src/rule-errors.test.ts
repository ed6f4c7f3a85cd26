/**
 * Invalid learner parameters give typed MfkitErrors naming the field, never a silent NaN.
 */
import { createRandomStream, MfkitError } from "@mfkit/core";
import { normalFormPreset, randomMarkovGame } from "@mfkit/markov-game";
import { describe, expect, it } from "vitest";
import { learnerFromSpec } from "./registry.js";

const game = randomMarkovGame(createRandomStream(1), {
  states: 2,
  actionCounts: [2, 3],
  successors: 2,
  rewardMin: -1,
  rewardMax: 2,
});
const unequal = randomMarkovGame(createRandomStream(2), {
  states: 2,
  actionCounts: [2, 2, 3],
  successors: 2,
});
const pennies = normalFormPreset("matching-pennies");
const gameWithEqualOthers = randomMarkovGame(createRandomStream(4), {
  states: 2,
  actionCounts: [2, 3, 3],
  successors: 2,
});

const base: Record<string, Record<string, unknown>> = {
  td0: { rule: "td0", alpha: 0.1, gamma: 0.5 },
  sarsa: { rule: "sarsa", alpha: 0.1, gamma: 0.5, tau: 1 },
  "expected-sarsa": { rule: "expected-sarsa", alpha: 0.1, gamma: 0.5, tau: 1 },
  "softmax-policy-gradient": { rule: "softmax-policy-gradient", alpha: 0.1, gamma: 0.5 },
  "policy-mirror-descent": { rule: "policy-mirror-descent", alpha: 0.1, gamma: 0.5, tau: 0.1 },
  "cross-learning": { rule: "cross-learning", alpha: 0.1 },
  "faq-learning": { rule: "faq-learning", alpha: 0.1, gamma: 0.5, tau: 1, beta: 0.1 },
  "mean-field-q-learning": { rule: "mean-field-q-learning", alpha: 0.1, gamma: 0.5, tau: 1 },
};

/** [rule, overrides, expected code, expected path below ["learners", 0]] */
const cases: [string, Record<string, unknown>, string, (string | number)[]][] = [
  ...Object.keys(base).map(
    (rule) =>
      [rule, { alpha: -0.1 }, "invalid-argument", ["alpha"]] as [
        string,
        Record<string, unknown>,
        string,
        string[],
      ],
  ),
  ...Object.keys(base).map(
    (rule) =>
      [rule, { aplha: 0.1 }, "invalid-argument", ["aplha"]] as [
        string,
        Record<string, unknown>,
        string,
        string[],
      ],
  ),
  ["sarsa", { tau: 0 }, "invalid-argument", ["tau"]],
  ["expected-sarsa", { tau: 0 }, "invalid-argument", ["tau"]],
  ["faq-learning", { tau: 0 }, "invalid-argument", ["tau"]],
  ["mean-field-q-learning", { tau: 0 }, "invalid-argument", ["tau"]],
  ["softmax-policy-gradient", { tau: 0 }, "invalid-argument", ["tau"]],
  ["policy-mirror-descent", { tau: -1 }, "invalid-argument", ["tau"]],
  ["td0", { gamma: 1 }, "invalid-argument", ["gamma"]],
  ["sarsa", { gamma: undefined }, "missing-field", ["gamma"]],
  ["faq-learning", { beta: 0 }, "invalid-argument", ["beta"]],
  [
    "td0",
    {
      preferences: [
        [0, 1],
        [1, 0],
      ],
      tau: 0,
    },
    "invalid-argument",
    ["tau"],
  ],
  [
    "td0",
    {
      preferences: [
        [0, 1],
        [1, 0],
      ],
      tau: 1,
      policy: [
        [0.5, 0.5],
        [0.5, 0.5],
      ],
    },
    "invalid-argument",
    ["policy"],
  ],
  ["faq-learning", { beta: 1.5 }, "invalid-argument", ["beta"]],
  ["softmax-policy-gradient", { criticRate: 0 }, "invalid-argument", ["criticRate"]],
  ["softmax-policy-gradient", { mode: "reinforce", gamma: 0.5 }, "invalid-argument", ["gamma"]],
  ["softmax-policy-gradient", { mode: "natural" }, "invalid-argument", ["mode"]],
  ["policy-mirror-descent", { criticRate: -2 }, "invalid-argument", ["criticRate"]],
  ["mean-field-q-learning", { meanRate: 0 }, "invalid-argument", ["meanRate"]],
  ["cross-learning", { alpha: 1.5 }, "invalid-argument", ["alpha"]],
  ["sarsa", { init: [[1, 2, 3]] }, "invalid-shape", ["init"]],
  ["td0", { init: [1, 2, 3] }, "invalid-shape", ["init"]],
  [
    "td0",
    {
      policy: [
        [0.5, 0.5],
        [0.2, 0.7],
      ],
    },
    "invalid-probability",
    ["policy", 1],
  ],
  [
    "td0",
    {
      policy: [
        [1.5, -0.5],
        [0.5, 0.5],
      ],
    },
    "invalid-probability",
    ["policy", 0, 1],
  ],
  [
    "cross-learning",
    {
      init: [
        [0.5, 0.5],
        [1, 0],
      ],
    },
    "invalid-shape",
    ["init"],
  ],
  ["softmax-policy-gradient", { initCritic: [0, 0, 0] }, "invalid-shape", ["initCritic"]],
  ["policy-mirror-descent", { initCritic: [[0, 0]] }, "invalid-shape", ["initCritic"]],
  [
    "mean-field-q-learning",
    {
      init: [
        [1, 2],
        [3, 4],
      ],
    },
    "invalid-shape",
    ["init"],
  ],
  [
    "mean-field-q-learning",
    {
      initMean: [
        [0.5, 0.6, 0],
        [1, 0, 0],
      ],
    },
    "invalid-probability",
    ["initMean", 0],
  ],
];

function thrown(fn: () => unknown): MfkitError {
  try {
    fn();
  } catch (error) {
    if (error instanceof MfkitError) return error;
    throw error;
  }
  throw new Error("expected an MfkitError");
}

describe("invalid learner parameters", () => {
  it.each(cases)("%s with %o → %s at learners[0].%s", (rule, overrides, code, at) => {
    const spec = { ...base[rule], ...overrides };
    for (const key of Object.keys(overrides))
      if (overrides[key] === undefined) delete (spec as Record<string, unknown>)[key];
    const target =
      rule === "cross-learning" ? pennies : rule === "mean-field-q-learning" ? gameWithEqualOthers : game;
    const error = thrown(() => learnerFromSpec(target, 0, spec, ["learners", 0]));
    expect(error.code).toBe(code);
    expect(error.path).toEqual(["learners", 0, ...at]);
  });

  it("Cross learning rejects rewards outside [0, 1], naming the reward entry", () => {
    const error = thrown(() => learnerFromSpec(game, 1, base["cross-learning"], ["learners", 1]));
    expect(error.code).toBe("invalid-argument");
    expect(error.path.slice(0, 2)).toEqual(["game", "rewards"]);
    expect(error.path[error.path.length - 1]).toBe(1);
  });

  it("mean-field Q-learning needs other players with equal action counts", () => {
    const error = thrown(() => learnerFromSpec(unequal, 0, base["mean-field-q-learning"], ["learners", 0]));
    expect(error.path).toEqual(["learners", 0, "rule"]);
    const single = randomMarkovGame(createRandomStream(3), { states: 2, actionCounts: [2] });
    expect(
      thrown(() => learnerFromSpec(single, 0, base["mean-field-q-learning"], ["learners", 0])).path,
    ).toEqual(["learners", 0, "rule"]);
  });
});
