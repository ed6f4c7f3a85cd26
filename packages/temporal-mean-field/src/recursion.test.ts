import { captureMfkitError, createRandomStream } from "@mfkit/core";
import { createEnvironment, exploitability, forwardFlow, stateMarginals } from "@mfkit/mean-field";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromMeanFieldGame } from "./games/from-mean-field.js";
import { createQueueing } from "./games/queueing.js";
import { createResourceSelection } from "./games/resource-selection.js";
import { repeatPolicy, withOverrides } from "./model.js";
import { meanFieldFlow, recursionStep, TmfWorkspace } from "./recursion.js";
import { activePolicy, augmentPolicy, observationMarginals, withActivation } from "./reduction.js";
import { randomDistribution, randomPolicy } from "./test-helpers.js";
import { tmfExploitability, tmfValues } from "./values.js";

const games = [
  createResourceSelection({ horizon: 8, switchingCost: 0.2 }),
  createQueueing({ horizon: 8 }),
  createQueueing({ horizon: 8, arrivals: "exogenous" }),
];

describe("mean-field recursion", () => {
  it("preserves the simplex (property test)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.nat(1e6),
        (g, rho, seed) => {
          const game = games[g];
          const random = createRandomStream(seed);
          const mu0 = randomDistribution(game.nObs, random, 0);
          const flow = meanFieldFlow(game, randomPolicy(game, random), rho, game.horizon, mu0);
          for (let t = 0; t <= game.horizon; t++) {
            let sum = 0;
            for (let o = 0; o < game.nObs; o++) {
              const v = flow[t * game.nObs + o];
              expect(v).toBeGreaterThanOrEqual(0);
              sum += v;
            }
            expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
          }
        },
      ),
      { seed: 42, numRuns: 60 },
    );
  });

  it("at ρ = 1 equals the MFG forward flow of the wrapped environment", () => {
    for (const name of ["left_right", "rock_paper_scissors"]) {
      const mfg = createEnvironment(name, {});
      const tmf = fromMeanFieldGame(mfg);
      const random = createRandomStream(5);
      const pi = randomPolicy(tmf, random);
      const expected = stateMarginals(mfg, forwardFlow(mfg, pi));
      const flow = meanFieldFlow(tmf, pi, 1);
      for (let i = 0; i < flow.length; i++) expect(flow[i]).toBeCloseTo(expected[i], 13);
      // Exploitability at ρ = 1 equals the plain MFG's.
      expect(tmfExploitability(tmf, pi, 1)).toBeCloseTo(exploitability(mfg, pi), 12);
    }
  });

  it("with P0 = id has the same fixed points for every ρ", () => {
    const game = createResourceSelection({ switchingCost: 0.3 });
    const random = createRandomStream(9);
    const pi = randomPolicy(game, random, 1); // stationary
    const ws = new TmfWorkspace(game);
    const fixedPoints = [1, 0.5, 0.1].map((rho) => {
      const mu = Float64Array.from(game.mu0);
      const next = new Float64Array(game.nObs);
      for (let k = 0; k < 20_000; k++) {
        recursionStep(ws, mu, pi, rho, next);
        mu.set(next);
      }
      return mu;
    });
    for (const mu of fixedPoints.slice(1)) {
      for (let o = 0; o < game.nObs; o++) expect(mu[o]).toBeCloseTo(fixedPoints[0][o], 12);
    }
  });

  it("equals the O-marginal of the activation-coin augmented MFG to 1e-12, and so do the exploitabilities", () => {
    for (const game of games) {
      for (const rho of [1, 0.6, 0.15]) {
        const random = createRandomStream(17, Math.round(rho * 100));
        const pi = randomPolicy(game, random);
        const augmented = withActivation(game, rho);
        const marginal = observationMarginals(game, forwardFlow(augmented, augmentPolicy(game, pi)));
        const direct = meanFieldFlow(game, pi, rho);
        for (let i = 0; i < direct.length; i++) expect(Math.abs(marginal[i] - direct[i])).toBeLessThan(1e-12);
        const viaReduction = exploitability(augmented, augmentPolicy(game, pi));
        const viaDirect = tmfExploitability(game, pi, rho);
        expect(Math.abs(viaReduction - viaDirect)).toBeLessThan(1e-10);
        expect(activePolicy(game, augmentPolicy(game, pi))).toEqual(pi);
      }
    }
  });

  it("a rate schedule ρ_t means the same in the recursion, the values and the reduction (a short one repeats its last entry)", () => {
    for (const game of games) {
      const T = game.horizon;
      const pi = randomPolicy(game, createRandomStream(19));
      const short = Array.from({ length: T }, (_, t) => 0.2 + (0.7 * t) / T);
      const full = [...short, short[T - 1]];
      const augmented = withActivation(game, short);
      const marginal = observationMarginals(game, forwardFlow(augmented, augmentPolicy(game, pi)));
      const direct = meanFieldFlow(game, pi, short);
      for (let i = 0; i < direct.length; i++) expect(Math.abs(marginal[i] - direct[i])).toBeLessThan(1e-12);
      const viaReduction = exploitability(augmented, augmentPolicy(game, pi));
      expect(Math.abs(tmfExploitability(game, pi, short) - viaReduction)).toBeLessThan(1e-10);
      expect(tmfExploitability(game, pi, full)).toBe(tmfExploitability(game, pi, short));
      // The schedule is not constant, so it must matter.
      expect(Math.abs(tmfExploitability(game, pi, 0.5) - viaReduction)).toBeGreaterThan(1e-6);
    }
    const game = games[0];
    const pi = randomPolicy(game, createRandomStream(19));
    const flow = meanFieldFlow(game, pi, 0.5);
    expect(captureMfkitError(() => tmfValues(game, flow, [0.5, 1.5], pi)).path).toEqual(["rho", 1]);
  });

  it("resource selection: μ0 = κ and π = κ keep the load at κ with zero exploitability", () => {
    const kappa = [0.1, 0.15, 0.2, 0.25, 0.3];
    for (const [T, gamma, rho] of [
      [5, 0.95, 1],
      [12, 0.8, 0.3],
      [3, 1, 0.05],
    ]) {
      const game = createResourceSelection({ horizon: T, discount: gamma, mu0: kappa });
      const pi = repeatPolicy(game, Float64Array.from([...kappa, ...kappa, ...kappa, ...kappa, ...kappa]));
      const flow = meanFieldFlow(game, pi, rho);
      for (let i = 0; i < flow.length; i++) expect(flow[i]).toBeCloseTo(kappa[i % 5], 14);
      expect(Math.abs(tmfExploitability(game, pi, rho))).toBeLessThan(1e-12);
    }
  });

  it("the two value conventions coincide at ρ = 1 and differ below", () => {
    const game = games[1];
    const pi = randomPolicy(game, createRandomStream(44));
    expect(tmfExploitability(game, pi, 1, "alwaysActive")).toBeCloseTo(tmfExploitability(game, pi, 1), 12);
    expect(
      Math.abs(tmfExploitability(game, pi, 0.4, "alwaysActive") - tmfExploitability(game, pi, 0.4)),
    ).toBeGreaterThan(1e-6);
  });

  it("withOverrides changes only the overridden fields", () => {
    const game = createQueueing();
    const shorter = withOverrides(game, { horizon: 3 });
    expect(shorter.horizon).toBe(3);
    expect(shorter.nObs).toBe(game.nObs);
  });
});
