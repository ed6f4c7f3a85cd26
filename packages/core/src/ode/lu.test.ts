import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { luFactor, luSolve } from "./lu.js";

describe("LU with partial pivoting", () => {
  it("solves random well-conditioned systems with rows in random order: A·x reproduces b", () => {
    let permuted = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n * n, maxLength: n * n }),
            fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
            fc.shuffledSubarray(
              Array.from({ length: n }, (_, i) => i),
              { minLength: n, maxLength: n },
            ),
          ),
        ),
        ([n, entries, x, order]) => {
          // D = entries + diag(±n) is diagonally dominant, so well conditioned; its diagonal entries are the
          // largest of their columns, so A = D with rows shuffled (row i of A is row order[i] of D) makes
          // partial pivoting swap rows whenever the order is not the identity.
          const A = new Float64Array(n * n);
          for (let i = 0; i < n; i++) {
            const r = order[i]!;
            for (let j = 0; j < n; j++)
              A[i * n + j] = entries[r * n + j]! + (j === r ? (r % 2 === 0 ? n : -n) : 0);
          }
          const b = new Float64Array(n);
          for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) b[i] += A[i * n + j] * x[j];
          const lu = Float64Array.from(A);
          const pivot = new Int32Array(n);
          if (!luFactor(lu, n, pivot)) return false;
          if (pivot.some((p, k) => p !== k)) permuted++;
          luSolve(lu, n, pivot, b);
          for (let i = 0; i < n; i++) if (Math.abs(b[i] - x[i]) > 1e-12) return false;
          return true;
        },
      ),
      { seed: 7, numRuns: 200 },
    );
    // The generator exercises the row swaps: n = 1 (1/8 of the runs) never swaps, a random order of n ≥ 2 rows
    // is the identity with probability 1/n!, so about 160 of the 200 runs swap.
    expect(permuted).toBeGreaterThan(100);
  });

  it("pivots on a zero leading entry", () => {
    const lu = Float64Array.from([0, 2, 3, 4]);
    const pivot = new Int32Array(2);
    expect(luFactor(lu, 2, pivot)).toBe(true);
    expect(pivot[0]).toBe(1);
    const b = Float64Array.from([4, 14]); // A·(2, 2) = (0·2 + 2·2, 3·2 + 4·2)
    luSolve(lu, 2, pivot, b);
    expect(Array.from(b)).toEqual([2, 2]);
  });

  it("reports singular and non-finite matrices", () => {
    expect(luFactor(Float64Array.from([1, 2, 2, 4]), 2, new Int32Array(2))).toBe(false);
    expect(luFactor(Float64Array.from([Number.NaN, 0, 0, 1]), 2, new Int32Array(2))).toBe(false);
  });
});
