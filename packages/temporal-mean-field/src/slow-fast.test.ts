import { createRandomStream, simulateReplicas, solveLimitOde } from "@mfkit/core";
import { describe, expect, it } from "vitest";
import { createQueueing } from "./games/queueing.js";
import { createResourceSelection } from "./games/resource-selection.js";
import { recursionStep, TmfWorkspace } from "./recursion.js";
import { limitOdeFlow, type StationaryPolicy, tmfSlowFastModel } from "./slow-fast.js";
import { randomDistribution, randomPolicy } from "./test-helpers.js";

const game = createResourceSelection({ switchingCost: 0.2 });
const kappa = [0.1, 0.15, 0.2, 0.25, 0.3];
/** A μ-aware logit policy: π(a|o, μ) ∝ exp(−2 c_a(μ(a)) − 0.2·1[a ≠ o]) (makes the ODE nonlinear). */
const logit: StationaryPolicy = (mu, out) => {
  for (let o = 0; o < 5; o++) {
    let sum = 0;
    for (let a = 0; a < 5; a++) {
      out[o * 5 + a] = Math.exp(-2 * (mu[a] / kappa[a]) - (a === o ? 0 : 0.2));
      sum += out[o * 5 + a];
    }
    for (let a = 0; a < 5; a++) out[o * 5 + a] /= sum;
  }
};

describe("TMF as a slow/fast model", () => {
  it("its drift is the enumerated average of the increment over the fast law", () => {
    const queue = createQueueing();
    const random = createRandomStream(2);
    const pi = randomPolicy(queue, random, 1);
    const rho = 0.35;
    const model = tmfSlowFastModel(queue, pi, rho);
    const x = randomDistribution(queue.nObs, random);
    const drift = new Float64Array(queue.nObs);
    model.drift(x, drift);
    // Enumerate e = (ω, o, a, o') with its probability and f = e_{o'} − e_o.
    const nO = queue.nObs;
    const nA = queue.nActions;
    const P = new Float64Array(nO * nA * nO);
    const P0 = new Float64Array(nO * nO);
    queue.activeKernel(x, P);
    queue.passiveKernel(x, P0);
    const expected = new Float64Array(nO);
    for (let o = 0; o < nO; o++) {
      for (let n = 0; n < nO; n++) {
        let w = (1 - rho) * x[o] * P0[o * nO + n];
        for (let a = 0; a < nA; a++) w += rho * x[o] * pi[o * nA + a] * P[(o * nA + a) * nO + n];
        expected[n] += w;
        expected[o] -= w;
      }
    }
    for (let o = 0; o < nO; o++) expect(drift[o]).toBeCloseTo(expected[o], 14);
  });

  it("the ε = 1/N slow/fast chain stays on the simplex and tracks the ODE to O(1/√N)", () => {
    const model = tmfSlowFastModel(game, logit, 1);
    const n = 20_000;
    const tau = 2;
    const x = Float64Array.from(game.mu0);
    const e = model.createFastState();
    const random = createRandomStream(5);
    model.initFastState(x, e, random);
    for (let k = 0; k < tau * n; k++) {
      model.applyIncrement(x, e, 1 / n);
      model.advanceFastState(x, e, random);
    }
    const ode = limitOdeFlow(game, logit, [tau]);
    let sum = 0;
    let err = 0;
    for (let o = 0; o < 5; o++) {
      sum += x[o];
      err += Math.abs(x[o] - ode[o]);
    }
    expect(Math.abs(sum - 1)).toBeLessThan(1e-9);
    expect(err).toBeLessThan(6 / Math.sqrt(n));
  });

  it("the recursion at small ρ over τ/ρ steps approaches the ODE at τ with error O(ρ)", () => {
    const tau = 3;
    const ode = limitOdeFlow(game, logit, [tau]);
    const ws = new TmfWorkspace(game);
    const pi = new Float64Array(25);
    const errors = [0.04, 0.02, 0.01, 0.005].map((rho) => {
      const mu = Float64Array.from(game.mu0);
      const next = new Float64Array(5);
      for (let k = 0; k < Math.round(tau / rho); k++) {
        logit(mu, pi);
        recursionStep(ws, mu, pi, rho, next);
        mu.set(next);
      }
      let err = 0;
      for (let o = 0; o < 5; o++) err += Math.abs(mu[o] - ode[o]);
      return err;
    });
    // First-order convergence: halving ρ halves the error (ratio within [1.8, 2.2]).
    for (let i = 1; i < errors.length; i++) {
      const ratio = errors[i - 1] / errors[i];
      expect(ratio).toBeGreaterThan(1.8);
      expect(ratio).toBeLessThan(2.2);
    }
    expect(errors[3]).toBeLessThan(0.05 * 0.005 * 20);
  });

  it("runs in core's slow/fast engine: replica means at ε = 1/N match core's limit ODE (4 SE + O(1/N))", () => {
    const n = 2000;
    const model = tmfSlowFastModel(game, logit, 1);
    const tau = 2;
    const summary = simulateReplicas(model, {
      x0: game.mu0,
      scale: 1 / n,
      recordSteps: [0, tau * n],
      runs: 24,
      seed: 11,
    });
    const ode = solveLimitOde(model, game.mu0, { referenceRate: 1 / n, horizon: tau, evalTimes: [tau] });
    const ours = limitOdeFlow(game, logit, [tau]);
    for (let o = 0; o < 5; o++) {
      expect(ode.y[0][o]).toBeCloseTo(ours[o], 8);
      const se = summary.std[1][o] / Math.sqrt(summary.runs);
      expect(Math.abs(summary.mean[1][o] - ode.y[0][o])).toBeLessThan(4 * se + 2 / n);
    }
  });

  it("refuses the decision-clock ODE when idle agents move", () => {
    expect(() => limitOdeFlow(createQueueing(), new Float64Array(12).fill(1 / 3), [1])).toThrow(
      /identity passive/,
    );
  });
});
