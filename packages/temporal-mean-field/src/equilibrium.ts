/**
 * TMF equilibria through the activation-coin reduction (docs/temporal-mean-field.md §4): build the
 * augmented MFG on (o, ω) with {@link withActivation}, run `@mfkit/mean-field`'s `solve` on it, and
 * read the TMF policy off the active rows. The exploitability reported is the direct TMF one
 * (`randomActivation`, equal to the augmented MFG's; cross-checked in the tests), and with an
 * entropy weight λ = τ > 0 (PMD) the λ-regularised one as well.
 */
import { type Algorithm, type SolveOptions, solve } from "@mfkit/mean-field";
import type { TemporalMeanFieldGame } from "./model.js";
import { meanFieldFlow } from "./recursion.js";
import { activePolicy, augmentPolicy, withActivation } from "./reduction.js";
import { tmfExploitability, tmfValues } from "./values.js";

/** Options of {@link solveTmfEquilibrium}: the rate ρ plus `@mfkit/mean-field`'s solver options. */
export interface TmfSolveOptions extends Omit<SolveOptions, "pi0" | "algorithm"> {
  /** Activation rate ρ ∈ (0, 1]. */
  rho: number;
  /** MFG algorithm (default `omd`; its step α defaults to 1 at ρ = 1 and to 0.1 at ρ < 1). */
  algorithm?: Algorithm;
  /** Initial TMF policy (time-indexed |O|·|A| rows; default uniform). */
  pi0?: Float64Array;
}

/** An equilibrium found through the reduction, with its flow, exploitabilities and return. */
export interface TmfSolveResult {
  /** The TMF policy π_t(a|o) (the best iterate's active rows). */
  policy: Float64Array;
  /** The mean-field flow μ_0..μ_T of `policy` at rate ρ. */
  flow: Float64Array;
  /** Unregularised exploitability of `policy` (direct TMF computation). */
  exploitability: number;
  /** λ-regularised exploitability when the algorithm is PMD with τ > 0. */
  regularizedExploitability?: number;
  /** J = Σ_o μ0(o) V_0(o) of `policy`. */
  returnPerAgent: number;
  /** The MFG solver's exploitability trace on the augmented game. */
  trace: number[];
  runtimeMs: number[];
  iterations: number;
  interrupted: boolean;
}

/** Solves a TMF game at rate ρ by the reduction and `@mfkit/mean-field`'s `solve`. */
export function solveTmfEquilibrium(game: TemporalMeanFieldGame, options: TmfSolveOptions): TmfSolveResult {
  const { rho, pi0, algorithm = "omd", ...rest } = options;
  const augmented = withActivation(game, rho);
  const solveOptions: SolveOptions = { ...rest, algorithm };
  // OMD at α = 1 (the MFG default) cycles and diverges on the resource game when some ρ < 1; α = 0.1
  // was the best step we measured there (docs/temporal-mean-field.md §4).
  if (algorithm === "omd" && rest.alpha === undefined && rho < 1) solveOptions.alpha = 0.1;
  if (pi0 !== undefined) solveOptions.pi0 = augmentPolicy(game, pi0);
  const run = solve(augmented, solveOptions);
  const tau = algorithm === "pmd" ? run.parameters.tau : undefined;
  // A regularised run converges to the regularised equilibrium: keep its last iterate (the
  // unregularised "best" iterate is another point). Otherwise keep the least exploitable iterate.
  const policy = activePolicy(game, tau !== undefined && tau > 0 ? run.policy : run.bestPolicy);
  const flow = meanFieldFlow(game, policy, rho);
  const { V } = tmfValues(game, flow, rho, policy);
  let returnPerAgent = 0;
  for (let o = 0; o < game.nObs; o++) returnPerAgent += game.mu0[o] * V[o];
  const result: TmfSolveResult = {
    policy,
    flow,
    exploitability: tmfExploitability(game, policy, rho),
    returnPerAgent,
    trace: run.exploitability,
    runtimeMs: run.runtimeMs,
    iterations: run.iterations,
    interrupted: run.interrupted,
  };
  if (tau !== undefined && tau > 0) {
    result.regularizedExploitability = tmfExploitability(game, policy, rho, { entropy: tau });
  }
  return result;
}
