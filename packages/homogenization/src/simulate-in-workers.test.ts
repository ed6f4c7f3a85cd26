import { formatPath, MfkitError } from "@mfkit/core";
import { describe, expect, it } from "vitest";
import { parseExperimentOrThrow } from "./experiment.js";
import { simulate } from "./simulate.js";
import { simulateInWorkers } from "./simulate-in-workers.js";
import { pd4Spec } from "./test-specs.js";

describe("simulateInWorkers", () => {
  it("gives bit-identical results for 1, 2 and 3 workers and equals the in-thread simulation", async () => {
    const experiment = parseExperimentOrThrow({ ...pd4Spec(), horizon: 150, evalTimes: [0, 50, 100, 150] });
    const options = { runs: 70, seed: 11 };
    const reference = simulate(experiment, options);
    for (const workers of [1, 2, 3]) {
      const result = await simulateInWorkers(experiment, { ...options, workers });
      expect(result.runs).toBe(70);
      expect(JSON.stringify(result.meanParams)).toBe(JSON.stringify(reference.meanParams));
      expect(JSON.stringify(result.stdParams)).toBe(JSON.stringify(reference.stdParams));
      expect(JSON.stringify(result.stateFrequency)).toBe(JSON.stringify(reference.stateFrequency));
    }
  });

  it("rebuilds a worker's typed error in the calling thread, code, path and reason intact", async () => {
    // α = 3 makes Q-learning diverge (each update doubles the error): a worker hits a non-finite value.
    const spec = pd4Spec();
    for (const learner of spec.learners) learner.alpha = 3;
    const experiment = parseExperimentOrThrow({ ...spec, horizon: 20_000, evalTimes: [0, 20_000] });
    const error = await simulateInWorkers(experiment, { runs: 40, seed: 1, workers: 2 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MfkitError);
    const typed = error as MfkitError;
    expect(typed.code).toBe("non-finite");
    expect(typed.path[0]).toBe("runs");
    expect(typed.message).toBe(`${formatPath(typed.path)}: ${typed.reason}`);
    expect(typed.reason).toMatch(/^replica \d+ produced a non-finite value at iteration 20000/);
  });

  it("rejects a bad worker count with a typed error", async () => {
    const experiment = parseExperimentOrThrow(pd4Spec());
    await expect(simulateInWorkers(experiment, { runs: 10, seed: 1, workers: 0 })).rejects.toThrow(
      /workers must be an integer/,
    );
  });
});
