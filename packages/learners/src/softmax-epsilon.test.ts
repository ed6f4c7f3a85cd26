import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { softmaxEpsilon } from "./softmax-epsilon.js";

describe("softmaxEpsilon", () => {
  it("rows sum to 1 and every entry is ≥ ε/|A| (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 6 }),
        fc.double({ min: 1e-3, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (q, tau, eps) => {
          const out = new Float64Array(q.length);
          softmaxEpsilon(Float64Array.from(q), 0, q.length, tau, eps, out, 0);
          const sum = out.reduce((a, b) => a + b, 0);
          expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
          for (const p of out) expect(p).toBeGreaterThanOrEqual(eps / q.length - 1e-15);
        },
      ),
      { numRuns: 300 },
    );
  });
  it("matches the closed form on two actions and survives huge Q values", () => {
    const out = new Float64Array(2);
    softmaxEpsilon(Float64Array.of(22, 20), 0, 2, 0.5, 0.1, out, 0);
    const p0 = 0.9 / (1 + Math.exp(-4)) + 0.05;
    expect(out[0]).toBeCloseTo(p0, 15);
    softmaxEpsilon(Float64Array.of(1e300, -1e300), 0, 2, 1e-3, 0, out, 0);
    expect(Array.from(out)).toEqual([1, 0]);
  });
});
