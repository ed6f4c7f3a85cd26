import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binomialSumInto, binomialWindowInto, createBinomialWindow } from "./binomial.js";

/** Exact Bin(n, p) pmf via log-factorials (an independent route). */
function binom(n: number, p: number): Float64Array {
  const lf = [0];
  for (let k = 1; k <= n; k++) lf[k] = lf[k - 1]! + Math.log(k);
  return Float64Array.from({ length: n + 1 }, (_, k) => {
    if (p === 0) return k === 0 ? 1 : 0;
    if (p === 1) return k === n ? 1 : 0;
    return Math.exp(lf[n]! - lf[k]! - lf[n - k]! + k * Math.log(p) + (n - k) * Math.log1p(-p));
  });
}

describe("binomial windows", () => {
  it("Bin(n, p) windows match the closed form and hold all but a negligible mass (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 800 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, p) => {
        const w = binomialWindowInto(n, p, 1e-17, createBinomialWindow(n));
        const exact = binom(n, p);
        let mass = 0;
        for (let j = 0; j < w.length; j++) {
          expect(Math.abs(w.probs[j]! - exact[w.lo + j]!)).toBeLessThan(1e-12);
          mass += exact[w.lo + j]!;
        }
        expect(mass).toBeGreaterThan(1 - 1e-12);
      }),
      { seed: 31, numRuns: 100 },
    );
  });

  it("the recurrence for X + Y matches the direct convolution (property)", () => {
    const w = createBinomialWindow(10);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 600 }),
        fc.integer({ min: 0, max: 400 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n1, n2, p0, q) => {
          const p = p0 ** 3; // many skewed sums
          const A = binom(n1, p);
          const B = binom(n2, q);
          const g = new Float64Array(n1 + n2 + 1);
          for (let x = 0; x <= n1; x++) for (let y = 0; y <= n2; y++) g[x + y] = g[x + y]! + A[x]! * B[y]!;
          const mode = Math.max(...g);
          binomialSumInto(n1, p, n2, q, w);
          let mass = 0;
          for (let j = 0; j < w.length; j++) {
            expect(Math.abs(w.probs[j]! - g[w.lo + j]!)).toBeLessThan(1e-8 * mode);
            mass += g[w.lo + j]!;
          }
          expect(mass).toBeGreaterThan(1 - 1e-10);
        },
      ),
      { seed: 32, numRuns: 120 },
    );
  });
});
