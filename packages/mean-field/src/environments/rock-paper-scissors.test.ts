import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRockPaperScissors } from "./rock-paper-scissors.js";
import { checkKernelAt, kernelRow, meanFieldArbitrary, productField, rewards } from "./test-support.js";

describe("rock_paper_scissors", () => {
  const game = createRockPaperScissors();

  it("has MFGLib's shapes and defaults", () => {
    expect(game.name).toBe("rock_paper_scissors");
    expect(game.horizon).toBe(1);
    expect([game.nStates, game.nActions]).toEqual([4, 3]);
    expect(Array.from(game.mu0)).toEqual([1, 0, 0, 0]);
    expect(createRockPaperScissors({ T: 7 }).horizon).toBe(7);
  });

  it("rewards match the hand computation", () => {
    // μ = (0.1, 0.2, 0.3, 0.4): r(1) = 2·0.4 − 0.3 = 0.5, r(2) = 4·0.2 − 2·0.4 = 0,
    // r(3) = 6·0.3 − 3·0.2 = 1.2; all actions equal.
    const L = productField(game, [0.1, 0.2, 0.3, 0.4]);
    const r = rewards(game, 0, L);
    const expected = [0, 0, 0, 0.5, 0.5, 0.5, 0, 0, 0, 1.2, 1.2, 1.2];
    for (let i = 0; i < 12; i++) expect(r[i]).toBeCloseTo(expected[i]!, 14);
    // Everyone at R: r(1) = 0, r(2) = 4, r(3) = −3.
    const allRock = productField(game, [0, 1, 0, 0]);
    expect(Array.from(rewards(game, 1, allRock))).toEqual([0, 0, 0, 0, 0, 0, 4, 4, 4, -3, -3, -3]);
  });

  it("moves to 1 + a from every state", () => {
    const L = productField(game, [1, 0, 0, 0]);
    for (let s = 0; s < 4; s++) {
      expect(kernelRow(game, 0, L, s, 0)).toEqual([0, 1, 0, 0]);
      expect(kernelRow(game, 0, L, s, 1)).toEqual([0, 0, 1, 0]);
      expect(kernelRow(game, 0, L, s, 2)).toEqual([0, 0, 0, 1]);
    }
  });

  it("rows sum to 1 at random mean fields", () => {
    fc.assert(
      fc.property(meanFieldArbitrary(12), (L) => {
        checkKernelAt(game, L);
      }),
      { seed: 12, numRuns: 50 },
    );
  });
});
