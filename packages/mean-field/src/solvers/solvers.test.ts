import { captureMfkitError, createRandomStream } from "@mfkit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bestResponseValues } from "../backward.js";
import { createEnvironment } from "../environments/registry.js";
import { exploitability } from "../exploitability.js";
import { forwardFlow } from "../flow.js";
import { greedyPolicy } from "../greedy.js";
import type { MeanFieldGame } from "../model.js";
import { normalizePolicy } from "../policy.js";
import { leftRight, leftRightPolicy, randomGame, randomGameOptions } from "../test-games.js";
import { solve } from "./solve.js";
import { ALGORITHMS, type SolveOptions } from "./types.js";

const lr = leftRightPolicy;

/** p solving p = σ((2 − 3p)/τ), the τ-regularised left_right equilibrium, by bisection. */
function regularizedEquilibrium(tau: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200; i++) {
    const p = (lo + hi) / 2;
    const g = 1 / (1 + Math.exp(-(2 - 3 * p) / tau)) - p; // decreasing in p
    if (g > 0) lo = p;
    else hi = p;
  }
  return (lo + hi) / 2;
}

const run = (game: MeanFieldGame, o: SolveOptions) => solve(game, { atol: null, rtol: null, ...o });

describe("left_right: solvers reach the equilibrium π_0(L|C) = 2/3", () => {
  const game = leftRight();
  const full = [0.5, 0.9, 0.1, 0.999];
  const any = [...full, 1, 0];

  it("FP (alpha = 0, 1/(k+2)): |p − 2/3| ≤ 1e-3 after 1000 iterations, from deterministic starts too", () => {
    // Once p has crossed 2/3, each step moves it by β_k·|BR − p| ≤ (2/3)/(k+2), so |p_K − 2/3| ≤ (2/3)/K
    // ≈ 6.7e-4; expl(2/3 + d) = 2d + 3d² (d > 0), |d| + 3d² (d < 0) is then ≤ 1.4e-3.
    for (const p0 of any) {
      const r = run(game, { algorithm: "fp", alpha: 0, maxIterations: 1000, pi0: lr(p0) });
      expect(Math.abs(r.policy[0]! - 2 / 3)).toBeLessThanOrEqual(1e-3);
      expect(r.exploitability.at(-1)!).toBeLessThanOrEqual(1.5e-3);
    }
  });

  it("OMD (α = 0.1 and α = 1): |p − 2/3| ≤ 1e-9 after 400 iterations", () => {
    for (const alpha of [0.1, 1]) {
      for (const p0 of any) {
        const r = run(game, { algorithm: "omd", alpha, maxIterations: 400, pi0: lr(p0) });
        expect(Math.abs(r.policy[0]! - 2 / 3)).toBeLessThanOrEqual(1e-9);
      }
    }
  });

  it("Munchausen OMD (α = 0.5): |p − 2/3| ≤ 1e-9 after 200 iterations from full-support starts", () => {
    for (const p0 of full) {
      const r = run(game, { algorithm: "munchausen", alpha: 0.5, maxIterations: 200, pi0: lr(p0) });
      expect(Math.abs(r.policy[0]! - 2 / 3)).toBeLessThanOrEqual(1e-9);
    }
  });

  it("PD with prior refresh every iteration (η = 1, n_inner = 1): |p − 2/3| ≤ 1e-9 after 100 iterations", () => {
    for (const p0 of full) {
      const r = run(game, { algorithm: "pd", eta: 1, nInner: 1, maxIterations: 100, pi0: lr(p0) });
      expect(Math.abs(r.policy[0]! - 2 / 3)).toBeLessThanOrEqual(1e-9);
    }
  });

  it("PD with a fixed uniform prior plateaus at the softmax fixed point p = σ((2−3p)/η)", () => {
    const r = run(game, { algorithm: "pd", eta: 1, maxIterations: 200 });
    expect(r.policy[0]!).toBeCloseTo(regularizedEquilibrium(1), 10);
    expect(r.exploitability.at(-1)!).toBeGreaterThan(0.05);
  });

  it("PMD (η = 0.5, τ = 1e-3): |p − 2/3| ≤ 1e-3; τ = 0.1: the regularised equilibrium within 1e-9", () => {
    for (const p0 of full) {
      const small = run(game, { algorithm: "pmd", eta: 0.5, tau: 1e-3, maxIterations: 300, pi0: lr(p0) });
      expect(Math.abs(small.policy[0]! - 2 / 3)).toBeLessThanOrEqual(1e-3);
      for (const pmdForm of ["proximal", "linearised"] as const) {
        const r = run(game, {
          algorithm: "pmd",
          eta: 0.5,
          tau: 0.1,
          pmdForm,
          maxIterations: 300,
          pi0: lr(p0),
        });
        expect(Math.abs(r.policy[0]! - regularizedEquilibrium(0.1))).toBeLessThanOrEqual(1e-9);
        // The τ-regularised exploitability vanishes; the unregularised one obeys the τ(T+1)log|A| bound.
        expect(Math.abs(r.regularizedExploitability!.at(-1)!)).toBeLessThanOrEqual(1e-12);
        expect(r.exploitability.at(-1)!).toBeLessThanOrEqual(0.1 * 2 * Math.log(2));
        expect(r.exploitability.at(-1)!).toBeGreaterThan(1e-3);
      }
    }
  });

  it("softmax fixed point (temperature 1) converges to p = σ(2 − 3p)", () => {
    const r = run(game, {
      algorithm: "softmax-fixed-point",
      temperature: 1,
      maxIterations: 100,
      pi0: lr(0.9),
    });
    expect(r.policy[0]!).toBeCloseTo(regularizedEquilibrium(1), 12);
  });

  it("greedy fixed point cycles between all-left and all-right (exploitability 1, 2, 1, …)", () => {
    const r = run(game, { algorithm: "fixed-point", maxIterations: 6 });
    expect(r.exploitability.slice(1)).toEqual([1, 2, 1, 2, 1, 2]);
    expect(r.exploitability[0]).toBeCloseTo(0.25, 15); // uniform: max(−.5, −1) + .25 + .5
  });
});

describe("left_right traces against the scalar recursion for p = π_0(L|C)", () => {
  // Only π_0(·|C) matters: at t = 1 rewards do not depend on the action, so every solver keeps the
  // uniform row there, and expl(p) = max(−p, −2(1−p)) + p² + 2(1−p)².
  const expl = (p: number) => Math.max(-p, -2 * (1 - p)) + p * p + 2 * (1 - p) ** 2;
  const game = leftRight();

  it("OMD: x_{k+1} = x_k + α(2 − 3p_k), p = σ(x), from x_0 = 0", () => {
    const alpha = 0.7;
    const r = run(game, { algorithm: "omd", alpha, maxIterations: 40 });
    let x = 0;
    let p = 0.5;
    for (let k = 0; k <= 40; k++) {
      expect(Math.abs(r.exploitability[k]! - expl(p))).toBeLessThanOrEqual(1e-14);
      x += alpha * (2 - 3 * p);
      p = 1 / (1 + Math.exp(-x));
    }
  });

  it("FP: p_{k+1} = (1 − β_k) p_k + β_k·BR(p_k), β_k = 1/(k+2)", () => {
    const r = run(game, { algorithm: "fp", maxIterations: 60, pi0: lr(0.9) });
    let p = 0.9;
    for (let k = 0; k <= 60; k++) {
      expect(Math.abs(r.exploitability[k]! - expl(p))).toBeLessThanOrEqual(1e-14);
      const br = -p > -2 * (1 - p) ? 1 : -p < -2 * (1 - p) ? 0 : 0.5;
      const beta = 1 / (k + 2);
      p = (1 - beta) * p + beta * br;
    }
  });

  it("rock_paper_scissors: the uniform policy has exploitability 1/3", () => {
    const rps = createEnvironment("rock_paper_scissors");
    const r = run(rps, { algorithm: "fp", maxIterations: 0 });
    expect(r.exploitability[0]).toBeCloseTo(1 / 3, 15);
  });
});

describe("identities between solvers on random games", () => {
  const arb = randomGameOptions({ nStates: 4, nActions: 3, horizon: 3, discount: 0.9 });
  const close = (x: Float64Array, y: Float64Array, tol: number) => {
    for (let i = 0; i < x.length; i++) expect(Math.abs(x[i]! - y[i]!)).toBeLessThanOrEqual(tol);
  };

  it("Munchausen = OMD and PMD(τ = 0) = OMD(α = η) from uniform π_0; PD(uniform prior) = softmax fixed point", () => {
    fc.assert(
      fc.property(arb, (o) => {
        const game = randomGame(o);
        const K = 8;
        const omd = run(game, { algorithm: "omd", alpha: 0.3, maxIterations: K });
        const mun = run(game, { algorithm: "munchausen", alpha: 0.3, maxIterations: K });
        const pmd = run(game, { algorithm: "pmd", eta: 0.3, tau: 0, maxIterations: K });
        close(mun.policy, omd.policy, 1e-12);
        close(pmd.policy, omd.policy, 1e-12);
        const pd = run(game, { algorithm: "pd", eta: 0.7, maxIterations: K });
        const sfp = run(game, { algorithm: "softmax-fixed-point", temperature: 0.7, maxIterations: K });
        close(pd.policy, sfp.policy, 1e-12);
      }),
      { seed: 31, numRuns: 60 },
    );
  });

  it("FP with L-independent transitions averages flows: Γ(π_1) = ½ Γ(π_0) + ½ Γ(BR_0)", () => {
    fc.assert(
      fc.property(arb, fc.integer({ min: 0, max: 1000 }), (o, ps) => {
        const game = randomGame({ ...o, meanFieldTransition: false });
        const stream = createRandomStream(ps);
        const rnd = () => stream.next();
        const pi0 = normalizePolicy(
          game,
          Float64Array.from({ length: (game.horizon + 1) * game.nStates * game.nActions }, () => rnd()),
        );
        const L0 = forwardFlow(game, pi0);
        const br = greedyPolicy(bestResponseValues(game, L0).Q, game);
        const Lbr = forwardFlow(game, br);
        const L1 = forwardFlow(game, run(game, { algorithm: "fp", maxIterations: 1, pi0 }).policy);
        for (let i = 0; i < L1.length; i++)
          expect(Math.abs(L1[i]! - (L0[i]! + Lbr[i]!) / 2)).toBeLessThanOrEqual(1e-12);
      }),
      { seed: 32, numRuns: 100 },
    );
  });

  it("is deterministic: two runs of every solver give bit-identical traces and policies", () => {
    const game = randomGame({
      seed: 7,
      nStates: 4,
      nActions: 3,
      horizon: 3,
      meanFieldReward: true,
      meanFieldTransition: true,
    });
    for (const algorithm of ALGORITHMS) {
      const o = { algorithm, alpha: algorithm === "fp" ? 0 : 0.5, maxIterations: 10 } as const;
      const a = run(game, o);
      const b = run(game, o);
      expect(Array.from(a.policy)).toEqual(Array.from(b.policy));
      expect(a.exploitability).toEqual(b.exploitability);
    }
  });

  it("every solver keeps policies stochastic and exploitability ≥ −1e-12 on random games", () => {
    fc.assert(
      fc.property(arb, fc.constantFrom(...ALGORITHMS), (o, algorithm) => {
        const game = randomGame(o);
        const r = run(game, { algorithm, alpha: algorithm === "fp" ? 0 : 0.5, maxIterations: 5 });
        for (const e of r.exploitability) expect(e).toBeGreaterThanOrEqual(-1e-12);
        // The driver evaluates its own (already normalised) iterate; the public function renormalises first.
        const e = exploitability(game, r.policy);
        expect(Math.abs(r.exploitability[5]! - e)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(e)));
        const A = game.nActions;
        for (let row = 0; row < r.policy.length / A; row++) {
          let sum = 0;
          for (let a = 0; a < A; a++) sum += r.policy[row * A + a]!;
          expect(Math.abs(sum - 1)).toBeLessThanOrEqual(1e-12);
        }
      }),
      { seed: 33, numRuns: 100 },
    );
  });
});

describe("the driver", () => {
  const game = leftRight();

  it("records e_0..e_K, cumulative runtimes, argmin and copies; stops at atol + rtol·e_0", () => {
    const r = solve(game, { algorithm: "omd", alpha: 1, maxIterations: 50, atol: 1e-6, rtol: 0 });
    expect(r.stoppedEarly).toBe(true);
    expect(r.exploitability.length).toBe(r.iterations + 1);
    expect(r.runtimeMs.length).toBe(r.iterations + 1);
    expect(r.runtimeMs[0]).toBe(0);
    for (let k = 1; k < r.runtimeMs.length; k++)
      expect(r.runtimeMs[k]!).toBeGreaterThanOrEqual(r.runtimeMs[k - 1]!);
    expect(r.exploitability.at(-1)!).toBeLessThanOrEqual(1e-6);
    expect(r.exploitability.at(-2)!).toBeGreaterThan(1e-6);
    const fp = solve(game, { algorithm: "fixed-point", maxIterations: 5, atol: null, rtol: null });
    expect(fp.stoppedEarly).toBe(false);
    expect(fp.bestPolicy[0]).toBe(0.5); // e_0 = 0.25 is the argmin; later iterates have 1 and 2
    expect(fp.bestPolicy).not.toBe(fp.policy);
    const again = solve(game, { algorithm: "fixed-point", maxIterations: 5, atol: null, rtol: null });
    expect(Array.from(again.policy)).toEqual(Array.from(fp.policy));
  });

  it("follows MFGLib's stopping rule: checked at e_0, and off when atol and rtol are both 0 or null", () => {
    const eq = lr(2 / 3);
    const atStart = solve(game, { algorithm: "fp", maxIterations: 10, pi0: eq, atol: 1e-9, rtol: 0 });
    expect(atStart.iterations).toBe(0);
    expect(atStart.stoppedEarly).toBe(true);
    expect(atStart.exploitability).toHaveLength(1);
    const off = solve(game, { algorithm: "omd", alpha: 1, maxIterations: 10, pi0: eq, atol: 0, rtol: 0 });
    expect(off.iterations).toBe(10);
    expect(off.stoppedEarly).toBe(false);
  });

  it("evalEvery, computeExploitability = false, onIteration, abort", () => {
    const r = solve(game, { algorithm: "fp", maxIterations: 10, evalEvery: 4, atol: null, rtol: null });
    expect(r.evaluatedIterations).toEqual([0, 4, 8, 10]);
    expect(r.exploitability.length).toBe(4);
    const quiet = solve(game, { algorithm: "fp", maxIterations: 10, computeExploitability: false });
    expect(quiet.exploitability).toEqual([]);
    expect(quiet.iterations).toBe(10);
    expect(Array.from(quiet.policy)).toEqual(
      Array.from(solve(game, { algorithm: "fp", maxIterations: 10, atol: null, rtol: null }).policy),
    );
    const controller = new AbortController();
    const seen: number[] = [];
    const stopped = solve(game, {
      algorithm: "omd",
      alpha: 0.1,
      maxIterations: 100,
      signal: controller.signal,
      onIteration: (k) => {
        seen.push(k);
        if (k === 3) controller.abort();
      },
    });
    expect(stopped.interrupted).toBe(true);
    expect(stopped.iterations).toBe(3);
    expect(seen).toEqual([0, 1, 2, 3]);
  });

  it("FP turns 0/0 rows (unvisited by π and BR) into uniform rows", () => {
    const r = solve(game, { algorithm: "fp", maxIterations: 3, pi0: lr(1), atol: null, rtol: null });
    // States L and R are never occupied at t = 0, and C never at t = 1.
    expect(Array.from(r.policy.subarray(2, 6))).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(Array.from(r.policy.subarray(6, 8))).toEqual([0.5, 0.5]);
  });

  it("bad options and inputs are typed errors naming the option", () => {
    const expectError = (o: SolveOptions, code: string, path: (string | number)[]) => {
      const error = captureMfkitError(() => solve(game, o));
      expect(error.code).toBe(code);
      expect(error.path).toEqual(path);
    };
    expectError({ algorithm: "sgd" as never }, "unknown-name", ["options", "algorithm"]);
    expectError({ algorithm: "omd", alpha: -1 }, "invalid-argument", ["options", "alpha"]);
    expectError({ algorithm: "fp", alpha: 2 }, "invalid-argument", ["options", "alpha"]);
    expectError({ algorithm: "pd", nInner: 0.5 }, "invalid-argument", ["options", "nInner"]);
    expectError({ algorithm: "pmd", eta: 5, tau: 1, pmdForm: "linearised" }, "invalid-argument", [
      "options",
      "tau",
    ]);
    expectError({ algorithm: "fp", maxIterations: -1 }, "invalid-argument", ["options", "maxIterations"]);
    const skewed = lr(0.5);
    skewed[9] = 0.7;
    expectError({ algorithm: "fp", pi0: skewed }, "invalid-probability", ["policy", 1, 1]);
    expectError({ algorithm: "fp", pi0: new Float64Array(2) }, "invalid-shape", ["policy"]);
    expect(() => solve({ ...game, mu0: Float64Array.from([0.5, 0, 0]) }, { algorithm: "fp" })).toThrow(/mu0/);
  });

  it("overflow of a huge OMD step becomes a typed non-finite error, not NaN", () => {
    const huge = {
      ...leftRight(),
      reward: (_t: number, _L: Float64Array, out: Float64Array) => out.fill(1e308),
    };
    const error = captureMfkitError(() => solve(huge, { algorithm: "omd", alpha: 1e10, maxIterations: 3 }));
    expect(error.code).toBe("non-finite");
    expect(error.path.slice(0, 2)).toEqual(["solve", "iteration"]);
  });
});

describe("every solver on equilibrium_price (two-dimensional actions, where MFGLib's FP crashes)", () => {
  it("runs 20 iterations with finite, non-negative exploitability", () => {
    const game = createEnvironment("equilibrium_price");
    expect(game.actionShape.length).toBe(2);
    for (const algorithm of ALGORITHMS) {
      const r = run(game, { algorithm, alpha: algorithm === "fp" ? 0 : 0.1, maxIterations: 20 });
      expect(r.exploitability.length).toBe(21);
      for (const e of r.exploitability) {
        expect(Number.isFinite(e)).toBe(true);
        expect(e).toBeGreaterThanOrEqual(-1e-12);
      }
      if (algorithm === "fp" || algorithm === "omd") {
        expect(Math.min(...r.exploitability)).toBeLessThan(r.exploitability[0]!);
      }
    }
  });
});
