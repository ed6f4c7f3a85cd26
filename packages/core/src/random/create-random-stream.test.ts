import { describe, expect, it } from "vitest";
import { MfkitError } from "../errors.js";
import { normalQuantile } from "../stats/normal-quantile.js";
import { createRandomStream, mix64, streamState } from "./create-random-stream.js";
import { chiSquare, chiSquareCritical } from "./stat-helpers.test-util.js";

describe("createRandomStream", () => {
  it("is bit-identical for the same (seed, stream), whatever else was created", () => {
    const direct = createRandomStream(42, 7);
    const a = Array.from({ length: 1000 }, () => direct.next());
    // Create other streams (and draw from them) first, in another order.
    for (const k of [99, 0, 6, 8]) createRandomStream(42, k).next();
    const again = createRandomStream(42, 7);
    expect(Array.from({ length: 1000 }, () => again.next())).toEqual(a);
    const s1 = createRandomStream("experiment-A", 3);
    const s2 = createRandomStream("experiment-A", 3);
    for (let i = 0; i < 100; i++) expect(s1.nextUint32()).toBe(s2.nextUint32());
  });

  it("mix64 is SplitMix64's finaliser: the published outputs of SplitMix64 seeded with 0", () => {
    const gamma = 0x9e3779b97f4a7c15n;
    expect(mix64(gamma)).toBe(0xe220a8397b1dcdafn);
    expect(mix64(2n * gamma)).toBe(0x6e789e6aa1b965f4n);
    expect(mix64(3n * gamma)).toBe(0x06c45d188009454fn);
  });

  it("pins the derived states (a change of derivation must be deliberate)", () => {
    const pinned = [streamState(1, 0), streamState(1, 1), streamState("1", 0)];
    expect(pinned).toMatchInlineSnapshot(`
      [
        [
          177556497,
          1856032742,
          1427647522,
          2284370786,
        ],
        [
          350127154,
          3915115768,
          2459156993,
          2535922407,
        ],
        [
          3969950337,
          816131025,
          1089730337,
          849140773,
        ],
      ]
    `);
  });

  it("separates seeds, streams and seed types", () => {
    const firsts = new Set<number>();
    for (const seed of [0, 1, 2, 1.5, -1, "0", "1", "a", "b", ""]) {
      for (let k = 0; k < 20; k++) firsts.add(createRandomStream(seed, k).nextUint32());
    }
    expect(firsts.size).toBe(200);
    expect(streamState(-0, 3)).toEqual(streamState(0, 3));
  });

  it("validates seed and stream index", () => {
    expect(() => createRandomStream(Number.NaN)).toThrow(MfkitError);
    expect(() => createRandomStream(1, -1)).toThrow(MfkitError);
    expect(() => createRandomStream(1, 0.5)).toThrow(MfkitError);
    expect(() => createRandomStream({} as unknown as number)).toThrow(MfkitError);
  });

  it("next() is uniform: χ² on 64 bins at 10⁶ draws below the 10⁻³ critical value (63 df)", () => {
    for (const seed of [1, "chi"]) {
      const r = createRandomStream(seed, 0);
      const counts = new Float64Array(64);
      const draws = 1_000_000;
      for (let i = 0; i < draws; i++) counts[Math.floor(r.next() * 64)]++;
      const x = chiSquare(counts, new Float64Array(64).fill(1 / 64), draws);
      expect(x).toBeLessThan(chiSquareCritical(63));
    }
  });

  it("streams 0 … 99 are pairwise uncorrelated: |corr| < 5/√n with n = 10⁴ draws each", () => {
    // Under independence corr·√n is ≈ N(0, 1): P(|Z| > 5) ≈ 5.7e-7 per pair, < 3e-3 over the 4950 pairs.
    const n = 10_000;
    const streams = 100;
    const data: Float64Array[] = [];
    for (let k = 0; k < streams; k++) {
      const r = createRandomStream(2026, k);
      const x = new Float64Array(n);
      let mean = 0;
      for (let i = 0; i < n; i++) mean += x[i] = r.next();
      mean /= n;
      let norm = 0;
      for (let i = 0; i < n; i++) norm += (x[i] -= mean) ** 2;
      const inv = 1 / Math.sqrt(norm);
      for (let i = 0; i < n; i++) x[i] *= inv;
      data.push(x);
    }
    let worst = 0;
    for (let a = 0; a < streams; a++) {
      for (let b = a + 1; b < streams; b++) {
        let c = 0;
        const xa = data[a]!;
        const xb = data[b]!;
        for (let i = 0; i < n; i++) c += xa[i] * xb[i];
        worst = Math.max(worst, Math.abs(c));
      }
    }
    expect(worst).toBeLessThan(5 / Math.sqrt(n));
    expect(worst).toBeGreaterThan(0);
  });

  it("nextInt is unbiased where modulo reduction would not be (n = 3·2³⁰ and 3·2⁵⁰), and χ²-uniform for n = 7", () => {
    const r = createRandomStream(5, 1);
    const draws = 100_000;
    // Reducing a 32-bit word mod 3·2³⁰ would put half the mass below 2³⁰; the unbiased answer is 1/3.
    // Standard error √(2/9/10⁵) ≈ 1.5e-3; accept within 5 standard errors.
    for (const [n, low] of [
      [3 * 2 ** 30, 2 ** 30],
      [3 * 2 ** 50, 2 ** 50],
    ] as const) {
      let below = 0;
      let outOfRange = 0;
      for (let i = 0; i < draws; i++) {
        const v = r.nextInt(n);
        if (!(Number.isInteger(v) && v >= 0 && v < n)) outOfRange++;
        if (v < low) below++;
      }
      expect(outOfRange).toBe(0);
      expect(Math.abs(below / draws - 1 / 3)).toBeLessThan(5 * Math.sqrt(2 / 9 / draws));
    }
    const counts = new Float64Array(7);
    for (let i = 0; i < 700_000; i++) counts[r.nextInt(7)]++;
    expect(chiSquare(counts, new Float64Array(7).fill(1 / 7), 700_000)).toBeLessThan(chiSquareCritical(6));
    expect(r.nextInt(1)).toBe(0);
    expect(() => r.nextInt(0)).toThrow(MfkitError);
    expect(() => r.nextInt(2.5)).toThrow(MfkitError);
    expect(() => r.nextInt(2 ** 54)).toThrow(MfkitError);
  });

  it("nextNormal has the normal shape: χ² on 50 equiprobable bins (edges Φ⁻¹(k/50)) at 10⁶ draws, 10⁻³", () => {
    const edges = Array.from({ length: 49 }, (_, k) => normalQuantile((k + 1) / 50));
    const r = createRandomStream("shape", 1);
    const counts = new Float64Array(50);
    const draws = 1_000_000;
    for (let i = 0; i < draws; i++) {
      const z = r.nextNormal();
      let lo = 0;
      let hi = 49;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (z < edges[mid]!) hi = mid;
        else lo = mid + 1;
      }
      counts[lo]++;
    }
    expect(chiSquare(counts, new Float64Array(50).fill(1 / 50), draws)).toBeLessThan(chiSquareCritical(49));
  });

  it("nextNormal: mean, variance and P(|Z| < 1.96) within 4 standard errors at 10⁶ draws", () => {
    const r = createRandomStream("normal", 0);
    const n = 1_000_000;
    let s = 0;
    let s2 = 0;
    let inside = 0;
    for (let i = 0; i < n; i++) {
      const z = r.nextNormal();
      s += z;
      s2 += z * z;
      if (Math.abs(z) < 1.959963984540054) inside++;
    }
    const mean = s / n;
    const variance = (s2 - n * mean * mean) / (n - 1);
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(n)); // SE of the mean: 1/√n
    expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(2 / n)); // SE of s²: √(2/n)
    expect(Math.abs(inside / n - 0.95)).toBeLessThan(4 * Math.sqrt((0.95 * 0.05) / n));
  });
});
