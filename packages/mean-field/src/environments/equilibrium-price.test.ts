import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createEquilibriumPrice } from "./equilibrium-price.js";
import { checkKernelAt, kernelRow, meanFieldArbitrary, rewards } from "./test-support.js";

describe("equilibrium_price", () => {
  it("has MFGLib's shapes and defaults (two-dimensional action, q major)", () => {
    const game = createEquilibriumPrice();
    expect(game.horizon).toBe(4);
    expect([game.nStates, game.nActions]).toEqual([4, 9]);
    expect(game.actionShape).toEqual([3, 3]);
  });

  const c = [1, 0.5, 0.25, 0.125, 0.1];
  // a = q·3 + h. Half the mass at (s=1, q=2, h=0), half at (s=2, q=1, h=1): Σ q·L = 1.5.
  const L = new Float64Array(36);
  L[1 * 9 + 6] = 0.5;
  L[2 * 9 + 4] = 0.5;

  it("rewards match the hand computation", () => {
    const game = createEquilibriumPrice({ c });
    const r = rewards(game, 0, L); // price 1/(1.5 + 1) = 0.4
    // s=1, q=2, h=1: (0.4 − 1)·2 − 0.5·4 − 0.25 − 0.375·1 − 0.1 = −3.925
    expect(r[1 * 9 + 7]).toBeCloseTo(-3.925, 14);
    // s=3, q=0, h=2: −0.25·2 − 0.1·3 = −0.8
    expect(r[3 * 9 + 2]).toBeCloseTo(-0.8, 14);
    // s=0, q=1, h=0: −0.6 − 0.5 − 0.375 = −1.475
    expect(r[0 * 9 + 3]).toBeCloseTo(-1.475, 14);
    // σ = 2: price √0.4; s=0, q=1, h=0: √0.4 − 1 − 0.5 − 0.375
    const sqrtGame = createEquilibriumPrice({ c, sigma: 2 });
    expect(rewards(sqrtGame, 0, L)[3]).toBeCloseTo(-1.242544467966324, 14);
  });

  it("inventory moves deterministically: s' = min(s − min(q, s) + h, s_inv)", () => {
    const game = createEquilibriumPrice();
    const row = (s: number, q: number, h: number) => kernelRow(game, 0, L, s, q * 3 + h).indexOf(1);
    expect(row(1, 2, 1)).toBe(1);
    expect(row(3, 0, 2)).toBe(3);
    expect(row(2, 1, 2)).toBe(3);
    expect(row(0, 2, 1)).toBe(1);
    expect(row(3, 2, 0)).toBe(1);
  });

  it("rows sum to 1 at random mean fields", () => {
    const game = createEquilibriumPrice();
    fc.assert(
      fc.property(meanFieldArbitrary(36), (L) => checkKernelAt(game, L)),
      { seed: 61, numRuns: 50 },
    );
  });
});
