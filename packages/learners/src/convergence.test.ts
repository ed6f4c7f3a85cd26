/**
 * The simulation mean converges to the limit ODE as the step shrinks (docs/homogenization.md §5.3):
 * one random 3-state, 2-player game per rule, every learner at rate α, horizon τ = 4, 2000 replicas.
 * The error (sup over parameters and four instants) must fall by at least 40% from α = 0.08 to
 * α = 0.02 (an O(α) bias would fall by 75%; the replica noise is about a quarter of the α = 0.08 error).
 */
import { describe, expect, it } from "vitest";
import { convergenceTable } from "./convergence-fixtures.js";
import { NEW_RULES } from "./rule-fixtures.js";

describe.each(NEW_RULES)("%s: simulation → ODE", (rule) => {
  it("the error shrinks with the step size", () => {
    const rows = convergenceTable(
      rule,
      { states: 3, actionCounts: [2, 2], successors: 2, seed: 3 },
      [0.08, 0.02],
      4,
      2000,
    );
    expect(rows[1]!.error).toBeLessThan(0.6 * rows[0]!.error);
  });
});
