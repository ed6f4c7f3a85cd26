import { describe, expect, it } from "vitest";
import { captureMfkitError } from "../errors.js";
import { evenlySpacedTimes, solveLimitOde } from "./limit-ode.js";
import type { SlowFastModel } from "./slow-fast-model.js";

/** Drift F(x) = p − x (the average of e − x over e ~ Bernoulli(p)); the fast-state methods are not used. */
const p = 0.3;
const model: SlowFastModel<null> = {
  dim: 1,
  createFastState: () => null,
  initFastState: () => {},
  advanceFastState: () => {},
  applyIncrement: () => {},
  drift: (x, out) => void (out[0] = p - x[0]!),
};

describe("solveLimitOde", () => {
  it("solves dx/dτ = F(x) on the rescaled clock and dx/dt = ε·F(x) on the iteration clock", () => {
    const x0 = 0.9;
    const epsilon = 0.01;
    const exact = (tau: number) => p + (x0 - p) * Math.exp(-tau);
    const rescaled = solveLimitOde(model, [x0], { referenceRate: epsilon, horizon: 3 });
    expect(rescaled.t).toEqual(evenlySpacedTimes(3));
    for (let i = 0; i < rescaled.t.length; i++) {
      expect(Math.abs(rescaled.y[i]![0]! - exact(rescaled.t[i]!))).toBeLessThan(1e-8);
    }
    const iterations = solveLimitOde(model, [x0], {
      clock: "iterations",
      referenceRate: epsilon,
      horizon: 300,
      evalTimes: [0, 100, 300],
    });
    expect(iterations.t).toEqual([0, 100, 300]);
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(iterations.y[i]![0]! - exact(epsilon * iterations.t[i]!))).toBeLessThan(1e-8);
    }
  });

  it("evenlySpacedTimes ends exactly at the horizon", () => {
    const times = evenlySpacedTimes(0.7, 11);
    expect(times).toHaveLength(11);
    expect(times[0]).toBe(0);
    expect(times[10]).toBe(0.7);
    for (let k = 1; k < 11; k++) expect(times[k]! - times[k - 1]!).toBeCloseTo(0.07, 15);
  });

  it("refuses a bad horizon, rate or initial point", () => {
    const bad = (run: () => unknown) => {
      const error = captureMfkitError(run);
      return [error.code, error.path];
    };
    expect(bad(() => solveLimitOde(model, [0], { referenceRate: 0.1, horizon: 0 }))).toEqual([
      "invalid-argument",
      ["horizon"],
    ]);
    expect(bad(() => solveLimitOde(model, [0], { referenceRate: 0, horizon: 1 }))).toEqual([
      "invalid-argument",
      ["referenceRate"],
    ]);
    expect(bad(() => solveLimitOde(model, [0, 1], { referenceRate: 0.1, horizon: 1 }))).toEqual([
      "invalid-shape",
      ["x0"],
    ]);
  });
});
