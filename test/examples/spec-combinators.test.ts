/**
 * Batch updates, step-size schedules, reward noise and normal-form games through the JSON spec:
 * parsed, simulated and compared with the limit, with typed errors naming the field.
 */
import { compare, iterationAt, parseExperimentOrThrow, timeOfIteration } from "@mfkit/homogenization";
import { describe, expect, it } from "vitest";

const base = {
  game: { preset: "stag-hunt", rewardNoise: { kind: "gaussian", std: 0.3 } },
  learners: [
    { rule: "expected-sarsa", alpha: 0.01, gamma: 0, tau: 0.2, epsilon: 0.1, init: [[0.5, 0.5]] },
    { rule: "faq-learning", alpha: 0.01, gamma: 0, tau: 0.2, beta: 0.1, init: [[0.6, 0.4]] },
  ],
  clock: "rescaled",
  horizon: 3,
  evalTimes: [0, 1, 2, 3],
};

describe("spec combinators", () => {
  it("reads batchSize, stepSchedule, game.rewardNoise and a preset game; the simulation follows the ODE", () => {
    const spec = { ...base, batchSize: 4, stepSchedule: { kind: "power", power: 0.5, offset: 200 } };
    const experiment = parseExperimentOrThrow(spec);
    expect(experiment.model.batchSize).toBe(4);
    expect(experiment.model.game.nStates).toBe(1);
    // Update k sits at τ = ε·G(k).
    const k = iterationAt(experiment, 2);
    expect(Math.abs(timeOfIteration(experiment, k) - 2)).toBeLessThan(experiment.referenceRate);
    const schedule = experiment.model.stepSchedule!;
    expect(timeOfIteration(experiment, 300)).toBeCloseTo(
      experiment.referenceRate * schedule.cumulative(300),
      12,
    );
    const result = compare(experiment, { runs: 300, seed: 4 });
    // Within 4.5 standard errors (the 95% half-width is 1.96 of them); the O(ε) bias at ε = 0.01 is
    // below the noise of 300 replicas (measured: at most 0.45 of this bound over seeds 4–6).
    for (const row of result.rows)
      expect(row.paramsSup).toBeLessThanOrEqual((4.5 / 1.96) * row.paramsHalfWidth + 1e-12);
  });

  it("names the field of every invalid combinator", () => {
    const cases: [Record<string, unknown>, (string | number)[]][] = [
      [{ ...base, batchSize: 0 }, ["batchSize"]],
      [{ ...base, batchSize: 1.5 }, ["batchSize"]],
      [{ ...base, stepSchedule: { kind: "cosine" } }, ["stepSchedule", "kind"]],
      [{ ...base, stepSchedule: { kind: "power", power: 0.5 } }, ["stepSchedule", "offset"]],
      [
        { ...base, game: { preset: "stag-hunt", rewardNoise: { kind: "cauchy" } } },
        ["game", "rewardNoise", "kind"],
      ],
      [
        { ...base, game: { preset: "stag-hunt", rewardNoise: { kind: "gaussian", std: -1 } } },
        ["game", "rewardNoise", "std"],
      ],
      [
        {
          ...base,
          game: {
            preset: "stag-hunt",
            rewardNoise: { kind: "discrete", values: [1, 2], probabilities: [0.5, 0.5] },
          },
        },
        ["game", "rewardNoise", "values"],
      ],
      [{ ...base, game: { preset: "chicken" } }, ["game", "preset"]],
      [{ ...base, game: { preset: "stag-hunt", colour: "red" } }, ["game", "colour"]],
    ];
    for (const [spec, path] of cases) {
      expect(() => parseExperimentOrThrow(spec)).toThrow(expect.objectContaining({ path }));
    }
  });
});
