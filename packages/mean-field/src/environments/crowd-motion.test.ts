import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createCrowdMotion, drawBarPath } from "./crowd-motion.js";
import { checkKernelAt, kernelRow, meanFieldArbitrary, productField, rewards } from "./test-support.js";

describe("crowd_motion", () => {
  it("has MFGLib's shapes and defaults", () => {
    const game = createCrowdMotion();
    expect(game.horizon).toBe(3);
    expect([game.nStates, game.nActions]).toEqual([400, 5]);
    expect(game.stateShape).toEqual([20, 20]);
    expect(game.mu0[17]).toBe(1 / 400);
    // b_0 = b_1 = (10, 10); at t = 2 a diagonal step (always inside the 20×20 grid); b_3 = b_2.
    const b = Array.from(game.barPath);
    expect(b.slice(0, 4)).toEqual([10, 10, 10, 10]);
    expect([9, 11]).toContain(b[4]);
    expect([9, 11]).toContain(b[5]);
    expect(b.slice(6)).toEqual(b.slice(4, 6));
    expect(Array.from(createCrowdMotion().barPath)).toEqual(b);
  });

  it("draws bar paths that move only at multiples of the frequency and stay inside", () => {
    for (let seed = 0; seed < 20; seed++) {
      const path = drawBarPath(12, 3, 3, 3, seed);
      for (let t = 1; t <= 12; t++) {
        const moved = path[2 * t] !== path[2 * t - 2] || path[2 * t + 1] !== path[2 * t - 1];
        if (t % 3 !== 0) expect(moved).toBe(false);
        expect(path[2 * t]).toBeGreaterThanOrEqual(0);
        expect(path[2 * t]).toBeLessThan(3);
        if (moved) expect(Math.abs(path[2 * t]! - path[2 * t - 2]!)).toBe(1);
      }
    }
  });

  // 3×4 grid, bar path (1,1), (1,1), (2,0); noise 1/8 per move, 1/2 stay.
  const game = createCrowdMotion({ T: 2, torus_l: 3, torus_w: 4, bar_path: [1, 1, 1, 1, 2, 0] });

  it("transitions are clipped displacements plus noise", () => {
    const L = productField(game, new Array(12).fill(1 / 12));
    // (0,0) with action 1 = (−1, 0): only noise +j escapes the corner.
    const corner = kernelRow(game, 0, L, 0, 1);
    expect(corner[0]).toBe(0.875);
    expect(corner[1]).toBe(0.125);
    // (1,1) with action 2 = (0,+1): (2,2), (0,2), (1,3), (1,1) w.p. 1/8 each and (1,2) w.p. 1/2.
    const inner = kernelRow(game, 0, L, 5, 2);
    const expected = new Array(12).fill(0);
    expected[10] = 0.125;
    expected[2] = 0.125;
    expected[7] = 0.125;
    expected[5] = 0.125;
    expected[6] = 0.5;
    expect(inner).toEqual(expected);
  });

  it("rewards follow the bar path", () => {
    const L = productField(game, new Array(12).fill(1 / 12));
    // t = 0, s = (0,0): 10·(1 − 2/7) − log(1/12 + 1e−10).
    expect(rewards(game, 0, L)[0]).toBeCloseTo(9.627763791445144, 12);
    // t = 2, s = (2,3), bar (2,0): 10·(1 − 3/7) − log(1/12 + 1e−10); the same for every action.
    const r2 = rewards(game, 2, L);
    for (let a = 0; a < 5; a++) expect(r2[11 * 5 + a]).toBeCloseTo(8.199192362873713, 12);
  });

  it("rows sum to 1 at random mean fields; bad bar paths are typed errors", () => {
    fc.assert(
      fc.property(meanFieldArbitrary(60), (L) => checkKernelAt(game, L)),
      { seed: 41, numRuns: 30 },
    );
    expect(() => createCrowdMotion({ T: 1, torus_l: 3, torus_w: 4, bar_path: [1, 1, 3, 0] })).toThrow(
      /bar_path/,
    );
    expect(() => createCrowdMotion({ T: 1, bar_path: [1, 1] })).toThrow(/bar_path/);
  });
});
