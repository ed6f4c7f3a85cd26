import { captureMfkitError, Either as E } from "@mfkit/core";
import { describe, expect, it } from "vitest";
import { AgentPopulation } from "./agent-simulation.js";
import { CountPopulation } from "./count-simulation.js";
import { createQueueing } from "./games/queueing.js";
import { createResourceSelection } from "./games/resource-selection.js";
import type { TemporalMeanFieldGame } from "./model.js";
import { meanFieldFlow } from "./recursion.js";
import { withActivation } from "./reduction.js";
import { sampleBinomialChecked, sampleHypergeometricChecked } from "./samplers.js";
import { tmfPolicyGradient } from "./tmf-pg.js";
import { validateActivation, validateTmfGame } from "./validation.js";

const game = createQueueing();

describe("typed errors on bad input", () => {
  it("B > N, B < 1, non-integer B, ρ outside (0, 1]", () => {
    const tooBig = captureMfkitError(() => new CountPopulation(game, 10, { kind: "uniform", batch: 11 }));
    expect(tooBig.code).toBe("invalid-argument");
    expect(tooBig.path).toEqual(["activation", "batch"]);
    expect(
      captureMfkitError(() => new AgentPopulation(game, 10, { kind: "uniform", batch: 0 })).path,
    ).toEqual(["activation", "batch"]);
    expect(
      captureMfkitError(() => new AgentPopulation(game, 10, { kind: "roundRobin", batch: 2.5 })).code,
    ).toBe("invalid-argument");
    const p = validateActivation({ kind: "bernoulli", p: 0 }, 10);
    expect(E.isLeft(p) && p.left[0].code).toBe("invalid-probability");
    expect(captureMfkitError(() => meanFieldFlow(game, new Float64Array(12).fill(1 / 3), 1.5)).path).toEqual([
      "rho",
    ]);
    expect(captureMfkitError(() => withActivation(game, 0)).code).toBe("invalid-probability");
    expect(captureMfkitError(() => new CountPopulation(game, 0, { kind: "uniform", batch: 1 })).path).toEqual(
      ["populationSize"],
    );
  });

  it("a non-stochastic passive kernel names o and o'", () => {
    const broken: TemporalMeanFieldGame = {
      ...createResourceSelection(),
      passiveKernel(_mu, out) {
        out.fill(0);
        for (let o = 0; o < 5; o++) out[o * 5 + o] = 1;
        out[2 * 5 + 2] = 1.2;
        out[2 * 5 + 4] = -0.2;
      },
    };
    const result = validateTmfGame(broken);
    expect(E.isLeft(result)).toBe(true);
    if (E.isLeft(result)) {
      const negative = result.left.find((e) => e.path.length === 3);
      expect(negative?.code).toBe("invalid-probability");
      expect(negative?.path).toEqual(["passiveKernel", 2, 4]);
    }
    const rowSum: TemporalMeanFieldGame = {
      ...createResourceSelection(),
      passiveKernel(_mu, out) {
        out.fill(0);
        for (let o = 0; o < 5; o++) out[o * 5 + o] = o === 3 ? 0.5 : 1;
      },
    };
    const bad = captureMfkitError(() => new CountPopulation(rowSum, 10, { kind: "uniform", batch: 2 }));
    expect(bad.code).toBe("invalid-probability");
    expect(bad.path).toEqual(["passiveKernel", 3]);
  });

  it("bad game parameters, sampler arguments and learner options", () => {
    expect(captureMfkitError(() => createResourceSelection({ capacities: [0.5, -1] })).path).toEqual([
      "capacities",
      1,
    ]);
    expect(captureMfkitError(() => createQueueing({ arrivalRate: 2 })).path).toEqual(["arrivalRate"]);
    const discount = validateTmfGame({ ...createResourceSelection(), discount: 0 });
    expect(E.isLeft(discount) && discount.left[0].path).toEqual(["discount"]);
    expect(
      captureMfkitError(() => sampleBinomialChecked(10.5, 0.5, { next: () => 0.5 } as never)).path,
    ).toEqual(["n"]);
    expect(captureMfkitError(() => sampleBinomialChecked(10, 1.5, { next: () => 0.5 } as never)).code).toBe(
      "invalid-probability",
    );
    expect(
      captureMfkitError(() => sampleHypergeometricChecked(10, 11, 2, { next: () => 0.5 } as never)).path,
    ).toEqual(["good"]);
    expect(captureMfkitError(() => tmfPolicyGradient(game, { stepSize: -1 })).path).toEqual(["stepSize"]);
    expect(captureMfkitError(() => tmfPolicyGradient(game, { mode: "nope" as never })).code).toBe(
      "unknown-name",
    );
  });
});
