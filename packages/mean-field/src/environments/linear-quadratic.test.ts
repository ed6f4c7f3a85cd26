import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createLinearQuadratic, roundHalfEven } from "./linear-quadratic.js";
import { checkKernelAt, kernelRow, meanFieldArbitrary, productField, rewards } from "./test-support.js";

describe("linear_quadratic", () => {
  const game = createLinearQuadratic();
  // All mass at x = 2 (index 7): m_t = 2.
  const mu = new Array(11).fill(0);
  mu[7] = 1;
  const L = productField(game, mu);

  it("has MFGLib's shapes and defaults", () => {
    expect(game.horizon).toBe(3);
    expect([game.nStates, game.nActions]).toEqual([11, 5]);
    expect(game.mu0[0]).toBe(1 / 11);
  });

  it("rounds half to even", () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4, -2.6].map(roundHalfEven)).toEqual([
      0, 2, 2, -0, -2, -2, 2, -3,
    ]);
  });

  it("transitions: σ enters twice (jumps 9j·√0.1, weights ∝ exp(−9j²/2))", () => {
    // x = 0, u = 1, m_t = 2: drift 0 + (2 + 1)·0.1 = 0.3; jumps ±2.846, ±5.692, ±8.538.
    const row = kernelRow(game, 0, L, 5, 3);
    const w0 = 0.9782648877002003;
    const w1 = 0.010867541250945523;
    const w23 = 1.4898954424637624e-8 + 2.5207510040181903e-18;
    expect(row[5]).toBeCloseTo(w0, 15); // x' = 0
    expect(row[8]).toBeCloseTo(w1, 15); // round(3.146) = 3
    expect(row[2]).toBeCloseTo(w1, 15); // round(−2.546) = −3
    expect(row[10]).toBeCloseTo(w23, 20); // clipped at 5
    expect(row[0]).toBeCloseTo(w23, 20); // clipped at −5
  });

  it("uses half-even rounding at exact halves", () => {
    // σ = 0: no jumps; k = 0, δ = 0.5: x' = round(x + u/2).
    const flat = createLinearQuadratic({ sigma: 0, k: 0, delta: 0.5, m: 1, el: 3 });
    const Lf = productField(flat, new Array(7).fill(1 / 7));
    expect(kernelRow(flat, 0, Lf, 3, 2)[3]).toBeCloseTo(1, 15); // 0.5 → 0
    expect(kernelRow(flat, 0, Lf, 4, 2)[5]).toBeCloseTo(1, 15); // 1.5 → 2
    expect(kernelRow(flat, 0, Lf, 5, 2)[5]).toBeCloseTo(1, 15); // 2.5 → 2
    expect(kernelRow(flat, 0, Lf, 3, 0)[3]).toBeCloseTo(1, 15); // −0.5 → 0
  });

  it("rewards match the hand computation", () => {
    const r = rewards(game, 0, L);
    // x = 0, u = 1, gap 2: 0.1·(−0.5 + 0.01·2 − 0.25·4) = −0.148.
    expect(r[5 * 5 + 3]).toBeCloseTo(-0.148, 15);
    // x = −5, u = −2, gap 7: 0.1·(−2 − 0.14 − 12.25) = −1.439.
    expect(r[0 * 5 + 0]).toBeCloseTo(-1.439, 14);
    const terminal = rewards(game, 3, L);
    expect(terminal[5 * 5 + 3]).toBeCloseTo(-2, 15); // −½·4
    expect(terminal[0]).toBeCloseTo(-24.5, 14); // −½·49
  });

  it("rows sum to 1 at random mean fields", () => {
    const mild = createLinearQuadratic({ sigma: 0.7, k: -0.5 });
    fc.assert(
      fc.property(meanFieldArbitrary(55), (L) => {
        checkKernelAt(game, L);
        checkKernelAt(mild, L);
      }),
      { seed: 81, numRuns: 40 },
    );
  });
});
