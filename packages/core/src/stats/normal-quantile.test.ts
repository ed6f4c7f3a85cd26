import { describe, expect, it } from "vitest";
import { MfkitError } from "../errors.js";
import { logNormalCdf, normalCdf, normalQuantile } from "./normal-quantile.js";

// Reference quantiles and CDF values (17 significant digits, from tables computed in high precision).
const quantiles: [number, number][] = [
  [0.5, 0],
  [0.975, 1.959963984540054],
  [0.95, 1.6448536269514722],
  [0.995, 2.5758293035489004],
  [0.9, 1.2815515655446004],
  [0.999, 3.090232306167813],
  [0.8413447460685429, 1],
  [1e-10, -6.361340902404056],
  [1e-20, -9.26234008979841],
];

describe("normalQuantile", () => {
  it("matches known quantiles to 1e-12 (|err| < 1e-9 required)", () => {
    for (const [p, x] of quantiles) expect(Math.abs(normalQuantile(p) - x)).toBeLessThan(1e-12);
  });

  it("is odd around ½ and inverts Φ across the range", () => {
    for (const p of [1e-15, 1e-8, 0.001, 0.02, 0.1, 0.3, 0.49]) {
      // 1 − p is rounded; the symmetry holds for the p that 1 − (1 − p) gives back.
      const q = 1 - (1 - p);
      expect(normalQuantile(1 - p)).toBe(-normalQuantile(q));
    }
    for (const p of [1e-300, 1e-50, 1e-15, 1e-8, 0.001, 0.02, 0.1, 0.3, 0.49]) {
      const x = normalQuantile(p);
      expect(Math.abs(normalCdf(x) - p) / p).toBeLessThan(1e-12);
    }
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
  });

  it("computes Φ with small relative error in the tails", () => {
    expect(Math.abs(normalCdf(-3) / 0.00134989803163009 - 1)).toBeLessThan(1e-12);
    expect(Math.abs(normalCdf(-10) / 7.61985302416052e-24 - 1)).toBeLessThan(1e-13);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 15);
    expect(normalCdf(0)).toBe(0.5);
  });

  it("log Φ follows the asymptotic expansion far in the lower tail, where Φ itself underflows", () => {
    // log Φ(x) = −x²/2 − log(−x) − log √(2π) + log(1 − 1/x² + 3/x⁴ − 15/x⁶ + 105/x⁸ − 945/x¹⁰ + …) for x → −∞;
    // at x = −40 the first omitted term is 10395/x¹² ≈ 2.5e-16.
    const asymptotic = (x: number) => {
      const u = 1 / (x * x);
      const series = 1 - u * (1 - 3 * u * (1 - 5 * u * (1 - 7 * u * (1 - 9 * u))));
      return -0.5 * x * x - Math.log(-x) - 0.5 * Math.log(2 * Math.PI) + Math.log(series);
    };
    for (const x of [-40, -1e3, -1e6, -1e100]) {
      const expected = asymptotic(x);
      expect(Math.abs(logNormalCdf(x) - expected) / Math.abs(expected)).toBeLessThan(1e-14);
    }
    expect(normalCdf(-40)).toBe(Math.exp(logNormalCdf(-40)));
    expect(logNormalCdf(Number.NaN)).toBeNaN();
  });

  it("rejects p outside [0, 1]", () => {
    expect(() => normalQuantile(1.5)).toThrow(MfkitError);
    expect(() => normalQuantile(Number.NaN)).toThrow(MfkitError);
  });
});
