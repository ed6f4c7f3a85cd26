/** The comparison plot draws every learner parameter, whatever the shape of its block. */
import { compare, parseExperimentOrThrow } from "@mfkit/homogenization";
import { describe, expect, it } from "vitest";
import { comparisonPlot } from "../../packages/cli/src/comparison-plot.js";

describe("comparisonPlot", () => {
  it("plots blocks of rank 1 (TD(0)) and rank 3 (policy mirror descent) as well as Q-tables", () => {
    const experiment = parseExperimentOrThrow({
      game: { preset: "matching-pennies" },
      learners: [
        { rule: "td0", alpha: 0.05, gamma: 0.5, init: 1 },
        {
          rule: "policy-mirror-descent",
          alpha: 0.05,
          gamma: 0,
          tau: 0.5,
          init: [[0.2, 0]],
          initCritic: [[0, 0]],
        },
      ],
      horizon: 2,
      evalTimes: [0, 1, 2],
    });
    const result = compare(experiment, { runs: 20, seed: 1 });
    const spec = comparisonPlot(experiment, result, "test") as {
      title: { subtitle?: string[] };
      data: { values: { series: string; kind: string; panel: string; y: number }[] };
    };
    // Nothing dropped as non-finite, and one ODE line per parameter (1 for V, 2·1·2 for ζ and Q̂) at each instant.
    expect(spec.title.subtitle ?? []).toEqual([]);
    const odePoints = spec.data.values.filter((v) => v.kind === "line" && v.panel !== "state law");
    expect(odePoints).toHaveLength(experiment.model.dim * 3);
    expect(odePoints.every((v) => Number.isFinite(v.y))).toBe(true);
    expect(new Set(odePoints.map((v) => v.panel)).size).toBe(3);
  });
});
