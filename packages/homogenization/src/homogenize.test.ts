import { describe, expect, it } from "vitest";
import { compareSimulation } from "./compare.js";
import { parseExperimentOrThrow } from "./experiment.js";
import { homogenize } from "./homogenize.js";
import { simulate } from "./simulate.js";
import { pd4Spec } from "./test-specs.js";

/** PD-4 over 200 iterations (iteration clock), recorded at 11 instants. */
function pd4Short() {
  return parseExperimentOrThrow({
    ...pd4Spec(),
    horizon: 200,
    evalTimes: Array.from({ length: 11 }, (_, k) => k * 20),
  });
}

function supDistance(a: readonly Float64Array[], b: readonly Float64Array[]): number {
  let sup = 0;
  for (let k = 0; k < a.length; k++)
    for (let d = 0; d < a[k]!.length; d++) sup = Math.max(sup, Math.abs(a[k]![d]! - b[k]![d]!));
  return sup;
}

describe("homogenize", () => {
  it("rk4 with a fixed step converges to the tight dopri5 path at fourth order", () => {
    const experiment = pd4Short();
    const reference = homogenize(experiment, { rtol: 1e-12, atol: 1e-12 });
    const errors = [20, 10].map((step) =>
      supDistance(homogenize(experiment, { method: "rk4", step }).x, reference.x),
    );
    // Halving the step divides the global error by 2⁴ = 16 (the reference's own error, ~1e-11, is
    // about 1% of the step-10 error): the step reaches the integrator.
    expect(errors[1]!).toBeLessThan(1e-8);
    expect(errors[0]! / errors[1]!).toBeGreaterThan(14);
    expect(errors[0]! / errors[1]!).toBeLessThan(18);
  });

  it("compareSimulation solves the ODE with the given method and step", () => {
    const experiment = pd4Short();
    const simulation = simulate(experiment, { runs: 2, seed: 1 });
    const result = compareSimulation(experiment, simulation, { method: "rk4", step: 2 });
    const direct = homogenize(experiment, { method: "rk4", step: 2 }, simulation.clockTimes);
    expect(supDistance(result.ode.x, direct.x)).toBe(0);
    const dopri = homogenize(experiment, {}, simulation.clockTimes);
    expect(supDistance(result.ode.x, dopri.x)).toBeGreaterThan(0);
  });
});
