import { describe, expect, it } from "vitest";
import { logFactorial, logFactorialDifference } from "./log-factorial.js";

describe("log factorials", () => {
  it("equal the direct sum Σ ln j up to 2·10^5 (table and Stirling branches)", () => {
    let sum = 0;
    for (let k = 1; k <= 200_000; k++) {
      sum += Math.log(k);
      // The running sum carries ~k·ulp of rounding; compare relatively.
      if (k < 300 || k % 997 === 0) expect(Math.abs(logFactorial(k) - sum)).toBeLessThanOrEqual(1e-13 * sum);
    }
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(1)).toBe(0);
  });

  it("differences stay exact for huge, close arguments", () => {
    // ln((n+1)!/n!) = ln(n+1) and ln((n+3)!/n!) = ln((n+1)(n+2)(n+3)), even at n = 10^12.
    for (const n of [300, 1e6, 1e9, 1e12]) {
      expect(Math.abs(logFactorialDifference(n + 1, n) - Math.log(n + 1))).toBeLessThan(
        1e-12 * Math.log(n + 1),
      );
      const three = Math.log(n + 1) + Math.log(n + 2) + Math.log(n + 3);
      expect(Math.abs(logFactorialDifference(n + 3, n) - three)).toBeLessThan(1e-12 * three);
    }
    expect(logFactorialDifference(10, 3)).toBeCloseTo(Math.log(10 * 9 * 8 * 7 * 6 * 5 * 4), 12);
  });
});
