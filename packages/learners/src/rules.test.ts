/**
 * Every built-in rule against the engine's independent checks (docs/homogenization.md §5.1–5.2):
 * closed form = exact enumeration of ν(s)π(a|s)T(s,a,s') (≤ 1e-12), = the dense |E|×|E| oracle on tiny
 * games (≤ 1e-10), = the Monte-Carlo mean increment under μ_x (within 4.5 standard errors per
 * component, i.e. a per-component false-alarm rate below 1e-5).
 */
import { createRandomStream } from "@mfkit/core";
import { monteCarloDrift, oracleDrift } from "@mfkit/markov-game";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ALL_RULES, randomRuleModel, ruleSetupArb as setupArb } from "./rule-fixtures.js";

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

describe.each(ALL_RULES)("%s", (rule) => {
  it("closed-form drift equals exact enumeration of the factored law (property, ≤ 1e-12)", () => {
    fc.assert(
      fc.property(setupArb, (setup) => {
        const model = randomRuleModel(rule, setup);
        expect(model.learners.every((l) => l.addAveragedIncrement !== undefined)).toBe(true);
        const x = model.initialParams();
        const closed = new Float64Array(model.dim);
        const enumerated = new Float64Array(model.dim);
        model.drift(x, closed);
        model.driftByEnumeration(x, enumerated);
        expect(maxAbsDiff(closed, enumerated)).toBeLessThan(1e-12);
      }),
      { numRuns: 40, seed: 20261121 },
    );
  });

  it("drift equals the dense |E|×|E| oracle on tiny games (≤ 1e-10)", () => {
    for (const seed of [1, 2, 3]) {
      const model = randomRuleModel(rule, { states: 3, actionCounts: [2, 2], successors: 2, seed });
      const x = model.initialParams();
      const drift = new Float64Array(model.dim);
      model.drift(x, drift);
      expect(maxAbsDiff(drift, oracleDrift(model, x))).toBeLessThan(1e-10);
    }
  });

  it("drift equals the Monte-Carlo mean increment within 4.5 standard errors", () => {
    for (const seed of [11, 12]) {
      const model = randomRuleModel(rule, { states: 3, actionCounts: [2, 3], successors: 2, seed });
      const x = model.initialParams();
      const drift = new Float64Array(model.dim);
      model.drift(x, drift);
      const mc = monteCarloDrift(model, x, 20_000, createRandomStream(seed, 5));
      for (let i = 0; i < model.dim; i++) {
        if (mc.standardError[i] === 0) {
          expect(Math.abs(mc.mean[i]! - drift[i]!)).toBeLessThan(1e-12);
          continue;
        }
        expect(Math.abs(mc.mean[i]! - drift[i]!) / mc.standardError[i]!).toBeLessThan(4.5);
      }
    }
  });

  it("a learner's drift does not depend on its step size beyond the factor α_i/ε", () => {
    const setup = { states: 2, actionCounts: [2, 2], successors: 2, seed: 5 };
    const a = randomRuleModel(rule, setup, { referenceRate: 1 }, { alpha: 0.02 });
    const b = randomRuleModel(rule, setup, { referenceRate: 1 }, { alpha: 0.04 });
    const x = a.initialParams();
    const da = new Float64Array(a.dim);
    const db = new Float64Array(b.dim);
    a.drift(x, da);
    b.drift(x, db);
    for (let i = 0; i < a.dim; i++) expect(db[i]).toBeCloseTo(2 * da[i]!, 13);
  });
});
