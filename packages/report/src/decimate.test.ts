import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decimationIndices } from "./decimate.js";

describe("decimationIndices", () => {
  it("keeps everything when the series is short enough", () => {
    expect(decimationIndices(5, [[1, 2, 3, 4, 5]], 10)).toEqual([0, 1, 2, 3, 4]);
  });

  it("keeps at most max(maxPoints, 2 + 2k), the endpoints, and the global extremes of every column", () => {
    // size "max": lengths spread over 3..3000, so most runs decimate (the default size stops near 10,
    // below most maxPoints, and only 5 of 60 runs decimated).
    let decimated = 0;
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), {
          minLength: 3,
          maxLength: 3000,
          size: "max",
        }),
        fc.integer({ min: 4, max: 200 }),
        (ys, maxPoints) => {
          if (ys.length > maxPoints) decimated++;
          const zs = ys.map((v, i) => Math.cos(v + i));
          const kept = decimationIndices(ys.length, [ys, zs], maxPoints);
          expect(kept.length).toBeLessThanOrEqual(Math.max(maxPoints, 2 + 2 * 2));
          expect(kept[0]).toBe(0);
          expect(kept[kept.length - 1]).toBe(ys.length - 1);
          for (let j = 1; j < kept.length; j++) expect(kept[j]).toBeGreaterThan(kept[j - 1]);
          for (const column of [ys, zs]) {
            const values = kept.map((i) => column[i]);
            expect(Math.min(...values)).toBe(Math.min(...column));
            expect(Math.max(...values)).toBe(Math.max(...column));
          }
        },
      ),
      { seed: 20261121, numRuns: 60 },
    );
    expect(decimated).toBeGreaterThan(40);
  });

  it("reduces 1e5 points to ≤ 2000 and keeps an isolated spike", () => {
    const n = 100_000;
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) y[i] = Math.sin(i / 1000);
    y[54_321] = 50;
    const kept = decimationIndices(n, [y], 2000);
    expect(kept.length).toBeLessThanOrEqual(2000);
    expect(kept.length).toBeGreaterThan(1900);
    expect(kept).toContain(54_321);
    expect(kept).toContain(0);
    expect(kept).toContain(n - 1);
  });

  it("keeps the envelope of a fast oscillation in every bucket", () => {
    // y = (−1)^i: each bucket must keep both a +1 and a −1, so the band of the plot stays filled.
    const n = 10_000;
    const y = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : -1));
    const kept = decimationIndices(n, [y], 500);
    const values = kept.map((i) => y[i]);
    const plus = values.filter((v) => v === 1).length;
    expect(plus).toBeGreaterThan(200);
    expect(values.length - plus).toBeGreaterThan(200);
  });
});
