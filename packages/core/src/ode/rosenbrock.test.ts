import { describe, expect, it } from "vitest";
import { emptyStats } from "./result.js";
import { RosenbrockStepper } from "./rosenbrock.js";
import { solveOde } from "./solve.js";
import { expm2x2Apply, observedOrders, orderTestRhs, pendulumToleranceErrors } from "./test-helpers.js";
import type { OdeJacobian, OdeRhs } from "./types.js";

const last = (s: { y: Float64Array[] }) => s.y[s.y.length - 1];

describe("rosenbrock (RODAS4) against closed forms", () => {
  it.each([-1e6, -1e3, -1, -0.1, 0.5, 2])("y' = λy with λ = %d", (lambda) => {
    const tol = 1e-9;
    const sol = solveOde((_t, y, d) => void (d[0] = lambda * y[0]), [0, 2], [1], {
      method: "rosenbrock",
      rtol: tol,
      atol: 1e-14,
    });
    expect(sol.status).toBe("success");
    const exact = Math.exp(2 * lambda);
    expect(Math.abs(last(sol)[0] - exact)).toBeLessThan(50 * tol * exact + 1e-13);
    if (lambda < -100) {
      // Stiff: once the transient is resolved the steps grow far beyond the explicit limit ~3/|λ|.
      let maxStep = 0;
      for (let i = 1; i < sol.t.length; i++) maxStep = Math.max(maxStep, sol.t[i] - sol.t[i - 1]);
      expect(maxStep).toBeGreaterThan(100 / -lambda);
    }
  });

  it("stiff non-autonomous Prothero–Robinson problem y' = λ(y − cos t) − sin t keeps y = cos t", () => {
    // Exercises the ∂f/∂t terms: with them omitted the method loses order on this problem.
    const lambda = -1e5;
    const rhs: OdeRhs = (t, y, d) => void (d[0] = lambda * (y[0] - Math.cos(t)) - Math.sin(t));
    const times = [0.3, 1, 2.2, 5];
    const sol = solveOde(rhs, [0, 5], [1], {
      method: "rosenbrock",
      rtol: 1e-8,
      atol: 1e-10,
      evalTimes: times,
    });
    expect(sol.status).toBe("success");
    for (let i = 0; i < times.length; i++)
      expect(Math.abs(sol.y[i][0] - Math.cos(times[i]))).toBeLessThan(1e-7);
  });

  it("linear 2×2 system (stiff + oscillatory) matches the matrix exponential, with exact or FD Jacobian", () => {
    const A = [-1000, 1, -2, -0.5];
    const rhs: OdeRhs = (_t, y, d) => {
      d[0] = A[0] * y[0] + A[1] * y[1];
      d[1] = A[2] * y[0] + A[3] * y[1];
    };
    const jacobian: OdeJacobian = (_t, _y, j) => j.set(A);
    const times = [0.001, 0.01, 0.5, 3, 10];
    for (const jac of [undefined, jacobian]) {
      const sol = solveOde(rhs, [0, 10], [1, 1], {
        method: "rosenbrock",
        rtol: 1e-10,
        atol: 1e-12,
        evalTimes: times,
        jacobian: jac,
        autonomous: true,
      });
      expect(sol.status).toBe("success");
      for (let i = 0; i < times.length; i++) {
        const [x, y] = expm2x2Apply(A, times[i], [1, 1]);
        expect(Math.abs(sol.y[i][0] - x)).toBeLessThan(1e-9);
        expect(Math.abs(sol.y[i][1] - y)).toBeLessThan(1e-9);
      }
      if (jac) {
        expect(sol.stats.rhsEvals).toBe(1 + 1 + 5 * sol.stats.steps + sol.stats.accepted);
      } else {
        // Each accepted state costs n = 2 extra evaluations for its finite-difference Jacobian.
        expect(sol.stats.rhsEvals).toBe(1 + 1 + 5 * sol.stats.steps + 3 * sol.stats.accepted);
      }
      expect(sol.stats.jacobianEvals).toBe(sol.stats.accepted);
      expect(sol.stats.decompositions).toBe(sol.stats.steps);
    }
  });

  it("logistic equation with default tolerances", () => {
    const r = 2;
    const exact = (t: number) => 1 / (1 + 99 * Math.exp(-r * t));
    const sol = solveOde((_t, y, d) => void (d[0] = r * y[0] * (1 - y[0])), [0, 10], [0.01], {
      method: "rosenbrock",
      evalTimes: [1, 2.5, 4, 10],
    });
    for (let i = 0; i < sol.t.length; i++) expect(Math.abs(sol.y[i][0] - exact(sol.t[i]))).toBeLessThan(1e-7);
  });

  it("global error decreases in proportion to the tolerance", () => {
    // The estimate k6 is O(h^4), so h ∝ tol^{1/4} and the fourth-order solution has global error ∝ h^4 ∝ tol:
    // each 100× tighter tolerance divides the error by about 100 (factor 2 slack; measured 127 and 115).
    const errors = pendulumToleranceErrors("rosenbrock");
    for (let i = 0; i + 1 < errors.length; i++) {
      const ratio = errors[i] / errors[i + 1];
      expect(ratio).toBeGreaterThan(50);
      expect(ratio).toBeLessThan(200);
    }
    expect(errors[2]).toBeLessThan(1e-7);
  });
});

describe("RODAS4 coefficients", () => {
  // Non-autonomous problem with the finite-difference Jacobian and ∂f/∂t.
  const orders = observedOrders(
    () => new RosenbrockStepper(orderTestRhs, 2, new Float64Array([1e-12, 1e-12]), 1e-12, emptyStats()),
    0.1,
  );

  it("fixed steps converge with order 4", () => {
    for (const p of orders.global) {
      expect(p).toBeGreaterThan(3.6);
      expect(p).toBeLessThan(4.5);
    }
  });

  it("error estimate O(h^4) per step; dense output O(h^4) inside a step", () => {
    expect(orders.estimate).toBeGreaterThan(3.5);
    expect(orders.estimate).toBeLessThan(4.5);
    expect(orders.dense).toBeGreaterThan(3.5);
    expect(orders.dense).toBeLessThan(4.5);
  });
});

describe("Van der Pol, μ = 1000 (stiff relaxation oscillation)", () => {
  // Standard form x'' − μ(1 − x²)x' + x = 0 as used for vdp1000: y1' = y2, y2' = μ(1 − y1²)y2 − y1.
  const mu = 1000;
  const rhs: OdeRhs = (_t, y, d) => {
    d[0] = y[1];
    d[1] = mu * (1 - y[0] * y[0]) * y[1] - y[0];
  };
  const jacobian: OdeJacobian = (_t, y, j) => {
    j[0] = 0;
    j[1] = 1;
    j[2] = -2 * mu * y[0] * y[1] - 1;
    j[3] = mu * (1 - y[0] * y[0]);
  };

  /** Downward zero crossings of y1, linearly interpolated between output points. */
  const downCrossings = (sol: { t: number[]; y: Float64Array[] }) => {
    const out: number[] = [];
    for (let i = 1; i < sol.t.length; i++) {
      const a = sol.y[i - 1][0];
      const b = sol.y[i][0];
      if (a > 0 && b <= 0) out.push(sol.t[i - 1] + ((sol.t[i] - sol.t[i - 1]) * a) / (a - b));
    }
    return out;
  };

  it("rosenbrock at rtol = atol = 1e-8: few steps, right end state and period", () => {
    const sol = solveOde(rhs, [0, 3000], [2, 0], { method: "rosenbrock", rtol: 1e-8, atol: 1e-8 });
    expect(sol.status).toBe("success");
    expect(sol.stats.steps).toBeLessThan(5000); // measured: 2974

    const ref = solveOde(rhs, [0, 3000], [2, 0], {
      method: "rosenbrock",
      jacobian,
      autonomous: true,
      rtol: 1e-12,
      atol: 1e-12,
      maxSteps: 1_000_000,
    });
    expect(ref.status).toBe("success");
    const y = last(sol);
    const yr = last(ref);
    expect(Math.abs(y[0] - yr[0])).toBeLessThan(1e-6);
    expect(Math.abs(y[1] - yr[1])).toBeLessThan(1e-6);

    // Relaxation period: T ≈ μ(3 − 2 ln 2) + 3·2.338·μ^{−1/3} (the first zero of Ai is −2.338).
    const crossings = downCrossings(sol);
    expect(crossings.length).toBe(2);
    const period = crossings[1] - crossings[0];
    const asymptotic = mu * (3 - 2 * Math.log(2)) + 3 * 2.338 * mu ** (-1 / 3);
    expect(Math.abs(period / asymptotic - 1)).toBeLessThan(0.01);
  });

  it("dopri5 is hopelessly slow there: it stops with max-steps, far from t1", () => {
    const sol = solveOde(rhs, [0, 3000], [2, 0], { method: "dopri5" });
    expect(sol.status).toBe("max-steps");
    expect(sol.stats.steps).toBe(100_000);
    expect(sol.tReached).toBeLessThan(1000);
    expect(sol.message).toContain(`t = ${sol.tReached}`);
  });
});

describe("Robertson's chemical kinetics (stiff)", () => {
  const rhs: OdeRhs = (_t, y, d) => {
    const r1 = 0.04 * y[0];
    const r2 = 1e4 * y[1] * y[2];
    const r3 = 3e7 * y[1] * y[1];
    d[0] = -r1 + r2;
    d[1] = r1 - r2 - r3;
    d[2] = r3;
  };

  it("conserves mass and matches the published values at t = 40", () => {
    const times = Array.from({ length: 41 }, (_, i) => i);
    const sol = solveOde(rhs, [0, 40], [1, 0, 0], {
      method: "rosenbrock",
      rtol: 1e-10,
      atol: new Float64Array([1e-14, 1e-18, 1e-14]),
      evalTimes: times,
    });
    expect(sol.status).toBe("success");
    // Mass y1 + y2 + y3 is a linear invariant (eᵀf ≡ 0, so every forward-difference Jacobian column sums to 0
    // too): a Rosenbrock method keeps it up to rounding (measured 2.5e-14 here and over 11 000 steps to 1e11).
    for (const y of sol.y) expect(Math.abs(y[0] + y[1] + y[2] - 1)).toBeLessThan(1e-12);
    const y = last(sol);
    const published = [0.7158270687, 9.185534764e-6, 0.2841637458];
    for (let i = 0; i < 3; i++) expect(Math.abs(y[i] / published[i] - 1)).toBeLessThan(1e-6);
  });

  it("reaches t = 1e11 and matches the IVP test set reference (Mazzia & Magherini) there", () => {
    const atol = new Float64Array([1e-14, 1e-18, 1e-14]);
    const sol = solveOde(rhs, [0, 1e11], [1, 0, 0], { method: "rosenbrock", rtol: 1e-10, atol });
    expect(sol.status).toBe("success");
    for (const y of sol.y) {
      expect(Math.abs(y[0] + y[1] + y[2] - 1)).toBeLessThan(1e-12);
      expect(y[1]).toBeGreaterThan(-1e-18);
    }
    const y = last(sol);
    const reference = [0.2083340149701255e-7, 0.8333360770334713e-13, 0.999999979166505];
    for (let i = 0; i < 3; i++) expect(Math.abs(y[i] / reference[i] - 1)).toBeLessThan(1e-5);
    // Late-time asymptotics, independent of the table: y1 ≈ 1/(4.8e-4·t), y2 ≈ 4e-6·y1.
    expect(Math.abs(y[0] * 4.8e-4 * 1e11 - 1)).toBeLessThan(1e-3);
    expect(Math.abs(y[1] / (4e-6 * y[0]) - 1)).toBeLessThan(1e-3);
  });
});
