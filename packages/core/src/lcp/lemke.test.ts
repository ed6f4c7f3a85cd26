import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { captureMfkitError } from "../errors.js";
import { luFactor, luSolve } from "../ode/lu.js";
import { createRandomStream } from "../random/index.js";
import { solveLcp } from "./lemke.js";

/** Checks z ≥ 0, w = Mz + q ≥ 0 and zᵀw = 0, all to `tol`. */
function expectComplementary(M: number[][], q: number[], z: Float64Array, tol = 1e-9): void {
  const n = q.length;
  for (let i = 0; i < n; i++) {
    let w = q[i]!;
    for (let j = 0; j < n; j++) w += M[i]![j]! * z[j]!;
    expect(z[i]).toBeGreaterThanOrEqual(0);
    expect(w).toBeGreaterThanOrEqual(-tol);
    expect(Math.abs(w * z[i]!)).toBeLessThanOrEqual(tol);
  }
}

/** Every solution by enumerating the 2^n complementary bases (z_i free where set, w_i = 0 there). */
function bruteForce(M: number[][], q: number[]): Float64Array[] {
  const n = q.length;
  const found: Float64Array[] = [];
  for (let mask = 0; mask < 1 << n; mask++) {
    const idx = [...Array(n).keys()].filter((i) => mask & (1 << i));
    const k = idx.length;
    const a = new Float64Array(k * k);
    const b = new Float64Array(k);
    idx.forEach((i, r) => {
      idx.forEach((j, c) => {
        a[r * k + c] = M[i]![j]!;
      });
      b[r] = -q[i]!;
    });
    const pivot = new Int32Array(k);
    if (k > 0 && !luFactor(a, k, pivot)) continue;
    if (k > 0) luSolve(a, k, pivot, b);
    const z = new Float64Array(n);
    idx.forEach((i, r) => {
      z[i] = b[r]!;
    });
    let ok = true;
    for (let i = 0; i < n && ok; i++) {
      let w = q[i]!;
      for (let j = 0; j < n; j++) w += M[i]![j]! * z[j]!;
      if (z[i]! < -1e-12 || w < -1e-9) ok = false;
    }
    if (ok) found.push(z);
  }
  return found;
}

function randomPositiveDefinite(seed: number, n: number): { M: number[][]; q: number[] } {
  const rng = createRandomStream(seed);
  const A = Array.from({ length: n }, () => Array.from({ length: n }, () => rng.next() * 2 - 1));
  const K = Array.from({ length: n }, () => Array.from({ length: n }, () => rng.next() * 2 - 1));
  // M = AᵀA + I/2 + (K − Kᵀ): its symmetric part is positive definite, so the solution is unique.
  const M = A.map((_, i) =>
    A.map((__, j) => {
      let s = i === j ? 0.5 : 0;
      for (let k = 0; k < n; k++) s += A[k]![i]! * A[k]![j]!;
      return s + K[i]![j]! - K[j]![i]!;
    }),
  );
  const q = Array.from({ length: n }, () => rng.next() * 4 - 2);
  return { M, q };
}

describe("solveLcp (Lemke)", () => {
  it("positive definite M (fast-check, n ≤ 6): the unique solution, equal to brute-force enumeration to 1e-9", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 6 }), (seed, n) => {
        const { M, q } = randomPositiveDefinite(seed, n);
        const result = solveLcp(M, q);
        expect(result.status).toBe("solved");
        if (result.status !== "solved") return;
        expectComplementary(M, q, result.z);
        const all = bruteForce(M, q);
        expect(all).toHaveLength(1);
        for (let i = 0; i < n; i++) expect(Math.abs(result.z[i]! - all[0]![i]!)).toBeLessThan(1e-9);
      }),
      { numRuns: 200, seed: 11, verbose: true },
    );
  });

  it("entrywise positive M (strictly copositive, fast-check): always solved, never a ray", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 12 }), (seed, n) => {
        const rng = createRandomStream(seed);
        const M = Array.from({ length: n }, () => Array.from({ length: n }, () => 0.01 + rng.next()));
        const q = Array.from({ length: n }, () => rng.next() * 4 - 3);
        const result = solveLcp(M, q);
        expect(result.status).toBe("solved");
        if (result.status === "solved") expectComplementary(M, q, result.z);
      }),
      { numRuns: 200, seed: 12, verbose: true },
    );
  });

  it("degenerate data (small integers, repeated q: ties in the ratio test) terminate with a solution (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }).chain((n) =>
          fc.record({
            M: fc.array(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }), {
              minLength: n,
              maxLength: n,
            }),
            q: fc.array(fc.constantFrom(-1, 0, 1), { minLength: n, maxLength: n }),
          }),
        ),
        ({ M, q }) => {
          // M + I ≥ 0 with a positive diagonal is strictly copositive: Lemke must end with a solution.
          const Mp = M.map((row, i) => row.map((v, j) => v + (i === j ? 1 : 0)));
          const result = solveLcp(Mp, q);
          expect(result.status).toBe("solved");
          if (result.status === "solved") expectComplementary(Mp, q, result.z);
          expect(bruteForce(Mp, q).length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 1000, seed: 13, verbose: true },
    );
  });

  it("warm start: the solution's support needs no pivot and gives the same z; a wrong guess still solves", () => {
    const { M, q } = randomPositiveDefinite(5, 8);
    const cold = solveLcp(M, q);
    expect(cold.status).toBe("solved");
    if (cold.status !== "solved") return;
    const warm = solveLcp(M, q, { guess: Array.from(cold.z, (z) => z > 0) });
    expect(warm).toMatchObject({ status: "solved", pivots: 0 });
    if (warm.status === "solved") for (let i = 0; i < 8; i++) expect(warm.z[i]).toBeCloseTo(cold.z[i]!, 12);
    const wrong = solveLcp(M, q, { guess: Array.from(cold.z, (z) => z === 0) });
    expect(wrong.status).toBe("solved");
    if (wrong.status === "solved") expectComplementary(M, q, wrong.z);
  });

  it("no solution → a ray, not a hang; pivots are capped; bad input → typed errors", () => {
    // w = −z − 1 < 0 for every z ≥ 0.
    expect(solveLcp([[-1]], [-1]).status).toBe("ray");
    expect(solveLcp([[1]], [5])).toMatchObject({ status: "solved", pivots: 0 });
    const { M, q } = randomPositiveDefinite(9, 6);
    expect(solveLcp(M, q, { maxPivots: 0 }).status).toBe("max-pivots");
    expect(captureMfkitError(() => solveLcp([[1, 2]], [1]))).toMatchObject({
      code: "invalid-shape",
      path: ["M", 0],
    });
    expect(captureMfkitError(() => solveLcp([[Number.NaN]], [1]))).toMatchObject({
      code: "non-finite",
      path: ["M", 0, 0],
    });
    expect(captureMfkitError(() => solveLcp([[1]], [1], { guess: [true, false] }))?.path).toEqual([
      "options",
      "guess",
    ]);
  });
});
