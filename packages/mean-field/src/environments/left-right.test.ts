import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createLeftRight } from "./left-right.js";
import { checkKernelAt, kernelRow, meanFieldArbitrary, rewards } from "./test-support.js";

describe("left_right", () => {
  const game = createLeftRight();

  it("has MFGLib's shapes and defaults", () => {
    expect(game.name).toBe("left_right");
    expect(game.horizon).toBe(1);
    expect([game.nStates, game.nActions]).toEqual([3, 2]);
    expect(Array.from(game.mu0)).toEqual([1, 0, 0]);
    expect(game.discount).toBe(1);
    expect(game.dependsOnMeanField).toEqual({ reward: true, transition: false });
  });

  it("rewards match the hand computation", () => {
    // L: C=(0.1, 0.1), L=(0.3, 0.2), R=(0.25, 0.05) → μ(L) = 0.5, μ(R) = 0.3.
    const L = Float64Array.from([0.1, 0.1, 0.3, 0.2, 0.25, 0.05]);
    expect(Array.from(rewards(game, 0, L))).toEqual([0, 0, -0.5, -0.5, -0.6, -0.6]);
    expect(Array.from(rewards(game, 1, L))).toEqual([0, 0, -0.5, -0.5, -0.6, -0.6]);
  });

  it("moves deterministically to 1 + a from every state", () => {
    const L = Float64Array.from([1, 0, 0, 0, 0, 0]);
    for (let s = 0; s < 3; s++) {
      expect(kernelRow(game, 0, L, s, 0)).toEqual([0, 1, 0]);
      expect(kernelRow(game, 0, L, s, 1)).toEqual([0, 0, 1]);
    }
    expect(game.transitionPattern.col.length).toBe(6);
  });

  it("rows sum to 1 at random mean fields", () => {
    fc.assert(
      fc.property(meanFieldArbitrary(6), (L) => {
        checkKernelAt(game, L);
      }),
      { seed: 11, numRuns: 50 },
    );
  });

  it("rejects a bad mu0", () => {
    expect(() => createLeftRight({ mu0: [0.5, 0.5] })).toThrow(/mu0/);
    expect(() => createLeftRight({ mu0: [0.5, 0.6, -0.1] })).toThrow(/negative/);
  });
});
