import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createBeachBar } from "./beach-bar.js";
import { checkKernelAt, kernelRow, meanFieldArbitrary, productField, rewards } from "./test-support.js";

describe("beach_bar", () => {
  const game = createBeachBar();

  it("has MFGLib's shapes and defaults", () => {
    expect(game.horizon).toBe(2);
    expect([game.nStates, game.nActions]).toEqual([4, 3]);
    expect(Array.from(game.mu0)).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it("moves are clipped at the ends with noise (0.25, 0.5, 0.25)", () => {
    const L = productField(game, [0.25, 0.25, 0.25, 0.25]);
    expect(kernelRow(game, 0, L, 0, 0)).toEqual([1, 0, 0, 0]);
    expect(kernelRow(game, 0, L, 0, 1)).toEqual([0.75, 0.25, 0, 0]);
    expect(kernelRow(game, 0, L, 1, 2)).toEqual([0, 0.25, 0.5, 0.25]);
    expect(kernelRow(game, 0, L, 2, 0)).toEqual([0.25, 0.5, 0.25, 0]);
    expect(kernelRow(game, 0, L, 3, 2)).toEqual([0, 0, 0, 1]);
  });

  it("rewards: −ring distance − move cost − log(μ + ε)", () => {
    // μ = (0.1, 0.2, 0.3, 0.4), bar at 2, n = 4: d = (2, 1, 0, 1), move cost 1/4.
    const r = rewards(game, 1, productField(game, [0.1, 0.2, 0.3, 0.4]));
    expect(r[0]).toBeCloseTo(0.05258509299404546, 14); // −2 − 0.25 − log 0.1
    expect(r[1]).toBeCloseTo(0.30258509299404546, 14); // −2 − log 0.1
    expect(r[2 * 3 + 1]).toBeCloseTo(1.2039728043259361, 14); // −log 0.3
    expect(r[3 * 3 + 2]).toBeCloseTo(-0.333709268125845, 14); // −1 − 0.25 − log 0.4
    // Empty state: −log(1e−20) = 46.0517…
    const empty = rewards(game, 0, productField(game, [0.5, 0.5, 0, 0]));
    expect(empty[2 * 3 + 1]).toBeCloseTo(46.051701859880914, 12);
  });

  it("uses the ring distance, not |s − bar|", () => {
    // n = 6, bar 1, s = 5: ring distance min(4, 2) = 2; uniform μ: −2 − log(1/6).
    const six = createBeachBar({ n: 6, bar_loc: 1 });
    const r = rewards(
      six,
      0,
      productField(
        six,
        [1, 1, 1, 1, 1, 1].map((x) => x / 6),
      ),
    );
    expect(r[5 * 3 + 1]).toBeCloseTo(-0.20824053077194504, 14);
  });

  it("rows sum to 1 at random mean fields and bad params are typed", () => {
    const noisy = createBeachBar({ n: 5, p_still: 0.2 });
    fc.assert(
      fc.property(meanFieldArbitrary(15), (L) => checkKernelAt(noisy, L)),
      { seed: 31, numRuns: 50 },
    );
    expect(() => createBeachBar({ bar_loc: 4 })).toThrow(/bar_loc/);
    expect(() => createBeachBar({ p_still: 1.5 })).toThrow(/p_still/);
  });
});
