import { describe, expect, it } from "vitest";
import { batchLabel, errorVsN, parseBatchLevel, resolveBatch } from "./error-vs-n.js";
import { createQueueing } from "./games/queueing.js";
import { createResourceSelection } from "./games/resource-selection.js";

describe("error vs N (light version of the bench study)", () => {
  for (const [label, game] of [
    ["resource selection", createResourceSelection()],
    ["queueing, exogenous arrivals", createQueueing({ arrivals: "exogenous" })],
  ] as const) {
    it(`${label}: the fitted log-log slope is −1/2 ± 0.1 for B = 1 and B = N`, () => {
      const result = errorVsN(game, {
        populationSizes: [100, 400, 1600, 6400],
        batches: [parseBatchLevel("1"), parseBatchLevel("1.0")],
        seeds: 16,
        seed: 7,
        decisionsPerAgent: 5,
      });
      expect(result.slopes.map((s) => s.batch)).toEqual(["B=1", "B=N"]);
      for (const s of result.slopes) {
        expect(s.slope).toBeGreaterThan(-0.6);
        expect(s.slope).toBeLessThan(-0.4);
      }
      // A proper interval around the mean (low ≤ mean alone holds by construction whatever the spread).
      for (const c of result.cells) {
        expect(c.low).toBeLessThan(c.meanError);
        expect(c.high).toBeGreaterThan(c.meanError);
      }
    });
  }

  it("parses activation levels: integers are counts, decimals fractions of N", () => {
    expect(parseBatchLevel("1")).toEqual({ count: 1 });
    expect(parseBatchLevel("1.0")).toEqual({ fraction: 1 });
    expect(resolveBatch(parseBatchLevel("0.1"), 1000)).toBe(100);
    expect(resolveBatch(parseBatchLevel("0.001"), 10)).toBe(1);
    expect(batchLabel(parseBatchLevel("0.5"))).toBe("B=0.5N");
    expect(() => parseBatchLevel("1.5")).toThrow(/fraction/);
    expect(() => resolveBatch({ count: 20 }, 10)).toThrow(/exceeds/);
  });
});
