/**
 * Sample-mode TMF-PG against the PMD equilibrium on resource selection (T = 30, λ = 2), 10 seeds per
 * activation level: the gap |expl(π_PG) − expl(π*_λ)| of the unregularised exploitability and the
 * λ-regularised exploitability of the returned (tail-averaged) policy, with the sample-mode defaults.
 * Target: every seed within 1e-2 of the equilibrium's exploitability.
 *   ρ = 1:   N = 1000, K = 100 outer iterations;
 *   ρ = 0.3: N = 8000, K = 200 (measured max |gap| 0.0061; N = 4000 gave 0.0118, N = 1000 0.025).
 * Measured with the rollouts on the agent-by-agent simulator (max |gap| 0.0027 at ρ = 1); with
 * TMF-PG's former own rollout routine the ρ = 0.3 maxima were 0.0078 (N = 8000), 0.0098 (4000) and
 * ≈ 0.015 (1000), and 0.0043 at ρ = 1: the same targets, different draws.
 */
import { createResourceSelection, solveTmfEquilibrium, tmfPolicyGradient } from "@mfkit/temporal-mean-field";
import type { Bench } from "../../../test/bench/harness.js";

const LAMBDA = 2;
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

export default async (bench: Bench) => {
  const game = createResourceSelection({ horizon: 30 });
  for (const [rho, populationSize, iterations] of [
    [1, 1000, 100],
    [0.3, 8000, 200],
  ] as const) {
    const eq = solveTmfEquilibrium(game, {
      rho,
      algorithm: "pmd",
      tau: LAMBDA,
      eta: rho < 0.5 ? 0.3 : 1,
      maxIterations: 400,
      atol: 1e-13,
      rtol: 0,
      evalEvery: 50,
    });
    const gaps: number[] = [];
    const regularized: number[] = [];
    const start = performance.now();
    for (const seed of SEEDS) {
      const pg = tmfPolicyGradient(game, {
        mode: "sample",
        rho,
        populationSize,
        entropy: LAMBDA,
        iterations,
        evalEvery: iterations,
        seed,
      });
      gaps.push(pg.exploitability[pg.exploitability.length - 1] - eq.exploitability);
      regularized.push(pg.regularizedExploitability![pg.regularizedExploitability!.length - 1]);
    }
    const worst = Math.max(...gaps.map(Math.abs));
    bench.record({
      name: `TMF-PG sample mode, ρ = ${rho}, N = ${populationSize}, K = ${iterations}, 10 seeds`,
      msPerCall: (performance.now() - start) / SEEDS.length,
      target: { text: "max |gap| ≤ 1e-2", met: worst <= 1e-2 },
      note: `gaps ${gaps.map((g) => g.toFixed(4)).join(" ")}; max reg. expl ${Math.max(...regularized).toExponential(1)}`,
    });
  }
};
