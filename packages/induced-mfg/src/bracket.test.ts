import { createEnvironment, exploitability, uniformPolicy } from "@mfkit/mean-field";
import { describe, expect, it } from "vitest";
import { approximationBound } from "./bound.js";
import { exploitabilityBracket, meanFieldBestResponse } from "./bracket.js";
import { createNPlayerGame, fromMeanFieldGame } from "./game.js";
import { heterogeneousGame } from "./heterogeneous.js";
import { inducedMeanFieldGame } from "./induced.js";
import { gridLipschitz } from "./lipschitz.js";
import { learnPMD } from "./pmd.js";
import { simulate } from "./simulate.js";
import { symmetrize } from "./symmetrize.js";
import { measureSymmetry } from "./symmetry.js";

const sis = (T: number) => createEnvironment("susceptible_infected", { T });

describe("exact N-player bracket", () => {
  it("J^N(π) and the deviation value agree with Monte Carlo (within 4 standard errors)", () => {
    const base = sis(6);
    const game = fromMeanFieldGame(base, 12);
    const pi = uniformPolicy(base);
    const dev = meanFieldBestResponse(base, pi);
    const b = exploitabilityBracket(game, { policy: pi, deviation: dev });
    const runs = 4000;
    const policyOf = new Int32Array(12);
    policyOf[0] = 1;
    const sim = simulate(game, { policies: [pi, dev], policyOf, episodes: runs, seed: 5, pooled: false });
    const mean = sim.meanReturns[0]!;
    const sd = Math.sqrt(sim.sumSquares[0]! / runs - mean * mean);
    expect(Math.abs(mean - b.perAgent[0]!.deviationValue)).toBeLessThan((4 * sd) / Math.sqrt(runs));
    // J(π): average over the 11 agents on π (exchangeable), per-episode sd bound from agent 1.
    let avg = 0;
    for (let i = 1; i < 12; i++) avg += sim.meanReturns[i]! / 11;
    const m1 = sim.meanReturns[1]!;
    const sd1 = Math.sqrt(sim.sumSquares[1]! / runs - m1 * m1);
    expect(Math.abs(avg - b.perAgent[0]!.value)).toBeLessThan((4 * sd1) / Math.sqrt(runs));
  });

  it("the general multinomial chain reproduces the binomial path", () => {
    const base = sis(8);
    const game = fromMeanFieldGame(base, 15);
    const pi = uniformPolicy(base);
    const a = exploitabilityBracket(game, { policy: pi, mfg: base });
    const b = exploitabilityBracket(game, { policy: pi, mfg: base, forceMultinomial: true });
    expect(a.method).toBe("binomial");
    expect(b.method).toBe("multinomial");
    expect(b.lower).toBeCloseTo(a.lower, 10);
    expect(b.upper).toBeCloseTo(a.upper, 10);
    expect(b.perAgent[0]!.value).toBeCloseTo(a.perAgent[0]!.value, 10);
  });

  it("on a decoupled game lower = upper = the MFG exploitability for every N", () => {
    const S = 2;
    const A = 2;
    const pattern = {
      rowPtr: Int32Array.from([0, 2, 4, 6, 8]),
      col: Int32Array.from([0, 1, 0, 1, 0, 1, 0, 1]),
    };
    for (const N of [2, 7, 40]) {
      const game = createNPlayerGame({
        name: "decoupled",
        nAgents: N,
        horizon: 4,
        nStates: S,
        nActions: A,
        mu0: [0.3, 0.7],
        transitionPattern: pattern,
        nParams: 0,
        populationDependence: "state",
        reward: (t, _s, _th, out) => out.set([1, 0, t * 0.1, 0.5]),
        transitionValues: (_t, _s, _th, out) => out.set([0.9, 0.1, 0.2, 0.8, 0.6, 0.4, 0.3, 0.7]),
      });
      const mfg = inducedMeanFieldGame(game);
      const pi = uniformPolicy(mfg);
      const b = exploitabilityBracket(game, { policy: pi, threshold: 1e-300 }); // no pruning
      const e = exploitability(mfg, pi);
      expect(e).toBeGreaterThan(0.1);
      expect(b.lower).toBeCloseTo(e, 12);
      expect(b.upper).toBeCloseTo(e, 12);
    }
  });

  it("SIS: lower ≤ upper, the bracket narrows and tends to the MFG exploitability as N grows", () => {
    const base = sis(10);
    const pi = uniformPolicy(base);
    const eM = exploitability(base, pi);
    let prevWidth = Number.POSITIVE_INFINITY;
    let last = { lower: 0, upper: 0 };
    for (const N of [2, 10, 50, 250]) {
      const b = exploitabilityBracket(fromMeanFieldGame(base, N), { policy: pi, mfg: base });
      expect(b.lower).toBeLessThanOrEqual(b.upper + 1e-12);
      const width = b.upper - b.lower;
      expect(width).toBeLessThan(prevWidth);
      prevWidth = width;
      last = b;
    }
    expect(Math.abs(last.lower - eM)).toBeLessThan(0.05 * eM);
    expect(Math.abs(last.upper - eM)).toBeLessThan(0.05 * eM);
  });

  it("left_right: the bracket closes and equals E_M + 1/(4N) (the deviator counts itself)", () => {
    const base = createEnvironment("left_right", {});
    const pi = uniformPolicy(base);
    for (const N of [2, 10, 1000]) {
      const b = exploitabilityBracket(fromMeanFieldGame(base, N), { policy: pi, mfg: base });
      // Others split Bin(N−1, ½); the deviator's best side is R or L with value −E[count incl. self]/N·c.
      expect(b.lower).toBeCloseTo(b.upper, 12);
      expect(b.lower).toBeCloseTo(0.25 + 0.25 / N, 10);
    }
  });

  it("refuses games that read σ beyond μ, with a typed error", () => {
    const base = sis(2);
    const g = createNPlayerGame({ ...fromMeanFieldGame(base, 4), populationDependence: "state-action" });
    expect(() => exploitabilityBracket(g, { policy: uniformPolicy(base) })).toThrow(/populationDependence/);
  });
});

describe("heterogeneous games stay within the evaluated bound", () => {
  it("SIS with α, β > 0: the exact exploitability upper bracket of the induced-MFG PMD policy ≤ bound", () => {
    const N = 6;
    const T = 3;
    for (const [uMax, vMax] of [
      [0.1, 0],
      [0.2, 0.2],
    ]) {
      const game = heterogeneousGame("susceptible_infected", { nAgents: N, uMax, vMax, envParams: { T } });
      const mfg = inducedMeanFieldGame(game);
      const tau = 0.05;
      const pi = learnPMD(game, { estimator: "exact", iterations: 150, eta: 0.5, tau, evalEvery: 0 }).policy;
      const sym = measureSymmetry(game);
      expect(sym.alpha).toBeGreaterThan(0);
      const lip = gridLipschitz(symmetrize(game));
      expect(lip.exact).toBe(true);
      const eM = exploitability(mfg, pi);
      const bound = approximationBound({
        nAgents: N,
        cells: 4,
        epochs: T + 1,
        alpha: sym.alpha,
        beta: sym.beta,
        LR: lip.LR,
        LP: lip.LP,
        rewardRange: game.rewardRange![1] - game.rewardRange![0],
        mfgExploitability: eM,
      });
      const b = exploitabilityBracket(game, { policy: pi, mfg });
      expect(b.perAgent.length).toBe(N); // every agent is its own type: E_G = max_i E^i is bracketed
      expect(b.upper).toBeGreaterThan(0);
      expect(b.upper).toBeLessThanOrEqual(bound.total);
    }
  });
});
