/**
 * The worked custom rule of docs/write-your-own-learning-rule.md, registered from outside the library:
 * its closed form against the engine's enumeration and Monte-Carlo checks, its replicator identity,
 * and simulation against limit through the JSON spec.
 */
import { createRandomStream, solveOde } from "@mfkit/core";
import { learnerFromSpec, learnerRuleNames } from "@mfkit/learners";
import { MarkovLearningModel, monteCarloDrift, normalFormPreset, randomMarkovGame } from "@mfkit/markov-game";
import { describe, expect, it } from "vitest";
import { HEDGE_RULE, runHedgeExample } from "../../examples/custom-learning-rule.js";

function hedgeModel(seed: number, epsilon: number, states = 3) {
  const random = createRandomStream(seed);
  const game = randomMarkovGame(random, { states, actionCounts: [2, 3], successors: 2 });
  const learners = [2, 3].map((A, i) =>
    learnerFromSpec(
      game,
      i,
      {
        rule: HEDGE_RULE,
        alpha: 0.01 * (i + 1),
        eta: 0.5 + random.next(),
        epsilon,
        init: Array.from({ length: states }, () => Array.from({ length: A }, () => random.next() - 0.5)),
      },
      ["learners", i],
    ),
  );
  return new MarkovLearningModel(game, learners);
}

describe("examples/custom-learning-rule.ts", () => {
  it("registers the rule by name", () => {
    expect(learnerRuleNames()).toContain(HEDGE_RULE);
  });

  it("closed form = exact enumeration (≤ 1e-12) and = the Monte-Carlo mean increment (4.5 SE)", () => {
    for (const seed of [1, 2, 3]) {
      const model = hedgeModel(seed, 0.1);
      const x = model.initialParams();
      const closed = new Float64Array(model.dim);
      const enumerated = new Float64Array(model.dim);
      model.drift(x, closed);
      model.driftByEnumeration(x, enumerated);
      for (let d = 0; d < model.dim; d++) expect(Math.abs(closed[d]! - enumerated[d]!)).toBeLessThan(1e-12);
      const mc = monteCarloDrift(model, x, 20_000, createRandomStream(seed, 9));
      for (let d = 0; d < model.dim; d++)
        expect(Math.abs(mc.mean[d]! - closed[d]!)).toBeLessThanOrEqual(4.5 * mc.standardError[d]! + 1e-13);
    }
  });

  it("in a normal-form game with ε = 0 the policy follows the replicator equation at speed α/η (≤ 1e-12)", () => {
    const game = normalFormPreset("rock-paper-scissors");
    const eta = 0.7;
    const spec = (init: number[]) => ({ rule: HEDGE_RULE, alpha: 0.05, eta, init: [init] });
    const model = new MarkovLearningModel(
      game,
      [spec([0.3, -0.2, 0]), spec([0, 0.5, -0.1])].map((s, i) => learnerFromSpec(game, i, s, [])),
      { referenceRate: 1 },
    );
    const w = model.initialParams();
    const dw = new Float64Array(6);
    model.drift(w, dw);
    model.computePolicies(w);
    const x = [0, 1].map((i) => Array.from(model.policyTable(i)));
    for (const i of [0, 1]) {
      const payoff = [0, 1, 2].map((b) =>
        [0, 1, 2].reduce((sum, c) => {
          const j = i === 0 ? b * 3 + c : c * 3 + b;
          return sum + x[1 - i]![c]! * game.rewards[j * 2 + i]!;
        }, 0),
      );
      const mean = payoff.reduce((s, v, b) => s + x[i]![b]! * v, 0);
      const wDot = dw.subarray(3 * i, 3 * i + 3);
      const wMean = wDot.reduce((s, v, b) => s + x[i]![b]! * v, 0);
      for (let b = 0; b < 3; b++) {
        const viaSoftmax = (x[i]![b]! / eta) * (wDot[b]! - wMean);
        const replicator = (0.05 / eta) * x[i]![b]! * (payoff[b]! - mean);
        expect(Math.abs(viaSoftmax - replicator)).toBeLessThan(1e-12);
      }
    }
    // And the limit ODE solves without trouble over a long horizon.
    const sol = solveOde((_t, y, dy) => model.drift(y, dy), [0, 100], w, { rtol: 1e-9, atol: 1e-11 });
    expect(sol.status).toBe("success");
  });

  it("the spec-driven comparison puts the ODE inside the simulation's band (4.5 SE per component)", () => {
    const result = runHedgeExample(400, 1);
    for (const row of result.rows)
      expect(row.paramsSup).toBeLessThanOrEqual((4.5 / 1.96) * row.paramsHalfWidth + 1e-12);
    expect(result.fractionInsideBand).toBeGreaterThan(0.8);
  });
});
