import { captureMfkitError } from "@mfkit/core";
import { exploitability } from "@mfkit/mean-field";
import { describe, expect, it } from "vitest";
import { augmentPolicy, withActivation } from "../reduction.js";
import { createResourceSelection } from "./resource-selection.js";
import { resourceSelectionEquilibrium } from "./resource-selection-equilibrium.js";

const KAPPA = [0.1, 0.15, 0.2, 0.25, 0.3];

describe("resourceSelectionEquilibrium (reduced LCP, warm-started Lemke over the horizon)", () => {
  it.each([0.3, 0.1, 1])(
    "the default game (μ0 uniform, T = 50), ρ = %s: exploitability ≤ 1e-10 through the reduction",
    (rho) => {
      const eq = resourceSelectionEquilibrium({}, { rho });
      expect(eq.horizons.at(-1)).toBe(50);
      expect(eq.exploitability).toBeLessThan(1e-10);
      // Independently: @mfkit/mean-field's exploitability of the augmented MFG.
      const game = createResourceSelection();
      expect(exploitability(withActivation(game, rho), augmentPolicy(game, eq.policy))).toBeLessThan(1e-10);
      for (let t = 0; t <= 50; t++) {
        let sum = 0;
        for (let a = 0; a < 5; a++) {
          expect(eq.choices[t * 5 + a]).toBeGreaterThanOrEqual(0);
          sum += eq.choices[t * 5 + a]!;
        }
        expect(sum).toBeCloseTo(1, 12);
      }
    },
  );

  it("ρ = 0.3: the equilibrium herds — overloaded resources are shunned at t = 0, and the load never settles at κ", () => {
    const { choices, flow } = resourceSelectionEquilibrium({}, { rho: 0.3 });
    // μ0/κ = (2, 4/3, 1, 0.8, 0.67): nobody picks resources 1 and 2 first.
    expect(choices[0]! + choices[1]!).toBe(0);
    // Prices are read before the move, so the choices keep alternating: from t = 20 to 45 some resource
    // is always more than 30% off its capacity share (measured ≈ 45–57%). No stationary load exists.
    for (let t = 20; t <= 45; t++) {
      let worst = 0;
      for (let a = 0; a < 5; a++) worst = Math.max(worst, Math.abs(flow[t * 5 + a]! / KAPPA[a]! - 1));
      expect(worst).toBeGreaterThan(0.3);
    }
  });

  it("warm starts keep Lemke short: the continuation needs far fewer pivots than a cold start at T = 16", () => {
    const warm = resourceSelectionEquilibrium({ horizon: 16 }, { rho: 0.3 });
    const cold = resourceSelectionEquilibrium({ horizon: 16 }, { rho: 0.3, startHorizon: 16 });
    expect(cold.horizons).toEqual([16]);
    const total = warm.pivots.reduce((x, y) => x + y, 0);
    expect(total).toBeLessThan(cold.pivots[0]! / 5);
    expect(warm.exploitability).toBeLessThan(1e-10);
    expect(cold.exploitability).toBeLessThan(1e-10);
  });

  it("from the stationary load κ with zero passive reward or holding: still exact", () => {
    for (const passiveReward of ["holding", "zero"] as const) {
      const eq = resourceSelectionEquilibrium({ mu0: KAPPA, passiveReward, horizon: 30 }, { rho: 0.3 });
      expect(eq.exploitability).toBeLessThan(1e-10);
    }
  });

  it("bad input → typed errors", () => {
    expect(
      captureMfkitError(() => resourceSelectionEquilibrium({ switchingCost: 0.1 }, { rho: 0.3 })),
    ).toMatchObject({
      code: "invalid-argument",
      path: ["switchingCost"],
    });
    expect(captureMfkitError(() => resourceSelectionEquilibrium({}, { rho: 0 }))?.path).toEqual([
      "options",
      "rho",
    ]);
    expect(captureMfkitError(() => resourceSelectionEquilibrium({}, { rho: 0.3, step: 0 }))?.path).toEqual([
      "options",
      "step",
    ]);
    expect(
      captureMfkitError(() =>
        resourceSelectionEquilibrium({ horizon: 12 }, { rho: 0.3, startHorizon: 12, maxPivots: 3 }),
      ),
    ).toMatchObject({ code: "not-converged", path: ["options", "maxPivots"] });
  });
});
