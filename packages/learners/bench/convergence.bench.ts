/**
 * The simulation mean against the limit ODE at three step sizes for every rule (the table of
 * docs/learners.md): one random 3-state, 2-player game (seed 3), every learner at rate α, horizon
 * τ = 4, 4000 replicas; error = sup over parameters and τ ∈ {1, 2, 3, 4} of |mean − x(τ)|, noise = the
 * largest standard error of the mean. An O(α) bias halves with α.
 */
import type { Bench } from "../../../test/bench/harness.js";
import { convergenceTable } from "../src/convergence-fixtures.js";
import { NEW_RULES } from "../src/rule-fixtures.js";

export default function convergence(bench: Bench) {
  for (const rule of ["q-learning", ...NEW_RULES]) {
    const start = performance.now();
    const rows = convergenceTable(
      rule,
      { states: 3, actionCounts: [2, 2], successors: 2, seed: 3 },
      [0.08, 0.04, 0.02],
      4,
      4000,
    );
    bench.record({
      name: `${rule}: sim-vs-ODE error at α = 0.08 / 0.04 / 0.02`,
      msPerCall: performance.now() - start,
      note: rows.map((r) => `${r.error.toExponential(1)} (±${r.noise.toExponential(0)})`).join(" / "),
    });
  }
}
