import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createCrowdModelling, firstVisitMoves } from "./crowd-modelling.js";
import { checkKernelAt, kernelRow, meanFieldArbitrary, productField, rewards } from "./test-support.js";

const uniform = new Array(10).fill(0.1);

describe("crowd_modelling (OpenSpiel)", () => {
  const game = createCrowdModelling();
  const L = productField(game, uniform);

  it("has OpenSpiel's shapes and defaults (H = 10 decisions → T = 9)", () => {
    expect(game.horizon).toBe(9);
    expect([game.nStates, game.nActions]).toEqual([10, 3]);
    expect(game.mu0[3]).toBe(0.1);
  });

  it("moves on the ring with uniform noise", () => {
    const third = 1 / 3;
    expect(kernelRow(game, 0, L, 0, 0)).toEqual([third, 0, 0, 0, 0, 0, 0, 0, third, third]);
    expect(kernelRow(game, 0, L, 9, 2)).toEqual([third, third, 0, 0, 0, 0, 0, 0, 0, third]);
  });

  it("clean rewards charge a move at its decision, except at t = T", () => {
    const r = rewards(game, 0, L);
    // x = 5 = c: 1 − 0 − log(0.1) − 0.1 for a move, without it when staying.
    expect(r[15]).toBeCloseTo(3.202585092994046, 14);
    expect(r[16]).toBeCloseTo(3.302585092994046, 14);
    expect(r[0 * 3 + 1]).toBeCloseTo(Math.LN10, 14); // x = 0: 1 − 5/5 − log 0.1
    expect(r[9 * 3 + 1]).toBeCloseTo(2.502585092994046, 14); // x = 9: 1 − 4/5
    const last = rewards(game, 9, L);
    expect(last[15]).toBeCloseTo(3.302585092994046, 14);
    const everyStep = createCrowdModelling({ moveCostTiming: "every-step" });
    expect(rewards(everyStep, 9, L)[15]).toBeCloseTo(3.202585092994046, 14);
  });

  it("reproduces OpenSpiel's first-visit movement table (quirk 1)", () => {
    const table = firstVisitMoves(10, 10);
    expect(Array.from(table.subarray(0, 10))).toEqual(new Array(10).fill(0));
    // t = 1: first reached from x = 0 moving −1 (x' ∈ {8, 9, 0}), then 0 (x' = 1), then +1.
    expect(Array.from(table.subarray(10, 20))).toEqual([-1, 0, 1, 1, 1, 1, 1, 1, -1, -1]);
    // The first depth-first chain goes −2 per epoch: (8,1), (6,2), …, (2,9) with move −1.
    for (let t = 1; t <= 9; t++) expect(table[t * 10 + ((((-2 * t) % 10) + 10) % 10)]).toBe(-1);
    const compat = createCrowdModelling({ openspielCompat: true });
    const r = rewards(compat, 1, L);
    for (let a = 0; a < 3; a++) {
      expect(r[1 * 3 + a]).toBeCloseTo(2.502585092994046, 14); // m_first = 0
      expect(r[8 * 3 + a]).toBeCloseTo(2.602585092994046, 14); // 1 − 3/5 − 0.1 − log 0.1
      expect(r[3 * 3 + a]).toBeCloseTo(2.802585092994046, 14); // 1 − 2/5 − 0.1 − log 0.1
    }
  });

  it("rows sum to 1 at random mean fields; bad options are typed", () => {
    fc.assert(
      fc.property(meanFieldArbitrary(30), (L) => checkKernelAt(game, L)),
      { seed: 101, numRuns: 40 },
    );
    expect(() => createCrowdModelling({ moveCostTiming: "never" as "every-step" })).toThrow(/moveCostTiming/);
    expect(() => createCrowdModelling({ openspielCompat: true, moveCostTiming: "every-step" })).toThrow(
      /openspielCompat/,
    );
  });
});
