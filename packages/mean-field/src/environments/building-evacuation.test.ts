import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createBuildingEvacuation } from "./building-evacuation.js";
import { checkKernelAt, denseKernel, meanFieldArbitrary, rewards } from "./test-support.js";

describe("building_evacuation", () => {
  it("has MFGLib's shapes and defaults", () => {
    const game = createBuildingEvacuation();
    expect(game.horizon).toBe(3);
    expect([game.nStates, game.nActions]).toEqual([500, 6]);
    expect(game.stateShape).toEqual([5, 10, 10]);
    expect(game.transitionPattern.col.length).toBe(3000);
  });

  // 2 floors of 2×3 cells; s = (f·2 + x)·3 + y.
  const game = createBuildingEvacuation({ n_floor: 2, floor_l: 2, floor_w: 3, eta: 2 });
  const next = (s: number, a: number): number => {
    const P = denseKernel(game, 0, new Float64Array(72).fill(1 / 72));
    const row = Array.from(P.subarray((s * 6 + a) * 12, (s * 6 + a + 1) * 12));
    expect(row.filter((p) => p !== 0)).toEqual([1]);
    return row.indexOf(1);
  };

  it("moves deterministically, stairs down only at (0,0), up only at (l−1,w−1)", () => {
    // (1,0,0) = 6.
    expect(next(6, 4)).toBe(0); // down to (0,0,0)
    expect(next(6, 1)).toBe(6); // x−1 clipped
    expect(next(6, 0)).toBe(9); // x+1 → (1,1,0)
    expect(next(6, 3)).toBe(7); // y+1 → (1,0,1)
    expect(next(6, 2)).toBe(6); // y−1 clipped
    expect(next(6, 5)).toBe(6); // not at the up staircase
    // (0,1,2) = 5: up to (1,1,2) = 11; down does nothing there.
    expect(next(5, 5)).toBe(11);
    expect(next(5, 4)).toBe(5);
    expect(next(11, 5)).toBe(11); // top floor
    expect(next(0, 4)).toBe(0); // ground floor
  });

  it("rewards: −η·log(max(μ, ε)) + evac_r on the ground floor", () => {
    const L = new Float64Array(72);
    L[0 * 6 + 2] = 0.25; // μ(0) = 0.25
    L[11 * 6 + 0] = 0.05; // μ(11) = 0.05
    L[3 * 6 + 1] = 0.7;
    const r = rewards(game, 1, L);
    expect(r[0]).toBeCloseTo(12.77258872223978, 13); // −2 log 0.25 + 10
    expect(r[0 * 6 + 5]).toBeCloseTo(12.77258872223978, 13);
    expect(r[11 * 6 + 3]).toBeCloseTo(5.991464547107982, 13); // −2 log 0.05
    expect(r[6 * 6]).toBeCloseTo(92.10340371976183, 12); // μ = 0: clamp at 1e−20
  });

  it("rows sum to 1 at random mean fields", () => {
    fc.assert(
      fc.property(meanFieldArbitrary(72), (L) => checkKernelAt(game, L)),
      { seed: 51, numRuns: 30 },
    );
  });
});
