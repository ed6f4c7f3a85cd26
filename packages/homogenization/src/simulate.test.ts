import { solveLimitOde } from "@mfkit/core";
import { describe, expect, it } from "vitest";
import { parseExperimentOrThrow } from "./experiment.js";
import { homogenize } from "./homogenize.js";
import { simulate } from "./simulate.js";
import { pd4Spec } from "./test-specs.js";

/** PD-4 with every learner's α multiplied by `factor`, on the iteration clock over `iterations`. */
function scaled(factor: number, iterations: number, rule = "q-learning") {
  const spec = pd4Spec();
  for (const learner of spec.learners) {
    learner.alpha = (learner.alpha as number) * factor;
    learner.rule = rule;
  }
  return {
    ...spec,
    horizon: iterations,
    evalTimes: Array.from({ length: 11 }, (_, k) => (k * iterations) / 10),
  };
}

describe("simulate", () => {
  it("is bit-identical for the same seed, and differs for another seed", () => {
    const e = parseExperimentOrThrow(scaled(1, 200));
    const a = simulate(e, { runs: 40, seed: 7 });
    const b = simulate(e, { runs: 40, seed: 7 });
    const c = simulate(e, { runs: 40, seed: 8 });
    expect(JSON.stringify(a.meanParams)).toBe(JSON.stringify(b.meanParams));
    expect(JSON.stringify(a.stdParams)).toBe(JSON.stringify(b.stdParams));
    expect(JSON.stringify(a.stateFrequency)).toBe(JSON.stringify(b.stateFrequency));
    expect(JSON.stringify(a.meanParams)).not.toBe(JSON.stringify(c.meanParams));
  });

  it("records X_0 exactly and state frequencies that are probabilities", () => {
    const e = parseExperimentOrThrow(scaled(1, 100));
    const r = simulate(e, { runs: 25, seed: 1 });
    expect(r.t[0]).toBe(0);
    expect(r.meanParams[1]![0]).toEqual([
      [22, 20],
      [22, 20],
      [22, 20],
      [22, 20],
    ]);
    for (const row of r.stateFrequency)
      expect(Math.abs(row.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
  });

  it("stops at the next chunk boundary on an aborted signal and keeps the finished chunks", () => {
    const e = parseExperimentOrThrow(scaled(1, 100));
    const controller = new AbortController();
    const r = simulate(e, {
      runs: 50,
      seed: 1,
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 7) controller.abort();
      },
    });
    // Chunks hold 16 replicas: the chunk in progress when the signal fires is finished, not cut.
    expect(r.interrupted).toBe(true);
    expect(r.runs).toBe(16);
  });
});

describe("rate scaling of the limit", () => {
  it("halving every α halves the iteration-clock vector field ε·F exactly (to rounding)", () => {
    for (const rule of ["q-learning", "counterfactual-q-learning"]) {
      const full = parseExperimentOrThrow(scaled(1, 1000, rule));
      const half = parseExperimentOrThrow(scaled(0.5, 2000, rule));
      const x = full.model.initialParams();
      for (let i = 0; i < x.length; i++) x[i] = x[i]! + Math.sin(i);
      const a = new Float64Array(x.length);
      const b = new Float64Array(x.length);
      full.model.drift(x, a);
      half.model.drift(x, b);
      for (let i = 0; i < x.length; i++) {
        expect(Math.abs(half.referenceRate * b[i]! - 0.5 * full.referenceRate * a[i]!)).toBeLessThanOrEqual(
          1e-15 * (1 + Math.abs(a[i]!)),
        );
      }
    }
  });

  it("halving α and doubling the iterations gives the same ODE path (iteration clock)", () => {
    // RK4 with step h on ε·F and step 2h on the halved field visits the same stage points, so the two
    // paths agree to rounding; an adaptive solver would add its own (tolerance-sized) differences.
    for (const rule of ["q-learning", "counterfactual-q-learning"]) {
      const full = parseExperimentOrThrow(scaled(1, 1000, rule));
      const half = parseExperimentOrThrow(scaled(0.5, 2000, rule));
      const solve = (e: typeof full, horizon: number, step: number) =>
        solveLimitOde(e.model, e.model.initialParams(), {
          clock: "iterations",
          referenceRate: e.referenceRate,
          horizon,
          evalTimes: Array.from({ length: 11 }, (_, k) => (k * horizon) / 10),
          method: "rk4",
          step,
        });
      const a = solve(full, 1000, 1);
      const b = solve(half, 2000, 2);
      let sup = 0;
      a.y.forEach((x, k) => {
        x.forEach((v, j) => {
          sup = Math.max(sup, Math.abs(v - b.y[k]![j]!));
        });
      });
      expect(sup, rule).toBeLessThan(1e-11);
    }
  });

  it("the rescaled clock gives the same path as the iteration clock at τ = ε·t", () => {
    const iterations = parseExperimentOrThrow(scaled(1, 1000));
    const rescaled = parseExperimentOrThrow({
      ...scaled(1, 1000),
      clock: "rescaled",
      horizon: 10,
      evalTimes: [0, 5, 10],
    });
    const a = solveLimitOde(iterations.model, iterations.model.initialParams(), {
      clock: "iterations",
      referenceRate: 0.01,
      horizon: 1000,
      evalTimes: [0, 500, 1000],
      rtol: 1e-11,
      atol: 1e-11,
    });
    const b = homogenize(rescaled, { rtol: 1e-11, atol: 1e-11 });
    expect(b.t).toEqual([0, 5, 10]);
    const flat = (k: number) => [
      ...(b.params[0]![k] as number[][]).flat(),
      ...(b.params[1]![k] as number[][]).flat(),
    ];
    for (let k = 0; k < 3; k++) {
      const x = a.y[k]!;
      flat(k).forEach((v, j) => {
        expect(Math.abs(v - x[j]!)).toBeLessThan(1e-8);
      });
    }
  });

  it("the simulation's bias shrinks as α shrinks at fixed rescaled time (PD-4, τ = 8)", () => {
    // Light version of the study in examples/rate-scaling.ts: |mean − ODE| at τ = 8 for α = 0.02 and
    // α = 0.005; a bias ∝ α predicts a ratio of 4. With 400 replicas the Monte-Carlo error of the
    // mean (sd ≈ 0.3·√(α/0.01)/√400) is below the α = 0.02 bias; we require a ratio > 1.8.
    const errors = [0.02, 0.005].map((alpha) => {
      const iterations = Math.round(8 / alpha);
      const e = parseExperimentOrThrow({ ...scaled(alpha / 0.01, iterations), evalTimes: [iterations] });
      const sim = simulate(e, { runs: 400, seed: 3 });
      const ode = homogenize(e, { rtol: 1e-10, atol: 1e-10 });
      let sup = 0;
      for (let i = 0; i < 2; i++) {
        const m = (sim.meanParams[i]![0] as number[][]).flat();
        const o = (ode.params[i]![0] as number[][]).flat();
        m.forEach((v, j) => {
          sup = Math.max(sup, Math.abs(v - o[j]!));
        });
      }
      return sup;
    });
    expect(errors[0]! / errors[1]!).toBeGreaterThan(1.8);
  });
});
