/**
 * The exact short-horizon equilibria of examples/resource-selection-lcp.ts (Lemke on the reduced LCP):
 * checked through the activation-coin reduction by mean-field's exploitability, and their herding shape.
 */
import { exploitability } from "@mfkit/mean-field";
import { augmentPolicy, createResourceSelection, withActivation } from "@mfkit/temporal-mean-field";
import { describe, expect, it } from "vitest";
import { solveResourceSelectionLcp } from "../../examples/resource-selection-lcp.js";

describe("examples/resource-selection-lcp", () => {
  it.each([
    [0.3, 5],
    [0.3, 8],
    [0.1, 8],
  ])(
    "ρ = %s, T = %s: an exact equilibrium from the uniform load (exploitability ≤ 1e-12 through the reduction)",
    (rho, T) => {
      const eq = solveResourceSelectionLcp(rho, T);
      expect(eq).not.toBeNull();
      const { q } = eq!;
      for (let t = 0; t <= T; t++) {
        let sum = 0;
        for (let a = 0; a < 5; a++) {
          expect(q[t * 5 + a]).toBeGreaterThanOrEqual(0);
          sum += q[t * 5 + a]!;
        }
        expect(sum).toBeCloseTo(1, 12);
      }
      expect(eq!.exploitability).toBeLessThan(1e-12);
      // The same through @mfkit/mean-field on the augmented MFG, with π_t(·|o) = q_t for every o.
      const game = createResourceSelection({ horizon: T });
      const policy = new Float64Array((T + 1) * 25);
      for (let t = 0; t <= T; t++)
        for (let o = 0; o < 5; o++) for (let a = 0; a < 5; a++) policy[(t * 5 + o) * 5 + a] = q[t * 5 + a]!;
      expect(exploitability(withActivation(game, rho), augmentPolicy(game, policy))).toBeLessThan(1e-12);
      // Herding: at t = 0 nobody picks the two overloaded resources (μ0/κ = 2 and 4/3).
      expect(q[0]! + q[1]!).toBe(0);
    },
  );
});
