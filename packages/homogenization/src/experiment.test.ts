import { captureMfkitError, isMfkitError, MfkitError } from "@mfkit/core";
import { registerLearnerRule } from "@mfkit/learners";
import fc from "fast-check";
import { isLeft } from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { parseExperiment, parseExperimentOrThrow } from "./experiment.js";
import { homogenize } from "./homogenize.js";
import { pd4Spec } from "./test-specs.js";

const errorOf = (spec: unknown): MfkitError => {
  const result = parseExperiment(spec);
  if (!isLeft(result)) throw new Error("expected a validation error");
  return result.left[0]!;
};

describe("parseExperiment", () => {
  it("accepts the PD-4 spec", () => {
    const e = parseExperimentOrThrow(pd4Spec());
    expect(e.clock).toBe("iterations");
    expect(e.referenceRate).toBe(0.01);
    expect(e.evalTimes).toHaveLength(100);
    expect(e.model.dim).toBe(16);
  });

  it("names the place of every kind of bad input", () => {
    const cases: [(s: ReturnType<typeof pd4Spec>) => void, string, string][] = [
      [(s) => delete (s as Record<string, unknown>).horizon, "missing-field", "horizon"],
      [(s) => delete (s as Record<string, unknown>).learners, "missing-field", "learners"],
      [(s) => (s.learners[1]!.rule = "sarsa-typo"), "unknown-name", "learners[1].rule"],
      [(s) => (s.learners[0]!.alpha = -0.1), "invalid-argument", "learners[0].alpha"],
      [(s) => (s.learners[1]!.tau = 0), "invalid-argument", "learners[1].tau"],
      [(s) => (s.learners[0]!.gamma = 1), "invalid-argument", "learners[0].gamma"],
      [(s) => (s.learners[0]!.aplha = 0.1), "invalid-argument", "learners[0].aplha"],
      [(s) => (s.learners[0]!.init = [[1, 2]]), "invalid-shape", "learners[0].init"],
      [(s) => s.learners.pop(), "invalid-shape", "learners"],
      [
        (s) => (s.game.transitions[1]![0]![1]![2] = -1),
        "invalid-probability",
        "game.transitions[1][0][1][2]",
      ],
      [
        (s) => (s.game.rewards[2]![1]![0]![1] = Number.POSITIVE_INFINITY),
        "non-finite",
        "game.rewards[2][1][0][1]",
      ],
      [(s) => ((s as Record<string, unknown>).clock = "seconds"), "invalid-argument", "clock"],
      [(s) => ((s as Record<string, unknown>).horizon = -5), "invalid-argument", "horizon"],
      [(s) => ((s as Record<string, unknown>).evalTimes = [0, 5, 2]), "invalid-argument", "evalTimes[2]"],
      [(s) => ((s as Record<string, unknown>).evalTimes = [0, 2000]), "invalid-argument", "evalTimes[1]"],
      [(s) => ((s as Record<string, unknown>).extra = 1), "invalid-argument", "extra"],
    ];
    for (const [mutate, code, where] of cases) {
      const spec = pd4Spec();
      mutate(spec);
      const error = errorOf(spec);
      expect(error.code, where).toBe(code);
      expect(error.message.startsWith(`${where}:`), `${error.message} should start with ${where}`).toBe(true);
    }
  });

  it("diagnoses a reducible game (two absorbing states)", () => {
    const spec = {
      game: { rewards: [[[0]], [[1]]], transitions: [[[1, 0]], [[0, 1]]] },
      learners: [{ rule: "q-learning", alpha: 0.1, gamma: 0.5, tau: 1 }],
      horizon: 10,
    };
    const error = errorOf(spec);
    expect(error.code).toBe("reducible-chain");
    expect(error.message).toContain("2 closed classes {0}, {1}");
  });

  it("reports a limit ODE whose right-hand side is not finite as non-finite", () => {
    // A rule whose update reads log(−x): NaN from the first evaluation.
    registerLearnerRule("test-not-a-number", ({ game, player }) => ({
      rule: "test-not-a-number",
      player,
      paramShape: [1],
      paramSize: 1,
      rate: 0.1,
      initialParams: Float64Array.of(1),
      policy(_x, _o, _s, out, outOffset) {
        const A = game.actionCounts[player]!;
        for (let b = 0; b < A; b++) out[outOffset + b] = 1 / A;
      },
      addIncrement(x, offset, _e, weight, out, outOffset) {
        out[outOffset] += weight * Math.log(-x[offset]!);
      },
    }));
    const experiment = parseExperimentOrThrow({
      game: { rewards: [[[0]]], transitions: [[[1]]] },
      learners: [{ rule: "test-not-a-number" }],
      horizon: 1,
    });
    const error = captureMfkitError(() => homogenize(experiment));
    expect(error.code).toBe("non-finite");
    expect(error.path).toEqual(["horizon"]);
  });

  it("reports an exploding limit ODE with the time reached", () => {
    // A rule whose averaged dynamics is dx/dτ = x² (blow-up at τ = 1/x0 = 0.5).
    registerLearnerRule("test-explosive", ({ game, player }) => ({
      rule: "test-explosive",
      player,
      paramShape: [1],
      paramSize: 1,
      rate: 0.1,
      initialParams: Float64Array.of(2),
      policy(_x, _o, _s, out, outOffset) {
        const A = game.actionCounts[player]!;
        for (let b = 0; b < A; b++) out[outOffset + b] = 1 / A;
      },
      addIncrement(x, offset, _e, weight, out, outOffset) {
        out[outOffset] += weight * x[offset]! * x[offset]!;
      },
    }));
    const experiment = parseExperimentOrThrow({
      game: { rewards: [[[0]]], transitions: [[[1]]] },
      learners: [{ rule: "test-explosive" }],
      horizon: 2,
    });
    try {
      homogenize(experiment);
      throw new Error("expected a typed error");
    } catch (error) {
      expect(isMfkitError(error)).toBe(true);
      const e = error as MfkitError;
      expect(["ode-blow-up", "ode-step-underflow"]).toContain(e.code);
      expect(Math.abs((e.details?.tReached as number) - 0.5)).toBeLessThan(1e-3);
      expect(e.message).toMatch(/stopped at t = 0\.(49|50)/);
    }
  });

  it("fuzz: malformed specs give typed errors, never a crash or an untyped exception", () => {
    const base = pd4Spec();
    const junk = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.constant(Number.NaN),
      fc.constant(Number.POSITIVE_INFINITY),
      fc.double(),
      fc.integer({ min: -3, max: 5 }),
      fc.string({ maxLength: 5 }),
      fc.array(fc.double(), { maxLength: 3 }),
      fc.constant([]),
      fc.constant({}),
    );
    // A random path into the spec (object keys or array indices) and a value to put there.
    const pathArb = fc.array(
      fc.oneof(
        fc.constantFrom(
          "game",
          "learners",
          "rewards",
          "transitions",
          "horizon",
          "clock",
          "evalTimes",
          "alpha",
          "tau",
          "init",
          "rule",
          "gamma",
          "epsilon",
        ),
        fc.nat(4),
      ),
      { minLength: 1, maxLength: 7 },
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(pathArb, junk), { minLength: 1, maxLength: 3 }), (mutations) => {
        const spec = structuredClone(base) as unknown as Record<string, unknown>;
        for (const [path, value] of mutations) {
          let node: unknown = spec;
          for (let k = 0; k < path.length - 1 && typeof node === "object" && node !== null; k++) {
            node = (node as Record<string | number, unknown>)[path[k]!];
          }
          if (typeof node === "object" && node !== null)
            (node as Record<string | number, unknown>)[path[path.length - 1]!] = value;
        }
        const result = parseExperiment(spec);
        if (isLeft(result)) {
          expect(result.left[0]).toBeInstanceOf(MfkitError);
          return;
        }
        try {
          if (result.right.horizon <= 2000) homogenize(result.right, { rtol: 1e-6, atol: 1e-8 });
        } catch (error) {
          expect(error).toBeInstanceOf(MfkitError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
