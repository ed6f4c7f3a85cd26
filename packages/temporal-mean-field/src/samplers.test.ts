import { createRandomStream } from "@mfkit/core";
import { describe, expect, it } from "vitest";
import {
  binomialPmf,
  hypergeometricPmf,
  sampleBinomial,
  sampleHypergeometric,
  sampleMultinomial,
  sampleMultivariateHypergeometric,
} from "./samplers.js";
import { chiSquareGoodnessOfFit } from "./statistics.js";

const DRAWS = 20_000;
// Each χ² test is run at significance 1e-3 on a fixed seed.
const ALPHA = 1e-3;

function draws(fn: () => number, n = DRAWS): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = fn();
  return out;
}

function moments(x: Float64Array): { mean: number; variance: number } {
  let mean = 0;
  for (const v of x) mean += v;
  mean /= x.length;
  let variance = 0;
  for (const v of x) variance += (v - mean) ** 2;
  return { mean, variance: variance / (x.length - 1) };
}

describe("binomial sampler", () => {
  const cases: Array<[number, number]> = [
    [20, 0.3], // inversion
    [1_000, 0.4], // BTRS
    [1_000, 0.9], // symmetry + BTRS
    [1e9, 0.3], // BTRS at N = 1e9
    [1e9, 3e-9], // inversion, tiny mean
    [50, 0.5],
  ];
  for (const [n, p] of cases) {
    it(`Bin(${n}, ${p}) passes χ² against the exact pmf and matches the moments`, () => {
      const random = createRandomStream(11, Math.round(n * p));
      const x = draws(() => sampleBinomial(n, p, random));
      const mean = n * p;
      const sd = Math.sqrt(n * p * (1 - p));
      const lo = Math.max(0, Math.floor(mean - 8 * sd));
      const hi = Math.min(n, Math.ceil(mean + 8 * sd));
      const test = chiSquareGoodnessOfFit(x, (k) => binomialPmf(n, p, k), [lo, hi]);
      expect(test.pValue).toBeGreaterThan(ALPHA);
      const m = moments(x);
      expect(Math.abs(m.mean - mean)).toBeLessThan(4 * (sd / Math.sqrt(DRAWS)) + 1e-12);
      // Var of the sample variance ≈ 2σ⁴/(n−1) (+ kurtosis term, small); 5 SE.
      expect(Math.abs(m.variance - sd * sd)).toBeLessThan(5 * sd * sd * Math.sqrt(2 / DRAWS) + 1e-9);
    });
  }
  it("handles the degenerate cases", () => {
    const random = createRandomStream(1);
    expect(sampleBinomial(0, 0.5, random)).toBe(0);
    expect(sampleBinomial(10, 0, random)).toBe(0);
    expect(sampleBinomial(10, 1, random)).toBe(10);
  });
});

describe("hypergeometric sampler", () => {
  const cases: Array<[number, number, number]> = [
    [50, 10, 8], // inversion
    [1_000, 300, 400], // HRUA
    [1_000, 900, 700], // symmetries + HRUA
    [1e9, 3e8, 5e8], // HRUA at N = 1e9
    [1e9, 20, 1e8], // inversion, small mean
    [1e9, 7e8, 1], // B = 1
  ];
  for (const [total, good, sample] of cases) {
    it(`HG(${total}, ${good}, ${sample}) passes χ² against the exact pmf`, () => {
      const random = createRandomStream(7, good % 1000);
      const x = draws(() => sampleHypergeometric(total, good, sample, random));
      const mean = (sample * good) / total;
      const variance =
        (((sample * good) / total) * (1 - good / total) * (total - sample)) / Math.max(1, total - 1);
      const sd = Math.sqrt(variance);
      const lo = Math.max(0, Math.floor(mean - 8 * sd - 1));
      const hi = Math.min(sample, good, Math.ceil(mean + 8 * sd + 1));
      const test = chiSquareGoodnessOfFit(x, (k) => hypergeometricPmf(total, good, sample, k), [lo, hi]);
      expect(test.pValue).toBeGreaterThan(ALPHA);
      const m = moments(x);
      expect(Math.abs(m.mean - mean)).toBeLessThan(4 * (sd / Math.sqrt(DRAWS)) + 1e-12);
    });
  }
});

describe("multinomial and multivariate hypergeometric", () => {
  it("conserve totals and match the expected counts", () => {
    const random = createRandomStream(3);
    const probs = new Float64Array([0.1, 0, 0.25, 0.65]);
    const out = new Float64Array(4);
    const sums = new Float64Array(4);
    const n = 1e9;
    const reps = 2_000;
    for (let r = 0; r < reps; r++) {
      sampleMultinomial(n, probs, 0, 4, out, 0, random);
      expect(out[0] + out[1] + out[2] + out[3]).toBe(n);
      expect(out[1]).toBe(0);
      for (let i = 0; i < 4; i++) sums[i] += out[i];
    }
    for (let i = 0; i < 4; i++) {
      const se = Math.sqrt((n * probs[i] * (1 - probs[i])) / reps);
      expect(Math.abs(sums[i] / reps - n * probs[i])).toBeLessThanOrEqual(4 * se);
    }
    const counts = new Float64Array([3e8, 0, 5e8, 2e8]);
    const picked = new Float64Array(4);
    const totals = new Float64Array(4);
    for (let r = 0; r < reps; r++) {
      sampleMultivariateHypergeometric(counts, 4, 1e7, picked, random);
      expect(picked[0] + picked[1] + picked[2] + picked[3]).toBe(1e7);
      expect(picked[1]).toBe(0);
      for (let i = 0; i < 4; i++) totals[i] += picked[i];
    }
    for (let i = 0; i < 4; i++) {
      const q = counts[i] / 1e9;
      const se = Math.sqrt((1e7 * q * (1 - q) * (1 - 1e7 / 1e9)) / reps);
      expect(Math.abs(totals[i] / reps - 1e7 * q)).toBeLessThanOrEqual(4 * se + 1e-9);
    }
  });
});
