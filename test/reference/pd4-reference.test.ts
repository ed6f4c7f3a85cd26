/**
 * Acceptance: the homogenized ODE of mgap's prisoner's-dilemma example matches the reference solution
 * (solved independently with an 8th-order Runge–Kutta at rtol = atol = 1e-11) to ≤ 1e-7, and the
 * library's default tolerances are right to 1e-6.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { homogenize, parseExperimentOrThrow } from "@mfkit/homogenization";
import { describe, expect, it } from "vitest";

const dir = join(import.meta.dirname, "prisoners-dilemma-4");
const spec = JSON.parse(readFileSync(join(dir, "spec.json"), "utf8"));
const expected = JSON.parse(readFileSync(join(dir, "expected-ode.json"), "utf8")) as {
  t: number[];
  params: number[][][][];
  stateDistribution: number[][];
};

function supDistance(result: ReturnType<typeof homogenize>) {
  let params = 0;
  let states = 0;
  expected.t.forEach((t, k) => {
    expect(result.t[k]).toBeCloseTo(t, 12);
    for (let i = 0; i < 2; i++)
      for (let s = 0; s < 4; s++)
        for (let a = 0; a < 2; a++) {
          const got = (result.params[i]![k] as number[][])[s]![a]!;
          params = Math.max(params, Math.abs(got - expected.params[i]![k]![s]![a]!));
        }
    for (let s = 0; s < 4; s++)
      states = Math.max(
        states,
        Math.abs(result.stateDistribution[k]![s]! - expected.stateDistribution[k]![s]!),
      );
  });
  return { params, states };
}

describe("PD-4 reference (mgap's example)", () => {
  const experiment = parseExperimentOrThrow(spec);

  it("matches expected-ode.json to ≤ 1e-7 at rtol = atol = 1e-10", () => {
    const result = homogenize(experiment, { rtol: 1e-10, atol: 1e-10 });
    expect(result.status).toBe("success");
    const d = supDistance(result);
    expect(d.params).toBeLessThanOrEqual(1e-7);
    expect(d.states).toBeLessThanOrEqual(1e-7);
  });

  it("is right to 1e-6 with the default tolerances", () => {
    const d = supDistance(homogenize(experiment));
    expect(d.params).toBeLessThanOrEqual(1e-6);
    expect(d.states).toBeLessThanOrEqual(1e-6);
  });

  it("scipy-like tolerances (rtol 1e-3) are visibly off, as the reference note says", () => {
    const d = supDistance(homogenize(experiment, { rtol: 1e-3, atol: 1e-6 }));
    expect(d.params).toBeGreaterThan(1e-3);
  });
});
