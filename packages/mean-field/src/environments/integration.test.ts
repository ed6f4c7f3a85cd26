import { Either } from "@mfkit/core";
import { describe, expect, it } from "vitest";
import { exploitability } from "../exploitability.js";
import { validateMeanFieldGame } from "../validate.js";
import { createEnvironment, environmentNames } from "./registry.js";

/** π_t(a|s) = 1[a = action] for every t, s. */
function pure(nEpochs: number, nStates: number, nActions: number, action: number): Float64Array {
  const pi = new Float64Array(nEpochs * nStates * nActions);
  for (let i = 0; i < nEpochs * nStates; i++) pi[i * nActions + action] = 1;
  return pi;
}

describe("built-in environments with the mean-field algorithms", () => {
  it("every environment at its defaults passes validateMeanFieldGame", () => {
    for (const name of environmentNames()) {
      const result = validateMeanFieldGame(createEnvironment(name));
      if (Either.isLeft(result)) throw new Error(`${name}: ${result.left.map((e) => e.message).join("; ")}`);
    }
    const compat = validateMeanFieldGame(createEnvironment("crowd_modelling", { openspielCompat: true }));
    expect(Either.isRight(compat)).toBe(true);
  });

  it("left_right: 'all go left' has exploitability 1 and 'all go right' 2", () => {
    const game = createEnvironment("left_right");
    expect(exploitability(game, pure(2, 3, 2, 0))).toBeCloseTo(1, 14);
    expect(exploitability(game, pure(2, 3, 2, 1))).toBeCloseTo(2, 14);
  });
});
