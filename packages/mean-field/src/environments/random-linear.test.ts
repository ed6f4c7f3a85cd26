import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRandomLinear } from "./random-linear.js";
import { checkKernelAt, kernelRow, meanFieldArbitrary, rewards } from "./test-support.js";

describe("random_linear", () => {
  it("has MFGLib's shapes and defaults; the seeded draw is deterministic and in [−m, m]", () => {
    const game = createRandomLinear();
    expect(game.horizon).toBe(3);
    expect([game.nStates, game.nActions]).toEqual([5, 5]);
    expect(game.data.dtype).toBe("mfkit-seeded");
    expect(game.data.P1.length).toBe(125);
    const again = createRandomLinear({ seed: 0 });
    expect(Array.from(again.data.P2)).toEqual(Array.from(game.data.P2));
    expect(Array.from(createRandomLinear({ seed: 1 }).data.R1)).not.toEqual(Array.from(game.data.R1));
    for (const v of [...game.data.R1, ...game.data.R2, ...game.data.P1, ...game.data.P2]) {
      expect(Math.abs(v)).toBeLessThanOrEqual(10);
    }
  });

  // n = 2: R1[s,k] = [[1,2],[3,4]], R2 = [[0.5,−0.5],[1,−1]]; P1[1,0,0] = 2, P1[0,0,1] = 1,
  // P2[1,0,1] = ln 2, all other entries 0; L(k,a) = [[0.1,0.2],[0.3,0.4]].
  const P1 = [0, 1, 0, 0, 2, 0, 0, 0];
  const P2 = [0, 0, 0, 0, 0, Math.LN2, 0, 0];
  const game = createRandomLinear({
    n: 2,
    R1: [1, 2, 3, 4],
    R2: [0.5, -0.5, 1, -1],
    P1,
    P2,
    dtype: "float32",
  });
  const L = Float64Array.from([0.1, 0.2, 0.3, 0.4]);

  it("records the data's dtype", () => {
    expect(game.data.dtype).toBe("float32");
  });

  it("rewards: Σ_k R1[s,k] L(k,a) + R2[s,a]", () => {
    const r = rewards(game, 0, L);
    expect(r[0]).toBeCloseTo(1.2, 15); // 0.1 + 0.6 + 0.5
    expect(r[1]).toBeCloseTo(0.5, 15); // 0.2 + 0.8 − 0.5
    expect(r[2]).toBeCloseTo(2.5, 15); // 0.3 + 1.2 + 1
    expect(r[3]).toBeCloseTo(1.2, 15); // 0.6 + 1.6 − 1
  });

  it("transitions: softmax of the linear logits", () => {
    // (0,0): z = (0.3, 0.2) → P(1) = 1/(1 + e^{0.1}).
    const p00 = kernelRow(game, 0, L, 0, 0);
    expect(p00[0]).toBeCloseTo(0.52497918747894, 14);
    expect(p00[1]).toBeCloseTo(1 - 0.52497918747894, 14);
    // (0,1): z = (0.4, 0.4 + ln 2) → P(1) = 2/3.
    expect(kernelRow(game, 0, L, 0, 1)[1]).toBeCloseTo(2 / 3, 15);
    expect(kernelRow(game, 0, L, 1, 1)).toEqual([0.5, 0.5]);
  });

  it("rows sum to 1 at random mean fields; partial data is a typed error", () => {
    const big = createRandomLinear({ seed: 3 });
    fc.assert(
      fc.property(meanFieldArbitrary(25), (L) => checkKernelAt(big, L)),
      { seed: 91, numRuns: 50 },
    );
    expect(() => createRandomLinear({ n: 2, R1: [1, 2, 3, 4] })).toThrow(/R2/);
    expect(() => createRandomLinear({ n: 2, R1: [1], R2: [1, 1, 1, 1], P1, P2 })).toThrow(/R1/);
  });
});
