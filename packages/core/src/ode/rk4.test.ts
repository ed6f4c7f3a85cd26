import { describe, expect, it } from "vitest";
import { solveOde } from "./solve.js";
import type { OdeRhs } from "./types.js";

// Non-autonomous nonlinear test problem with exact solution y = 1/(1 + t²)... via y' = −2t·y².
const rhs: OdeRhs = (t, y, d) => void (d[0] = -2 * t * y[0] * y[0]);
const exact = (t: number) => 1 / (1 + t * t);

describe("rk4", () => {
  it("converges with order 4: halving h divides the error by ≈ 16", () => {
    const err = (h: number) => {
      const sol = solveOde(rhs, [0, 3], [1], { method: "rk4", step: h });
      expect(sol.status).toBe("success");
      expect(sol.tReached).toBe(3);
      return Math.abs(sol.y[sol.y.length - 1][0] - exact(3));
    };
    const e1 = err(0.1);
    const e2 = err(0.05);
    const e3 = err(0.025);
    for (const ratio of [e1 / e2, e2 / e3]) {
      expect(ratio).toBeGreaterThan(12);
      expect(ratio).toBeLessThan(20);
    }
  });

  it("takes exactly ⌈span/h⌉ steps of 4 evaluations and outputs every step by default", () => {
    const sol = solveOde(rhs, [0, 1], [1], { method: "rk4", step: 0.3 });
    expect(sol.stats.steps).toBe(4);
    expect(sol.stats.rhsEvals).toBe(16);
    expect(sol.t.map((t) => Number(t.toFixed(12)))).toEqual([0, 0.3, 0.6, 0.9, 1]);
    expect(sol.t[sol.t.length - 1]).toBe(1);
  });

  it("steps exactly onto evalTimes between grid points, without moving the grid", () => {
    const times = [0, 0.05, 0.1, 0.37, 1.234, 2.999, 3];
    const sol = solveOde(rhs, [0, 3], [1], { method: "rk4", step: 0.01, evalTimes: times });
    expect(sol.t).toEqual(times);
    // 300 grid steps, plus one short extra step for each time strictly between grid points
    // (0.37 and 0.1 are grid points up to rounding and are snapped to them).
    expect(sol.stats.steps).toBe(300 + 2);
    for (let i = 0; i < times.length; i++) expect(Math.abs(sol.y[i][0] - exact(times[i]))).toBeLessThan(1e-9);
  });
});
