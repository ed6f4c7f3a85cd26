import { captureMfkitError, Either as E, isMfkitError, type MfkitError } from "@mfkit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createLeftRight } from "../environments/left-right.js";
import { createSusceptibleInfected } from "../environments/susceptible-infected.js";
import { checkKernelAt, denseKernel, meanFieldArbitrary, rewards } from "../environments/test-support.js";
import type { MeanFieldGame } from "../model.js";
import { environmentFromSpec, environmentFromSpecOrThrow } from "./environment-spec.js";

const leftRightSpec = {
  name: "left_right",
  horizon: 1,
  states: ["C", "L", "R"],
  actions: ["left", "right"],
  mu0: [1, 0, 0],
  reward: { L: "-mu(1)", R: "-2 * mu(2)" },
  transition: [{ to: "1 + a" }],
};

const sisSpec = {
  name: "susceptible_infected",
  horizon: 50,
  states: ["S", "I"],
  actions: ["out", "distance"],
  mu0: { S: 0.4, I: 0.6 },
  constants: { infection: 0.81, recovery: 0.3 },
  reward: [
    [0, -0.5],
    [-1, -1.5],
  ],
  transition: [
    { from: "S", action: "out", to: "S", p: "1 - infection * mu(1)" },
    { from: "S", action: "out", to: "I", p: "infection * mu(1)" },
    { from: "S", action: "distance", to: "S" },
    { from: "I", to: "S", p: "recovery" },
    { from: "I", to: "I", p: "1 - recovery" },
  ],
};

function errorsOf(spec: unknown): readonly MfkitError[] {
  const result = environmentFromSpec(spec);
  if (E.isRight(result)) throw new Error("expected the spec to be rejected");
  return result.left;
}

function expectSameGame(spec: MeanFieldGame, builtin: MeanFieldGame, L: Float64Array): void {
  for (let t = 0; t <= Math.min(builtin.horizon, 3); t++) {
    expect(Array.from(rewards(spec, t, L))).toEqual(Array.from(rewards(builtin, t, L)));
    expect(Array.from(denseKernel(spec, t, L))).toEqual(Array.from(denseKernel(builtin, t, L)));
  }
}

describe("environmentFromSpec", () => {
  it("re-creates left_right exactly", () => {
    const game = environmentFromSpecOrThrow(leftRightSpec);
    const builtin = createLeftRight();
    expect([game.horizon, game.nStates, game.nActions]).toEqual([1, 3, 2]);
    expect(Array.from(game.mu0)).toEqual([1, 0, 0]);
    expect(game.dependsOnMeanField).toEqual({ reward: true, transition: false });
    expect(game.timeHomogeneous).toBe(true);
    fc.assert(
      fc.property(meanFieldArbitrary(6), (L) => expectSameGame(game, builtin, L)),
      { seed: 201, numRuns: 50 },
    );
  });

  it("re-creates susceptible_infected exactly (given as a JSON string)", () => {
    const game = environmentFromSpecOrThrow(JSON.stringify(sisSpec));
    const builtin = createSusceptibleInfected();
    expect(Array.from(game.mu0)).toEqual([0.4, 0.6]);
    expect(Array.from(game.transitionPattern.rowPtr)).toEqual(Array.from(builtin.transitionPattern.rowPtr));
    expect(game.dependsOnMeanField).toEqual({ reward: false, transition: true });
    fc.assert(
      fc.property(meanFieldArbitrary(4), (L) => expectSameGame(game, builtin, L)),
      { seed: 202, numRuns: 50 },
    );
  });

  it("supports dense `next` kernels, per-next-state objects, time tables and array constants", () => {
    // Lazy random walk on a ring of 4 with a time-dependent reward and a price list.
    const ring = environmentFromSpecOrThrow({
      horizon: 3,
      states: 4,
      actions: 2,
      constants: { price: [1, 2, 4, 8] },
      reward: "price(s) * (t + 1) - a",
      transition: "next == mod(s + a, nS) ? 0.75 : 0.25 / (nS - 1)",
    });
    expect(ring.timeHomogeneous).toBe(false);
    expect(ring.dependsOnMeanField).toEqual({ reward: false, transition: false });
    const L = new Float64Array(8).fill(1 / 8);
    expect(rewards(ring, 2, L)[3 * 2 + 1]).toBe(8 * 3 - 1);
    const row = Array.from(denseKernel(ring, 0, L).subarray((3 * 2 + 1) * 4, (3 * 2 + 2) * 4));
    expect(row).toEqual([0.75, 0.25 / 3, 0.25 / 3, 0.25 / 3]);
    checkKernelAt(ring, L);
    // Same next-state law for every (s, a), depending on the mean field.
    const herd = environmentFromSpecOrThrow({
      horizon: 2,
      states: ["x", "y"],
      actions: 1,
      reward: { x: "log(mu(0) + 1)" },
      transition: { x: "mu(0)", y: "1 - mu(0)" },
    });
    const Lh = Float64Array.from([0.3, 0.7]);
    expect(Array.from(denseKernel(herd, 1, Lh))).toEqual([0.3, 0.7, 0.3, 0.7]);
    expect(rewards(herd, 0, Lh)[0]).toBeCloseTo(Math.log(1.3), 15);
    expect(rewards(herd, 0, Lh)[1]).toBe(0);
  });

  it("rejects unknown symbols, syntax errors, assignments, imports and other constructs by field", () => {
    const cases: Array<[unknown, string, string]> = [
      ["-mu(1) + foo", "unknown symbol 'foo'", "reward"],
      ["-mu(1) +", "syntax error", "reward"],
      ["x = 1", "assignment", "reward"],
      ["f(x) = 2", "assignment", "reward"],
      ["import({}, {override: true})", "", "reward"],
      ["evaluate(1)", "unknown function 'evaluate'", "reward"],
      ["mu", "must be called", "reward"],
      ["L.constructor", "not allowed", "reward"],
      ["[1, 2]", "not allowed", "reward"],
      ["'text'", "literals", "reward"],
      ["5 cm", "unknown symbol 'cm'", "reward"],
      ["2 & 3", "operator", "reward"],
    ];
    for (const [expression, text, field] of cases) {
      const errors = errorsOf({ ...leftRightSpec, reward: expression });
      expect(errors[0]!.code).toBe("invalid-expression");
      expect(errors[0]!.path[0]).toBe(field);
      expect(errors[0]!.message).toContain(text);
    }
    const imported = errorsOf({ ...leftRightSpec, reward: "import({}, {})" })[0]!;
    expect(imported.details?.symbol).toBe("import");
    const inRule = errorsOf({ ...sisSpec, transition: [{ to: "S", p: "1 - beta * mu(1)" }] })[0]!;
    expect(inRule.path).toEqual(["transition", 0, "p"]);
    expect(inRule.message).toContain("'beta'");
    const timeInTarget = errorsOf({ ...leftRightSpec, transition: [{ to: "t" }] })[0]!;
    expect(timeInTarget.path).toEqual(["transition", 0, "to"]);
  });

  it("rejects negative and non-normalised probabilities naming (t, s, a, s')", () => {
    const negative = errorsOf({ ...leftRightSpec, transition: { L: -0.5, R: 1.5 } })[0]!;
    expect(negative.code).toBe("invalid-probability");
    expect(negative.path).toEqual(["transition", 0, 0, 0, 1]);
    const unnormalised = errorsOf({ ...leftRightSpec, transition: { L: 0.5, R: 0.6 } })[0]!;
    expect(unnormalised.code).toBe("invalid-probability");
    expect(unnormalised.message).toContain("sum to 1.1");
    // Time-dependent: fails only at t = 1.
    const late = errorsOf({ ...leftRightSpec, transition: { L: "t", R: "1 - 2 * t" } })[0]!;
    expect(late.path).toEqual(["transition", 1, 0, 0, 2]);
    // Mean-field dependent: detected at the call that produces it.
    const game = environmentFromSpecOrThrow({
      ...leftRightSpec,
      transition: { L: "2 * mu(0)", R: "1 - 2 * mu(0)" },
    });
    const out = new Float64Array(game.transitionPattern.col.length);
    game.transitionValues(0, Float64Array.from([0.25, 0.25, 0.25, 0.25, 0, 0]), out);
    const thrown = captureMfkitError(() =>
      game.transitionValues(1, Float64Array.from([0.5, 0.3, 0.1, 0.1, 0, 0]), out),
    );
    expect(thrown.code).toBe("invalid-probability");
    expect(thrown.path).toEqual(["transition", 1, 0, 0, 2]);
  });

  it("rejects epochs outside 0..T with a typed error naming the game", () => {
    const { name: _, ...unnamed } = leftRightSpec;
    const game = environmentFromSpecOrThrow(unnamed);
    for (const t of [-1, 2, 0.5]) {
      const rewardError = captureMfkitError(() => game.reward(t, new Float64Array(6), new Float64Array(6)));
      expect([rewardError.code, rewardError.path]).toEqual(["invalid-argument", ["t"]]);
      expect(rewardError.message).toContain("custom: epoch");
      const out = new Float64Array(game.transitionPattern.col.length);
      const kernelError = captureMfkitError(() => game.transitionValues(t, new Float64Array(6), out));
      expect([kernelError.code, kernelError.path]).toEqual(["invalid-argument", ["t"]]);
    }
  });

  it("rejects structural problems with typed errors", () => {
    expect(errorsOf({ ...leftRightSpec, mu0: [1, 0] })[0]!.code).toBe("invalid-shape");
    expect(errorsOf({ ...leftRightSpec, mu0: [0.5, 0.6, -0.1] })[0]!.code).toBe("invalid-probability");
    expect(errorsOf({ ...leftRightSpec, horizon: undefined })[0]!.code).toBe("missing-field");
    expect(errorsOf({ ...leftRightSpec, states: 0 })[0]!.path).toEqual(["states"]);
    expect(errorsOf({ ...leftRightSpec, reward: { Q: 1 } })[0]!.code).toBe("unknown-name");
    expect(errorsOf({ ...leftRightSpec, rewards: 1 })[0]!.path).toEqual(["rewards"]);
    expect(errorsOf({ ...leftRightSpec, transition: [{ from: "L", to: "C" }] })[0]!.message).toContain(
      "no next state",
    );
    expect(errorsOf({ ...leftRightSpec, transition: [{ to: "a + 5" }] })[0]!.path).toEqual([
      "transition",
      0,
      "to",
    ]);
    expect(errorsOf({ ...leftRightSpec, constants: { mu: 1 } })[0]!.message).toContain("reserved");
    expect(errorsOf("{ not json")[0]!.code).toBe("invalid-argument");
    // Independent problems are all reported.
    expect(errorsOf({ ...leftRightSpec, mu0: [1], discount: 2 }).length).toBe(2);
    expect(() => environmentFromSpecOrThrow({ ...leftRightSpec, reward: "zz" })).toThrow(/zz/);
  });

  it("never throws an untyped exception on random or mutated specs", () => {
    const expressionish = fc.stringMatching(/^[a-zA-Z0-9_ +\-*/^()=.,:;'"[\]{}<>!?&|]{0,24}$/);
    const anyValue = fc.oneof(fc.jsonValue(), expressionish);
    const keys = [
      "name",
      "horizon",
      "states",
      "actions",
      "mu0",
      "discount",
      "constants",
      "reward",
      "transition",
    ];
    const mutated = fc
      .tuple(
        fc.constantFrom<Record<string, unknown>>(leftRightSpec, sisSpec),
        fc.constantFrom(...keys),
        anyValue,
      )
      .map(([base, key, value]) => ({ ...base, [key]: value }));
    const deepMutated = fc
      .tuple(fc.integer({ min: 0, max: 4 }), fc.constantFrom("to", "p", "from", "action"), anyValue)
      .map(([i, key, value]) => {
        const transition = sisSpec.transition.map((r) => ({ ...r })) as Record<string, unknown>[];
        transition[i]![key] = value;
        return { ...sisSpec, transition };
      });
    // Valid specs whose evaluation can fail at L below (p = infection·μ(I) > 1, log 0, sqrt of < 0),
    // so that the typed-error branch of evaluation is exercised, not only rejection at build time.
    const failingAtEvaluation = fc.oneof(
      fc
        .double({ min: -1, max: 4, noNaN: true })
        .map((infection) => ({ ...sisSpec, constants: { ...sisSpec.constants, infection } })),
      fc
        .constantFrom("-mu(1)", "log(mu(1) - mu(1))", "sqrt(mu(1) - 0.5)", "log(mu(s))")
        .map((L) => ({ ...leftRightSpec, reward: { ...leftRightSpec.reward, L } })),
    );
    const L = Float64Array.from([0.1, 0.2, 0.3, 0.1, 0.2, 0.1]);
    let evaluated = 0;
    let failed = 0;
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), mutated, deepMutated, failingAtEvaluation), (spec) => {
        const result = environmentFromSpec(spec);
        if (E.isLeft(result)) {
          expect(result.left.length).toBeGreaterThan(0);
          for (const error of result.left) expect(isMfkitError(error)).toBe(true);
          return;
        }
        const game = result.right;
        const size = game.nStates * game.nActions;
        const Lg = size === 6 ? L : new Float64Array(size).fill(1 / size);
        try {
          for (let t = 0; t <= Math.min(game.horizon, 2); t++) {
            game.reward(t, Lg, new Float64Array(size));
            game.transitionValues(t, Lg, new Float64Array(game.transitionPattern.col.length));
          }
          evaluated++;
        } catch (error) {
          expect(isMfkitError(error)).toBe(true);
          failed++;
        }
      }),
      { seed: 203, numRuns: 400 },
    );
    // Both outcomes of evaluating a built game must have been exercised (seeded: 51 and 54 of the 105 built).
    expect(evaluated).toBeGreaterThan(20);
    expect(failed).toBeGreaterThan(20);
  });
});
