import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MfkitError } from "../errors.js";
import { RunningMoments } from "./running-moments.js";

/** Two-pass reference: mean first, then Σ (x − mean)². */
function twoPass(rows: number[][], dim: number): { mean: number[]; variance: number[] } {
  const n = rows.length;
  const mean = Array.from({ length: dim }, (_, c) => rows.reduce((s, r) => s + r[c]!, 0) / n);
  const variance = Array.from(
    { length: dim },
    (_, c) => rows.reduce((s, r) => s + (r[c]! - mean[c]!) ** 2, 0) / (n - 1),
  );
  return { mean, variance };
}

describe("RunningMoments", () => {
  it("matches the two-pass mean and unbiased variance on random data", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((dim) =>
          fc.array(
            fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: dim, maxLength: dim }),
            {
              minLength: 2,
              maxLength: 60,
            },
          ),
        ),
        (rows) => {
          const dim = rows[0]!.length;
          const m = new RunningMoments(dim);
          for (const r of rows) m.push(r);
          const ref = twoPass(rows, dim);
          const mean = m.mean();
          const variance = m.variance();
          expect(m.count).toBe(rows.length);
          for (let c = 0; c < dim; c++) {
            expect(Math.abs(mean[c]! - ref.mean[c]!)).toBeLessThanOrEqual(1e-12 * 1e3);
            expect(Math.abs(variance[c]! - ref.variance[c]!)).toBeLessThanOrEqual(
              1e-10 * (1 + ref.variance[c]!),
            );
          }
        },
      ),
      { seed: 11, numRuns: 200 },
    );
  });

  it("survives catastrophic cancellation: values 10⁹ + noise of variance known exactly", () => {
    // x_k = 1e9 + d_k with d = (−1, 0, +1)·2⁻¹⁰ repeated (exact in binary64, whose spacing at 1e9 is 2⁻²³):
    // mean 1e9, unbiased variance (2n/3)·2⁻²⁰/(n − 1) for n = 3m.
    const m = new RunningMoments(1);
    let sum = 0;
    let sumSq = 0;
    const n = 30_000;
    for (let k = 0; k < n; k++) {
      const x = 1e9 + ((k % 3) - 1) * 2 ** -10;
      m.push([x]);
      sum += x;
      sumSq += x * x;
    }
    const exact = (((2 * n) / 3) * 2 ** -20) / (n - 1);
    expect(Math.abs(m.variance()[0]! - exact) / exact).toBeLessThan(1e-9);
    expect(m.mean()[0]).toBeCloseTo(1e9, 6);
    // The textbook one-pass formula loses every digit here (a check that the test data is hard).
    const naive = (sumSq - (sum * sum) / n) / (n - 1);
    expect(Math.abs(naive - exact) / exact).toBeGreaterThan(0.5);
  });

  it("merges like pushing everything into one accumulator", () => {
    const a = new RunningMoments(2);
    const b = new RunningMoments(2);
    const all = new RunningMoments(2);
    for (let k = 0; k < 50; k++) {
      const x = [Math.sin(k), k * 0.1];
      (k < 20 ? a : b).push(x);
      all.push(x);
    }
    a.merge(b);
    expect(a.count).toBe(50);
    const [va, vall] = [a.variance(), all.variance()];
    const [ma, mall] = [a.mean(), all.mean()];
    for (let c = 0; c < 2; c++) {
      expect(ma[c]).toBeCloseTo(mall[c]!, 13);
      expect(va[c]).toBeCloseTo(vall[c]!, 12);
    }
    expect(a.std()[1]).toBeCloseTo(Math.sqrt(vall[1]!), 12);
    const empty = new RunningMoments(2);
    empty.merge(all);
    expect(Array.from(empty.mean())).toEqual(Array.from(mall));
    expect(Array.from(empty.variance())).toEqual(Array.from(vall));
  });

  it("throws typed errors: wrong length, non-finite, too few observations", () => {
    const m = new RunningMoments(2);
    expect(() => m.mean()).toThrow(MfkitError);
    expect(() => m.push([1])).toThrow(MfkitError);
    expect(() => m.push([1, Number.NaN])).toThrow(MfkitError);
    m.push([1, 2]);
    expect(() => m.variance()).toThrow(MfkitError);
  });
});
