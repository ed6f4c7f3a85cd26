import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Dopri5Stepper } from "./dopri5.js";
import { emptyStats } from "./result.js";
import { solveOde } from "./solve.js";
import { expm2x2Apply, observedOrders, orderTestRhs, pendulumToleranceErrors } from "./test-helpers.js";
import type { OdeRhs } from "./types.js";

const last = (s: { y: Float64Array[] }) => s.y[s.y.length - 1];

describe("dopri5 against closed forms", () => {
  it.each([-10, -1, -0.1, 0.1, 1, 3])("y' = λy with λ = %d matches e^{λt}", (lambda) => {
    const tol = 1e-10;
    const sol = solveOde((_t, y, d) => void (d[0] = lambda * y[0]), [0, 2], [1], { rtol: tol, atol: tol });
    expect(sol.status).toBe("success");
    expect(sol.tReached).toBe(2);
    const exact = Math.exp(2 * lambda);
    // The absolute error is compared with the tolerance scale atol + rtol·|y|, summed over the run.
    expect(Math.abs(last(sol)[0] - exact)).toBeLessThan(20 * tol * (1 + exact));
  });

  it("harmonic oscillator: exact solution and energy over 10 periods", () => {
    const tol = 1e-10;
    const omega = 2;
    const rhs: OdeRhs = (_t, y, d) => {
      d[0] = y[1];
      d[1] = -omega * omega * y[0];
    };
    const T = 10 * ((2 * Math.PI) / omega);
    const times = Array.from({ length: 101 }, (_, i) => (i * T) / 100);
    const sol = solveOde(rhs, [0, T], [1, 0], { rtol: tol, atol: tol, evalTimes: times });
    expect(sol.status).toBe("success");
    expect(sol.t).toEqual(times);
    let maxErr = 0;
    let maxEnergyDrift = 0;
    for (let i = 0; i < times.length; i++) {
      const t = times[i];
      const [x, v] = sol.y[i];
      maxErr = Math.max(
        maxErr,
        Math.abs(x - Math.cos(omega * t)),
        Math.abs(v + omega * Math.sin(omega * t)) / omega,
      );
      maxEnergyDrift = Math.max(
        maxEnergyDrift,
        Math.abs(0.5 * v * v + 0.5 * omega * omega * x * x - 0.5 * omega * omega),
      );
    }
    expect(maxErr).toBeLessThan(1e-8);
    expect(maxEnergyDrift).toBeLessThan(1e-8);
  });

  it("logistic equation matches K·y0·e^{rt} / (K + y0(e^{rt} − 1))", () => {
    const r = 1.5;
    const K = 10;
    const y0 = 0.1;
    const exact = (t: number) => (K * y0 * Math.exp(r * t)) / (K + y0 * (Math.exp(r * t) - 1));
    const times = [0, 0.5, 1, 2.5, 3.2, 5, 8];
    const sol = solveOde((_t, y, d) => void (d[0] = r * y[0] * (1 - y[0] / K)), [0, 8], [y0], {
      evalTimes: times,
    });
    expect(sol.status).toBe("success");
    for (let i = 0; i < times.length; i++) {
      const e = exact(times[i]);
      expect(Math.abs(sol.y[i][0] - e) / e).toBeLessThan(1e-7);
    }
  });

  it("2×2 rotation with decay matches the matrix exponential", () => {
    const a = 0.3;
    const w = 4;
    const A = [-a, -w, w, -a];
    const rhs: OdeRhs = (_t, y, d) => {
      d[0] = A[0] * y[0] + A[1] * y[1];
      d[1] = A[2] * y[0] + A[3] * y[1];
    };
    const times = [0.1, 0.7, 1.9, 4.2, 7.5, 10];
    const sol = solveOde(rhs, [0, 10], [1, -0.5], { rtol: 1e-10, atol: 1e-12, evalTimes: times });
    for (let i = 0; i < times.length; i++) {
      const t = times[i];
      // Independent of the helper: e^{−at}·R(wt)·y0.
      const c = Math.cos(w * t);
      const s = Math.sin(w * t);
      const e = Math.exp(-a * t);
      const x = e * (c * 1 - s * -0.5);
      const v = e * (s * 1 + c * -0.5);
      expect(Math.abs(sol.y[i][0] - x)).toBeLessThan(1e-9);
      expect(Math.abs(sol.y[i][1] - v)).toBeLessThan(1e-9);
      const [hx, hv] = expm2x2Apply(A, t, [1, -0.5]);
      expect(Math.abs(hx - x) + Math.abs(hv - v)).toBeLessThan(1e-13);
    }
  });

  it("global error decreases in proportion to the tolerance", () => {
    // With local extrapolation the step is h ∝ tol^{1/5} and the propagated fifth-order solution has
    // global error ∝ h^5 ∝ tol: each 100× tighter tolerance divides the error by about 100 (factor 2 slack
    // for the pre-asymptotic constants; measured 129 and 103).
    const errors = pendulumToleranceErrors("dopri5");
    for (let i = 0; i + 1 < errors.length; i++) {
      const ratio = errors[i] / errors[i + 1];
      expect(ratio).toBeGreaterThan(50);
      expect(ratio).toBeLessThan(200);
    }
    expect(errors[2]).toBeLessThan(1e-7);
  });
});

describe("dopri5 coefficients", () => {
  // Any wrong digit in the tableau, the error weights or the dense-output coefficients lowers these orders.
  const orders = observedOrders(
    () => new Dopri5Stepper(orderTestRhs, 2, new Float64Array([1, 1]), 1e-300, emptyStats()),
    0.2,
  );

  it("fixed steps converge with order 5", () => {
    for (const p of orders.global) {
      expect(p).toBeGreaterThan(4.5);
      expect(p).toBeLessThan(5.7);
    }
  });

  it("the embedded error estimate is O(h^5) per step and the dense output O(h^5) inside a step", () => {
    expect(orders.estimate).toBeGreaterThan(4.5);
    expect(orders.estimate).toBeLessThan(5.5);
    expect(orders.dense).toBeGreaterThan(4.5);
    expect(orders.dense).toBeLessThan(5.5);
  });
});

describe("dopri5 dense output", () => {
  const w = 3;
  const rhs: OdeRhs = (_t, y, d) => {
    d[0] = y[1];
    d[1] = -w * w * y[0];
  };

  it("values between steps match the exact solution to the tolerance", () => {
    const tol = 1e-9;
    const times = Array.from({ length: 500 }, (_, i) => (i * 10) / 499);
    const sol = solveOde(rhs, [0, 10], [0, w], { rtol: tol, atol: tol, evalTimes: times });
    // Nearly every requested time falls strictly inside a step, so it comes from the interpolant.
    const stepTimes = new Set(solveOde(rhs, [0, 10], [0, w], { rtol: tol, atol: tol }).t);
    expect(times.filter((t) => !stepTimes.has(t)).length).toBeGreaterThan(495);
    let maxErr = 0;
    for (let i = 0; i < times.length; i++)
      maxErr = Math.max(maxErr, Math.abs(sol.y[i][0] - Math.sin(w * times[i])));
    expect(maxErr).toBeLessThan(50 * tol);
  });

  it("output does not depend on whether evalTimes coincide with step boundaries", () => {
    const opts = { rtol: 1e-8, atol: 1e-8 };
    const steps = solveOde(rhs, [0, 10], [0, w], opts); // default: every accepted step
    const between = [0.123, 1.5, 2.7, 6.02, 9.99];
    const mixed = [...steps.t, ...between].sort((a, b) => a - b);
    const a = solveOde(rhs, [0, 10], [0, w], { ...opts, evalTimes: between });
    const b = solveOde(rhs, [0, 10], [0, w], { ...opts, evalTimes: mixed });
    // Output times never change the step sequence, so the interpolated values are bit-identical…
    for (let i = 0; i < between.length; i++) {
      const j = b.t.indexOf(between[i]);
      expect(Array.from(b.y[j])).toEqual(Array.from(a.y[i]));
      expect(Math.abs(a.y[i][0] - Math.sin(w * between[i]))).toBeLessThan(1e-6);
    }
    // …and evalTimes on step boundaries give the step values themselves.
    for (let i = 0; i < steps.t.length; i++) {
      const j = b.t.indexOf(steps.t[i]);
      expect(Array.from(b.y[j])).toEqual(Array.from(steps.y[i]));
    }
    expect(b.stats).toEqual(steps.stats);
  });

  it("evalTimes may repeat and include both ends", () => {
    const times = [0, 0, 2.5, 2.5, 10, 10];
    const sol = solveOde(rhs, [0, 10], [0, w], { evalTimes: times });
    expect(sol.t).toEqual(times);
    expect(Array.from(sol.y[0])).toEqual([0, w]);
    expect(Array.from(sol.y[2])).toEqual(Array.from(sol.y[3]));
    expect(sol.y[2]).not.toBe(sol.y[3]);
  });
});

describe("dopri5 property: random stable linear 2×2 systems", () => {
  it("matches exp(At)·y0 to 1e-9 at rtol = atol = 1e-10", () => {
    const coef = fc.double({ min: -1, max: 1, noNaN: true });
    fc.assert(
      fc.property(
        fc.tuple(coef, coef, coef, coef),
        fc.double({ min: 0.05, max: 3, noNaN: true }),
        fc.double({ min: -0.5, max: 0.5, noNaN: true }),
        fc.tuple(coef, coef),
        fc.double({ min: 0.5, max: 20, noNaN: true }),
        ([m11, m12, m21, m22], shift, skew, [u, v], T) => {
          // A = −(MᵀM + shift·I) + skew·[[0, 1], [−1, 0]]: symmetric negative definite plus a small skew part,
          // so A + Aᵀ < 0 and the flow contracts: local errors do not grow, and the global error stays within
          // a small multiple of the tolerance (10×; the worst of these runs is 7e-11).
          const s11 = m11 * m11 + m21 * m21 + shift;
          const s12 = m11 * m12 + m21 * m22;
          const s22 = m12 * m12 + m22 * m22 + shift;
          const A = [-s11, -s12 + skew, -s12 - skew, -s22];
          const rhs: OdeRhs = (_t, y, d) => {
            d[0] = A[0] * y[0] + A[1] * y[1];
            d[1] = A[2] * y[0] + A[3] * y[1];
          };
          const times = [T / 3, T / 2, T];
          const sol = solveOde(rhs, [0, T], [u, v], { rtol: 1e-10, atol: 1e-10, evalTimes: times });
          if (sol.status !== "success") return false;
          for (let i = 0; i < times.length; i++) {
            const [x, y] = expm2x2Apply(A, times[i], [u, v]);
            if (Math.abs(sol.y[i][0] - x) > 1e-9 || Math.abs(sol.y[i][1] - y) > 1e-9) return false;
          }
          return true;
        },
      ),
      { seed: 20261121, numRuns: 200 },
    );
  });
});
