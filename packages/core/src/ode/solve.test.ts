import { describe, expect, it } from "vitest";
import { captureMfkitError } from "../errors.js";
import { solveOde, solveOdeOrThrow } from "./solve.js";
import { DEFAULT_ATOL, DEFAULT_RTOL, type OdeMethod, type OdeOptions, type OdeRhs } from "./types.js";

const decay: OdeRhs = (_t, y, d) => void (d[0] = -y[0]);
const square: OdeRhs = (_t, y, d) => void (d[0] = y[0] * y[0]);

describe("defaults", () => {
  it("are rtol = 1e-9, atol = 1e-10, and reach 1e-6 accuracy on a long oscillation", () => {
    expect(DEFAULT_RTOL).toBe(1e-9);
    expect(DEFAULT_ATOL).toBe(1e-10);
    // Harmonic oscillator over 100 time units (16 periods), default tolerances, both adaptive methods.
    const osc: OdeRhs = (_t, y, d) => {
      d[0] = y[1];
      d[1] = -y[0];
    };
    for (const method of ["dopri5", "rosenbrock"] as const) {
      const sol = solveOde(osc, [0, 100], [1, 0], { method, evalTimes: [100] });
      expect(Math.abs(sol.y[0][0] - Math.cos(100))).toBeLessThan(1e-6);
    }
  });
});

describe("statuses", () => {
  it.each(["dopri5", "rosenbrock"] as const)("%s: y' = y², y(0) = 1 blows up at t = 1", (method) => {
    const sol = solveOde(square, [0, 2], [1], { method });
    expect(["blow-up", "step-underflow"]).toContain(sol.status);
    expect(Math.abs(sol.tReached - 1)).toBeLessThan(1e-3);
    expect(sol.message).toContain(`t = ${sol.tReached}`);
    const err = captureMfkitError(() => solveOdeOrThrow(square, [0, 2], [1], { method }));
    expect(err.code).toBe(sol.status === "blow-up" ? "ode-blow-up" : "ode-step-underflow");
    expect(err.message).toContain(String(sol.tReached));
    expect(err.details?.tReached).toBe(sol.tReached);
    expect((err.details!.solution as { status: string }).status).toBe(sol.status);
  });

  it("blowUpThreshold stops y' = y at the first step beyond it", () => {
    for (const method of ["dopri5", "rosenbrock", "rk4"] as const) {
      const sol = solveOde((_t, y, d) => void (d[0] = y[0]), [0, 20], [1], {
        method,
        step: 0.01,
        blowUpThreshold: 1e3,
      });
      expect(sol.status).toBe("blow-up");
      expect(sol.tReached).toBeGreaterThanOrEqual(Math.log(1e3) - 1e-6);
      expect(sol.y[sol.y.length - 1][0]).toBeGreaterThan(1e3);
      expect(sol.y[sol.y.length - 2][0]).toBeLessThanOrEqual(1e3);
      expect(
        captureMfkitError(() =>
          solveOdeOrThrow((_t, y, d) => void (d[0] = y[0]), [0, 20], [1], {
            method,
            step: 0.01,
            blowUpThreshold: 1e3,
          }),
        ).code,
      ).toBe("ode-blow-up");
    }
  });

  it.each(["dopri5", "rosenbrock", "rk4"] as const)(
    "%s: a NaN-producing right-hand side gives non-finite",
    (method) => {
      const opts: OdeOptions = { method, step: 0.01 };
      const nanAlways: OdeRhs = (_t, _y, d) => void (d[0] = Number.NaN);
      const atStart = solveOde(nanAlways, [0, 1], [1], opts);
      expect(atStart.status).toBe("non-finite");
      expect(atStart.tReached).toBe(0);
      // NaN from t = 0.5 on: the solve gets close to 0.5, keeps what it did, then stops.
      const nanLater: OdeRhs = (t, y, d) => void (d[0] = t > 0.5 ? Number.NaN : -y[0]);
      const later = solveOde(nanLater, [0, 1], [1], opts);
      expect(later.status).toBe("non-finite");
      expect(later.tReached).toBeGreaterThan(0.45);
      expect(later.tReached).toBeLessThanOrEqual(0.5);
      expect(later.t[later.t.length - 1]).toBe(later.tReached);
      expect(Math.abs(later.y[later.y.length - 1][0] - Math.exp(-later.tReached))).toBeLessThan(1e-7);
      const err = captureMfkitError(() => solveOdeOrThrow(nanLater, [0, 1], [1], opts));
      expect(err.code).toBe("non-finite");
      expect(err.message).toContain(String(later.tReached));
    },
  );

  it.each(["dopri5", "rosenbrock", "rk4"] as const)(
    "%s: an already aborted signal gives interrupted at t0",
    (method) => {
      const controller = new AbortController();
      controller.abort();
      const opts: OdeOptions = { method, step: 0.1, signal: controller.signal, evalTimes: [0, 0.5, 1] };
      const sol = solveOde(decay, [0, 1], [1], opts);
      expect(sol.status).toBe("interrupted");
      expect(sol.tReached).toBe(0);
      expect(sol.t).toEqual([0]);
      expect(Array.from(sol.y[0])).toEqual([1]);
      expect(sol.stats.steps).toBe(0);
      expect(captureMfkitError(() => solveOdeOrThrow(decay, [0, 1], [1], opts)).code).toBe("interrupted");
    },
  );

  it("aborting during the solve keeps what is done", () => {
    const controller = new AbortController();
    const times = Array.from({ length: 11 }, (_, i) => i);
    const sol = solveOde(decay, [0, 10], [1], {
      evalTimes: times,
      signal: controller.signal,
      onProgress: (t) => {
        if (t > 4) controller.abort();
      },
    });
    expect(sol.status).toBe("interrupted");
    expect(sol.tReached).toBeGreaterThan(4);
    expect(sol.tReached).toBeLessThan(10);
    expect(sol.t).toEqual(times.filter((t) => t <= sol.tReached));
    for (let i = 0; i < sol.t.length; i++)
      expect(Math.abs(sol.y[i][0] - Math.exp(-sol.t[i]))).toBeLessThan(1e-8);
  });

  it("maxSteps and minStep stop with max-steps / step-underflow", () => {
    const sol = solveOde(decay, [0, 100], [1], { maxSteps: 5 });
    expect(sol.status).toBe("max-steps");
    expect(sol.stats.steps).toBe(5);
    expect(captureMfkitError(() => solveOdeOrThrow(decay, [0, 100], [1], { maxSteps: 5 })).code).toBe(
      "ode-too-many-steps",
    );
    const rk = solveOde(decay, [0, 1], [1], { method: "rk4", step: 0.01, maxSteps: 10 });
    expect(rk.status).toBe("max-steps");
    expect(rk.tReached).toBeCloseTo(0.1, 12);
    const under = solveOde((_t, y, d) => void (d[0] = -1000 * y[0]), [0, 1], [1], { minStep: 0.1 });
    expect(under.status).toBe("step-underflow");
  });

  it("onProgress sees every accepted step, increasing to t1", () => {
    const seen: number[] = [];
    const sol = solveOde(decay, [0, 3], [1], { onProgress: (t) => seen.push(t) });
    expect(seen.length).toBe(sol.stats.accepted);
    expect(seen[seen.length - 1]).toBe(3);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]);
  });

  it.each(["dopri5", "rosenbrock", "rk4"] as const)(
    "%s: t1 = t0 returns the initial point",
    (method: OdeMethod) => {
      const sol = solveOde(decay, [2, 2], [3], { method, step: 0.1 });
      expect(sol.status).toBe("success");
      expect(sol.t).toEqual([2]);
      expect(Array.from(sol.y[0])).toEqual([3]);
    },
  );

  it("does not modify y0 and hands the right-hand side its own arrays", () => {
    const y0 = [1, 2];
    const seen = new Set<unknown>();
    solveOde(
      (_t, y, d) => {
        seen.add(y);
        d[0] = -y[0];
        d[1] = -y[1];
      },
      [0, 1],
      y0,
    );
    expect(y0).toEqual([1, 2]);
    expect(seen.has(y0)).toBe(false);
  });

  it("solveOdeOrThrow returns the solution on success", () => {
    const sol = solveOdeOrThrow(decay, [0, 1], [1]);
    expect(sol.status).toBe("success");
    expect(sol.message).toContain("t = 1");
  });
});

describe("invalid arguments", () => {
  const cases: [string, () => unknown, (string | number)[]][] = [
    ["reversed tspan", () => solveOde(decay, [1, 0], [1]), ["tspan"]],
    ["NaN in tspan", () => solveOde(decay, [0, Number.NaN], [1]), ["tspan", 1]],
    ["infinite t0", () => solveOde(decay, [Number.NEGATIVE_INFINITY, 0], [1]), ["tspan", 0]],
    ["empty y0", () => solveOde(decay, [0, 1], []), ["y0"]],
    ["NaN in y0", () => solveOde(decay, [0, 1], [1, Number.NaN]), ["y0", 1]],
    ["rtol = 0", () => solveOde(decay, [0, 1], [1], { rtol: 0 }), ["options", "rtol"]],
    ["negative atol", () => solveOde(decay, [0, 1], [1], { atol: -1 }), ["options", "atol"]],
    [
      "atol of wrong length",
      () => solveOde(decay, [0, 1], [1], { atol: new Float64Array(2).fill(1) }),
      ["options", "atol"],
    ],
    [
      "atol component 0",
      () => solveOde(decay, [0, 1], [1, 1], { atol: new Float64Array([1e-9, 0]) }),
      ["options", "atol", 1],
    ],
    [
      "evalTimes outside",
      () => solveOde(decay, [0, 1], [1], { evalTimes: [0, 0.5, 1.5] }),
      ["options", "evalTimes", 2],
    ],
    [
      "evalTimes before t0",
      () => solveOde(decay, [0, 1], [1], { evalTimes: [-0.1] }),
      ["options", "evalTimes", 0],
    ],
    [
      "unsorted evalTimes",
      () => solveOde(decay, [0, 1], [1], { evalTimes: [0.5, 0.2] }),
      ["options", "evalTimes", 1],
    ],
    ["rk4 without step", () => solveOde(decay, [0, 1], [1], { method: "rk4" }), ["options", "step"]],
    [
      "rk4 step that cannot advance",
      () => solveOde(decay, [1e10, 1e10 + 1], [1], { method: "rk4", step: 1e-9 }),
      ["options", "step"],
    ],
    [
      "unknown method",
      () => solveOde(decay, [0, 1], [1], { method: "euler" as OdeMethod }),
      ["options", "method"],
    ],
    ["maxSteps = 0", () => solveOde(decay, [0, 1], [1], { maxSteps: 0 }), ["options", "maxSteps"]],
    ["non-integer maxSteps", () => solveOde(decay, [0, 1], [1], { maxSteps: 2.5 }), ["options", "maxSteps"]],
    ["firstStep = 0", () => solveOde(decay, [0, 1], [1], { firstStep: 0 }), ["options", "firstStep"]],
    [
      "minStep > maxStep",
      () => solveOde(decay, [0, 1], [1], { minStep: 1, maxStep: 0.1 }),
      ["options", "minStep"],
    ],
    [
      "blowUpThreshold NaN",
      () => solveOde(decay, [0, 1], [1], { blowUpThreshold: Number.NaN }),
      ["options", "blowUpThreshold"],
    ],
    ["rhs not a function", () => solveOde(null as unknown as OdeRhs, [0, 1], [1]), ["rhs"]],
  ];
  it.each(cases)("%s → invalid-argument naming the place", (_name, call, path) => {
    const err = captureMfkitError(call);
    expect(err.code).toBe("invalid-argument");
    expect(err.path).toEqual(path);
  });

  it("solveOdeOrThrow throws the same typed error", () => {
    expect(captureMfkitError(() => solveOdeOrThrow(decay, [0, 1], [1], { rtol: -1 })).code).toBe(
      "invalid-argument",
    );
  });
});
