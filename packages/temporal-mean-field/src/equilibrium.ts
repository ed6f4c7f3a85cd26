/**
 * TMF equilibria through the activation-coin reduction (docs/temporal-mean-field.md §4): build the
 * augmented MFG on (o, ω) with {@link withActivation}, run `@mfkit/mean-field`'s `solve` on it, and
 * read the TMF policy off the active rows. The exploitability reported is the direct TMF one
 * (`randomActivation`, equal to the augmented MFG's; cross-checked in the tests), and with an
 * entropy weight λ = τ > 0 (PMD) the λ-regularised one as well.
 */

import { MfkitError } from "@mfkit/core";
import {
  type Algorithm,
  type PolishOptions,
  polishEquilibrium,
  type SolveOptions,
  solve,
} from "@mfkit/mean-field";
import type { TemporalMeanFieldGame } from "./model.js";
import { meanFieldFlow } from "./recursion.js";
import { activePolicy, augmentPolicy, withActivation } from "./reduction.js";
import { tmfExploitability, tmfValues } from "./values.js";

/** Options of {@link solveTmfEquilibrium}: the rate ρ plus `@mfkit/mean-field`'s solver options. */
export interface TmfSolveOptions extends Omit<SolveOptions, "pi0" | "algorithm"> {
  /** Activation rate ρ ∈ (0, 1]. */
  rho: number;
  /**
   * MFG algorithm. Default: OMD (α = 1) at ρ = 1; annealed PMD (`anneal: true`) at ρ < 1. An explicit
   * `omd` takes α = 0.1 at ρ < 1 unless α is set (α = 1 cycles and diverges there).
   */
  algorithm?: Algorithm;
  /**
   * Homotopy in the entropy weight: PMD stages at τ_j = tau0·factor^j, j = 0..stages−1, each run for
   * `maxIterations` (default 100) with step η (default 0.3) and warm-started from the previous stage's last iterate; the result
   * is the least (unregularised) exploitable evaluated iterate over all stages. Implies `pmd`.
   */
  anneal?: boolean | TmfAnnealing;
  /** Initial TMF policy (time-indexed |O|·|A| rows; default uniform). */
  pi0?: Float64Array;
  /**
   * After the solver, polish its policy into an exact equilibrium of the augmented MFG with
   * `@mfkit/mean-field`'s active-set Newton method (`polishEquilibrium`); `true` uses its defaults.
   * The polished policy is kept only when it lowers the exploitability.
   */
  polish?: boolean | PolishOptions;
}

/** How the optional polish went (see {@link TmfSolveOptions.polish}). */
export interface TmfPolishReport {
  /** True when the equilibrium conditions hold to the polish tolerance. */
  converged: boolean;
  /** Exploitability of the solver's policy before polishing. */
  before: number;
  /** Largest indifference residual |Q(a) − Q(a_ref)| on the supports. */
  residual: number;
  unknowns: number;
  iterations: number;
  runtimeMs: number;
}

/** The τ schedule of an annealed PMD solve (defaults: tau0 = 0.3, factor = 0.85, stages = 40). */
export interface TmfAnnealing {
  tau0?: number;
  factor?: number;
  stages?: number;
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
  /** Present when `polish` was requested. */
  polish?: TmfPolishReport;
}

/**
 * Solves a TMF game at rate ρ by the reduction and `@mfkit/mean-field`'s `solve` (optionally as an
 * annealed sequence of PMD solves, see {@link TmfSolveOptions.anneal}).
 */
export function solveTmfEquilibrium(game: TemporalMeanFieldGame, options: TmfSolveOptions): TmfSolveResult {
  const { rho, pi0, anneal, algorithm: requested, polish, ...rest } = options;
  const annealing = anneal === undefined ? requested === undefined && rho < 1 : anneal !== false;
  if (annealing && requested !== undefined && requested !== "pmd") {
    throw new MfkitError("invalid-argument", `annealing runs PMD, not ${requested}`, [
      "options",
      "algorithm",
    ]);
  }
  const algorithm: Algorithm = annealing ? "pmd" : (requested ?? "omd");
  const augmented = withActivation(game, rho);
  const solveOptions: SolveOptions = { ...rest, algorithm };
  // OMD at α = 1 (the MFG default) cycles and diverges on the resource game when ρ < 1; α = 0.1
  // was the best step we measured there (docs/temporal-mean-field.md §4).
  if (algorithm === "omd" && rest.alpha === undefined && rho < 1) solveOptions.alpha = 0.1;
  if (pi0 !== undefined) solveOptions.pi0 = augmentPolicy(game, pi0);
  let policy: Float64Array;
  let tau: number | undefined;
  const trace: number[] = [];
  const runtimeMs: number[] = [];
  let iterations = 0;
  let interrupted = false;
  if (annealing) {
    const schedule = typeof anneal === "object" ? anneal : {};
    const tau0 = schedule.tau0 ?? 0.3;
    const factor = schedule.factor ?? 0.85;
    const stages = schedule.stages ?? 40;
    if (!(tau0 > 0 && Number.isFinite(tau0))) {
      throw new MfkitError("invalid-argument", `tau0 must be positive, got ${tau0}`, [
        "options",
        "anneal",
        "tau0",
      ]);
    }
    if (!(factor > 0 && factor < 1)) {
      throw new MfkitError("invalid-argument", `factor must be in (0, 1), got ${factor}`, [
        "options",
        "anneal",
        "factor",
      ]);
    }
    if (!(Number.isInteger(stages) && stages >= 1)) {
      throw new MfkitError("invalid-argument", `stages must be an integer ≥ 1, got ${stages}`, [
        "options",
        "anneal",
        "stages",
      ]);
    }
    solveOptions.maxIterations = rest.maxIterations ?? 100;
    solveOptions.eta = rest.eta ?? 0.3;
    // Every stage runs in full unless a tolerance is given (the MFG defaults, relative to e_0 of each
    // stage, would end the homotopy early).
    solveOptions.atol = rest.atol ?? 0;
    solveOptions.rtol = rest.rtol ?? 0;
    let best = Number.POSITIVE_INFINITY;
    let bestPolicy: Float64Array | undefined;
    let elapsed = 0;
    let stageTau = tau0;
    for (let stage = 0; stage < stages; stage++) {
      const run = solve(augmented, { ...solveOptions, tau: stageTau });
      const stageBest =
        run.exploitability.length > 0 ? Math.min(...run.exploitability) : Number.POSITIVE_INFINITY;
      if (bestPolicy === undefined || stageBest < best) {
        best = stageBest;
        bestPolicy = run.bestPolicy;
      }
      trace.push(...(stage === 0 ? run.exploitability : run.exploitability.slice(1)));
      for (let i = stage === 0 ? 0 : 1; i < run.runtimeMs.length; i++)
        runtimeMs.push(elapsed + run.runtimeMs[i]);
      elapsed = runtimeMs[runtimeMs.length - 1];
      iterations += run.iterations;
      interrupted = run.interrupted;
      if (run.interrupted || run.stoppedEarly) break;
      solveOptions.pi0 = run.policy;
      stageTau *= factor;
    }
    policy = activePolicy(game, bestPolicy!);
  } else {
    const run = solve(augmented, solveOptions);
    tau = algorithm === "pmd" ? run.parameters.tau : undefined;
    // A regularised run converges to the regularised equilibrium: keep its last iterate (the
    // unregularised "best" iterate is another point). Otherwise keep the least exploitable iterate.
    policy = activePolicy(game, tau !== undefined && tau > 0 ? run.policy : run.bestPolicy);
    trace.push(...run.exploitability);
    runtimeMs.push(...run.runtimeMs);
    iterations = run.iterations;
    interrupted = run.interrupted;
  }
  let polishReport: TmfPolishReport | undefined;
  if (polish !== undefined && polish !== false && !interrupted) {
    const start = performance.now();
    const polished = polishEquilibrium(augmented, augmentPolicy(game, policy), polish === true ? {} : polish);
    policy = activePolicy(game, polished.policy);
    polishReport = {
      converged: polished.converged,
      before: polished.initialExploitability,
      residual: polished.residual,
      unknowns: polished.unknowns,
      iterations: polished.iterations,
      runtimeMs: performance.now() - start,
    };
  }
  const flow = meanFieldFlow(game, policy, rho);
  const { V } = tmfValues(game, flow, rho, policy);
  let returnPerAgent = 0;
  for (let o = 0; o < game.nObs; o++) returnPerAgent += game.mu0[o] * V[o];
  const result: TmfSolveResult = {
    policy,
    flow,
    exploitability: tmfExploitability(game, policy, rho),
    returnPerAgent,
    trace,
    runtimeMs,
    iterations,
    interrupted,
  };
  if (polishReport) result.polish = polishReport;
  if (tau !== undefined && tau > 0) {
    result.regularizedExploitability = tmfExploitability(game, policy, rho, { entropy: tau });
  }
  return result;
}
