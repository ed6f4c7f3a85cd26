import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createFreudenthalCell,
  forEachGridPoint,
  freudenthalInto,
  gridSize,
  nearestGridCounts,
  roundToGrid,
} from "./grid.js";

const simplexPoint = (K: number) =>
  fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: K, maxLength: K }).map((x) => {
    const s = x.reduce((a, b) => a + b, 0);
    return s > 0 ? x.map((v) => v / s) : x.map(() => 1 / K);
  });

describe("largest-remainder rounding", () => {
  it("sums to M with per-cell error < 1 (property)", () => {
    fc.assert(
      fc.property(simplexPoint(5), fc.integer({ min: 1, max: 300 }), (w, M) => {
        const c = roundToGrid(w, M);
        expect(c.reduce((a, b) => a + b, 0)).toBe(M);
        for (let k = 0; k < 5; k++) expect(Math.abs(c[k]! - M * w[k]!)).toBeLessThan(1);
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it("breaks ties toward the lower index", () => {
    expect(Array.from(roundToGrid([0.5, 0.5], 1))).toEqual([1, 0]);
    expect(Array.from(roundToGrid([1 / 3, 1 / 3, 1 / 3], 2))).toEqual([1, 1, 0]);
  });
});

describe("nearest grid 'others + self'", () => {
  it("returns L itself at every N-agent grid point with L(z) ≥ 1/N (N = 2 example of the note)", () => {
    const work = new Float64Array(2);
    const out = new Int32Array(2);
    expect(Array.from(nearestGridCounts([0.5, 0.5], 0, 2, work, out))).toEqual([1, 1]);
    for (const N of [2, 3, 7]) {
      forEachGridPoint(N, 4, (c) => {
        const L = Array.from(c, (x) => x / N);
        for (let z = 0; z < 4; z++) {
          if (c[z] === 0) continue;
          const got = nearestGridCounts(L, z, N, new Float64Array(4), new Int32Array(4));
          expect(Array.from(got)).toEqual(Array.from(c));
        }
      });
    }
  });

  it("stays within (K + 2)/N of L in ℓ1 when L(z) ≥ 1/N (property)", () => {
    fc.assert(
      fc.property(
        simplexPoint(4),
        fc.integer({ min: 2, max: 500 }),
        fc.integer({ min: 0, max: 3 }),
        (L, N, z) => {
          fc.pre(L[z]! >= 1 / N);
          const c = nearestGridCounts(L, z, N, new Float64Array(4), new Int32Array(4));
          let d = 0;
          for (let k = 0; k < 4; k++) d += Math.abs(c[k]! / N - L[k]!);
          expect(d).toBeLessThanOrEqual(6 / N + 1e-12);
          expect(c[z]).toBeGreaterThanOrEqual(1);
        },
      ),
      { seed: 12, numRuns: 300 },
    );
  });
});

describe("Freudenthal interpolation", () => {
  it("has convex weights, valid vertices and reproduces the point (barycentre = M·w) (property)", () => {
    fc.assert(
      fc.property(simplexPoint(5), fc.integer({ min: 1, max: 40 }), (w, M) => {
        const cell = freudenthalInto(w, M, createFreudenthalCell(5));
        let total = 0;
        const bary = new Float64Array(5);
        for (let p = 0; p < cell.size; p++) {
          const lam = cell.weights[p]!;
          expect(lam).toBeGreaterThan(0);
          total += lam;
          let sum = 0;
          for (let k = 0; k < 5; k++) {
            const c = cell.counts[p * 5 + k]!;
            expect(c).toBeGreaterThanOrEqual(0);
            sum += c;
            bary[k] = bary[k]! + lam * c;
          }
          expect(sum).toBe(M);
        }
        expect(total).toBeCloseTo(1, 12);
        for (let k = 0; k < 5; k++) expect(bary[k]! / M).toBeCloseTo(w[k]!, 9);
      }),
      { seed: 13, numRuns: 300 },
    );
  });

  it("is exact at grid points (a single vertex)", () => {
    forEachGridPoint(6, 4, (c) => {
      const cell = freudenthalInto(
        Array.from(c, (x) => x / 6),
        6,
        createFreudenthalCell(4),
      );
      expect(cell.size).toBe(1);
      expect(Array.from(cell.counts.subarray(0, 4))).toEqual(Array.from(c));
    });
  });

  it("reproduces affine functions exactly (property)", () => {
    const coef = [0.3, -1.2, 2.5, 0.7];
    const f = (x: ArrayLike<number>) => 0.4 + coef.reduce((a, b, k) => a + b * x[k]!, 0);
    fc.assert(
      fc.property(simplexPoint(4), fc.integer({ min: 1, max: 30 }), (w, M) => {
        const cell = freudenthalInto(w, M, createFreudenthalCell(4));
        let v = 0;
        for (let p = 0; p < cell.size; p++) {
          const x = Array.from(cell.counts.subarray(p * 4, p * 4 + 4), (c) => c / M);
          v += cell.weights[p]! * f(x);
        }
        expect(v).toBeCloseTo(f(w), 10);
      }),
      { seed: 14, numRuns: 200 },
    );
  });

  it("is continuous: the interpolant of a generic grid function moves little for a small move (property)", () => {
    // g(c) = a fixed pseudo-random value per grid point; |g| ≤ 1 and grid steps are 1/M apart.
    const g = (c: ArrayLike<number>) => Math.sin(c[0]! * 1.7 + c[1]! * 2.3 + c[2]! * 0.9);
    const interp = (w: number[], M: number) => {
      const cell = freudenthalInto(w, M, createFreudenthalCell(3));
      let v = 0;
      for (let p = 0; p < cell.size; p++) v += cell.weights[p]! * g(cell.counts.subarray(p * 3, p * 3 + 3));
      return v;
    };
    fc.assert(
      fc.property(simplexPoint(3), fc.double({ min: -1, max: 1, noNaN: true }), (w, dir) => {
        const M = 8;
        const h = 1e-7;
        const w2 = [w[0]! + h * dir, w[1]! - h * dir, w[2]!];
        fc.pre(w2[0]! >= 0 && w2[1]! >= 0);
        // Piecewise affine with slopes ≤ 2·M per unit of ℓ1 in each coordinate: the jump is O(h·M).
        expect(Math.abs(interp(w, M) - interp(w2, M))).toBeLessThan(100 * M * h);
      }),
      { seed: 15, numRuns: 300 },
    );
  });
});

describe("grid enumeration", () => {
  it("visits C(M+K−1, K−1) distinct points", () => {
    let n = 0;
    const seen = new Set<string>();
    forEachGridPoint(5, 3, (c) => {
      n += 1;
      seen.add(Array.from(c).join(","));
    });
    expect(n).toBe(gridSize(5, 3));
    expect(n).toBe(21);
    expect(seen.size).toBe(21);
  });
});
