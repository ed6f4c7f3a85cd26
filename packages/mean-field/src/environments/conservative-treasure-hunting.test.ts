import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createConservativeTreasureHunting } from "./conservative-treasure-hunting.js";
import { checkKernelAt, kernelRow, meanFieldArbitrary, rewards } from "./test-support.js";

describe("conservative_treasure_hunting", () => {
  it("has MFGLib's shapes and defaults", () => {
    const game = createConservativeTreasureHunting();
    expect(game.horizon).toBe(5);
    expect([game.nStates, game.nActions]).toEqual([3, 3]);
    expect(Array.from(game.mu0)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(() => createConservativeTreasureHunting({ r: [1, 1] })).toThrow(/'r'/);
    expect(() => createConservativeTreasureHunting({ T: 5, c: [1, 1] })).toThrow(/'c'/);
  });

  // n = 2, r = (2, 3), c = (0.5, 2); L = [[0.4, 0.1], [0.2, 0.3]]:
  // D(0) = 0.36 + 0.01 + 0.04 + 0.09 = 0.5, D(1) = 0.16 + 0.01 + 0.04 + 0.49 = 0.7.
  const game = createConservativeTreasureHunting({ T: 2, n: 2, r: [2, 3], c: [0.5, 2] });
  const L = Float64Array.from([0.4, 0.1, 0.2, 0.3]);

  it("t = 0: s' = a, no reward", () => {
    expect(Array.from(rewards(game, 0, L))).toEqual([0, 0, 0, 0]);
    expect(kernelRow(game, 0, L, 0, 1)).toEqual([0, 1]);
    expect(kernelRow(game, 0, L, 1, 0)).toEqual([1, 0]);
  });

  it("t ≥ 1: rewards and blurred moves match the hand computation", () => {
    const r = rewards(game, 1, L);
    expect(r[0]).toBeCloseTo(1.5, 15); // 2·(1 − 0.25)
    expect(r[1]).toBe(0);
    expect(r[2]).toBe(0);
    expect(r[3]).toBeCloseTo(1.95, 15); // 3·(1 − 0.35)
    // t = 1, c_0 = 0.5: s = 0 → (0.25 + 1[s'=a]) / 1.5; s = 1 → (0.35 + 1[s'=a]) / 1.7.
    const p00 = kernelRow(game, 1, L, 0, 0);
    expect(p00[0]).toBeCloseTo(1.25 / 1.5, 15);
    expect(p00[1]).toBeCloseTo(0.25 / 1.5, 15);
    const p11 = kernelRow(game, 1, L, 1, 1);
    expect(p11[1]).toBeCloseTo(0.7941176470588235, 15);
    expect(p11[0]).toBeCloseTo(0.20588235294117646, 15);
    // t = 2, c_1 = 2: s = 0 → (1 + 1[s'=a]) / 3.
    const p01 = kernelRow(game, 2, L, 0, 1);
    expect(p01[1]).toBeCloseTo(2 / 3, 15);
    expect(p01[0]).toBeCloseTo(1 / 3, 15);
  });

  it("rows sum to 1 at random mean fields", () => {
    const big = createConservativeTreasureHunting({ n: 4, T: 3, r: [1, 2, 3, 4], c: [0.1, 1, 10] });
    fc.assert(
      fc.property(meanFieldArbitrary(16), (L) => checkKernelAt(big, L)),
      { seed: 71, numRuns: 50 },
    );
  });
});
