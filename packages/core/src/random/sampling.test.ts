import { describe, expect, it } from "vitest";
import { MfkitError } from "../errors.js";
import { AliasTable, createAliasTable } from "./alias-table.js";
import { createRandomStream } from "./create-random-stream.js";
import { sampleIndex, sampleNormalizedIndex } from "./sample-index.js";
import { chiSquare, chiSquareCritical } from "./stat-helpers.test-util.js";

const weights = new Float64Array([9, 0, 1, 2, 0, 3.5, 0.5, 0]); // law on offset 1 … 6 (six bins)
const law = [0, 1, 2, 0, 3.5, 0.5].map((w) => w / 7);

describe("sampleIndex", () => {
  it("draws ∝ weights: χ² at 10⁶ draws below the 10⁻³ critical value; zero bins never", () => {
    const r = createRandomStream(3, 0);
    const counts = new Float64Array(6);
    const draws = 1_000_000;
    for (let i = 0; i < draws; i++) counts[sampleIndex(weights, 1, 6, r.next())]++;
    expect(counts[0]).toBe(0);
    expect(counts[3]).toBe(0);
    expect(chiSquare(counts, law, draws)).toBeLessThan(chiSquareCritical(3));
  });

  it("is the inverse CDF, with the last-bin rounding sent to the last positive bin", () => {
    expect(sampleIndex(weights, 1, 6, 0)).toBe(1);
    expect(sampleIndex(weights, 1, 6, 1 / 7)).toBe(2);
    expect(sampleIndex(weights, 1, 6, 1 - 2 ** -53)).toBe(5);
    // u·total can round to ≥ the last cumulative sum; a trailing zero bin must not be returned.
    const w = new Float64Array([0.1, 0.2, 0.3, 0]);
    expect(sampleIndex(w, 0, 4, 1 - 2 ** -53)).toBe(2);
    expect(sampleIndex(w, 0, 4, 1)).toBe(2);
  });

  it("rejects negative, NaN and zero-total weights", () => {
    expect(() => sampleIndex(new Float64Array([1, -1]), 0, 2, 0.5)).toThrow(MfkitError);
    expect(() => sampleIndex(new Float64Array([1, Number.NaN]), 0, 2, 0.5)).toThrow(MfkitError);
    expect(() => sampleIndex(new Float64Array([0, 0]), 0, 2, 0.5)).toThrow(MfkitError);
  });
});

describe("sampleNormalizedIndex", () => {
  it("compares u with the raw cumulative sums; the last bin absorbs the rest, even at weight 0", () => {
    const w = new Float64Array([9, 0.25, 0, 0.5, 0.25]); // law on offset 1 … 4
    expect(sampleNormalizedIndex(w, 1, 4, 0)).toBe(0);
    expect(sampleNormalizedIndex(w, 1, 4, 0.25 - 2 ** -54)).toBe(0);
    expect(sampleNormalizedIndex(w, 1, 4, 0.25)).toBe(2);
    expect(sampleNormalizedIndex(w, 1, 4, 0.75)).toBe(3);
    expect(sampleNormalizedIndex(new Float64Array([0.5, 0.5, 0]), 0, 3, 0.75)).toBe(1);
    expect(sampleNormalizedIndex(new Float64Array([0.5, 0.5 - 2 ** -53, 0]), 0, 3, 1 - 2 ** -53)).toBe(2);
  });

  it("differs from sampleIndex only through the rescaling by a float sum ≠ 1", () => {
    const tenth = new Float64Array(10).fill(0.1); // Σ = 0.9999999999999999 in floating point
    expect(sampleNormalizedIndex(tenth, 0, 10, 0.1)).toBe(1);
    expect(sampleIndex(tenth, 0, 10, 0.1)).toBe(0);
    const r = createRandomStream(5, 0);
    const quarters = new Float64Array([0.25, 0.25, 0.5]); // Σ = 1 exactly: identical draws
    for (let i = 0; i < 10_000; i++) {
      const u = r.next();
      expect(sampleNormalizedIndex(quarters, 0, 3, u)).toBe(sampleIndex(quarters, 0, 3, u));
    }
  });
});

describe("AliasTable", () => {
  it("encodes the law exactly: P(i) = (keep[i] + Σ_{alias[j]=i}(1 − keep[j]))/K", () => {
    const r = createRandomStream(8, 0);
    for (let trial = 0; trial < 200; trial++) {
      const k = 1 + r.nextInt(40);
      const w = Float64Array.from({ length: k }, () =>
        r.next() < 0.3 ? 0 : r.next() * 10 ** (4 * r.next()),
      );
      if (w.every((v) => v === 0)) w[0] = 1;
      const table = createAliasTable(w);
      const total = w.reduce((a, b) => a + b, 0);
      const p = new Float64Array(k);
      for (let j = 0; j < k; j++) {
        p[j] += table.keep[j] / k;
        p[table.alias[j]] += (1 - table.keep[j]) / k;
      }
      for (let j = 0; j < k; j++) {
        expect(Math.abs(p[j] - w[j] / total)).toBeLessThan(1e-14);
        if (w[j] === 0) expect(p[j]).toBe(0);
      }
    }
  });

  it("draws ∝ weights (χ², 10⁶ draws, 10⁻³) and never a zero-weight outcome, also after a rebuild", () => {
    const table = new AliasTable(10);
    const r = createRandomStream(4, 2);
    table.build(weights, 1, 6);
    const counts = new Float64Array(6);
    const draws = 1_000_000;
    for (let i = 0; i < draws; i++) counts[table.draw(r)]++;
    expect(counts[0] + counts[3]).toBe(0);
    expect(chiSquare(counts, law, draws)).toBeLessThan(chiSquareCritical(3));
    table.build([0, 0, 1]);
    for (const u of [0, 0.3, 0.5, 0.9, 1 - 2 ** -53]) expect(table.sample(u)).toBe(2);
    expect(() => table.build([1, -1])).toThrow(MfkitError);
    expect(() => table.build(new Float64Array(11).fill(1))).toThrow(MfkitError);
  });
});
