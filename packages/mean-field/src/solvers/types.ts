/**
 * The solver interface shared by every algorithm of docs/mean-field-games.md §5 and the options and
 * result of the common driver {@link solve}.
 */
import type { GameTables } from "../evaluation.js";
import type { TieRule } from "../greedy.js";
import type { TabularPolicy } from "../model.js";
import type { PolicyEvaluator } from "../policy-evaluator.js";

/** The algorithms of the driver. */
export type Algorithm = "fp" | "omd" | "pd" | "pmd" | "fixed-point" | "softmax-fixed-point" | "munchausen";

/** Every algorithm name, in documentation order. */
export const ALGORITHMS: readonly Algorithm[] = [
  "fp",
  "fixed-point",
  "softmax-fixed-point",
  "omd",
  "munchausen",
  "pd",
  "pmd",
];

/** Options of {@link solve}. Unset parameters take the defaults documented per algorithm. */
export interface SolveOptions {
  algorithm: Algorithm;
  /** FP damping (0 → 1/(k+2), default 0); OMD / Munchausen learning rate (default 1, MFGLib). */
  alpha?: number;
  /** Prior-descent temperature η (default 1); PMD step size η (default 0.5). */
  eta?: number;
  /** PMD entropy temperature τ ≥ 0 (default 0.1). */
  tau?: number;
  /** Prior descent: refresh the prior every n_inner iterations (default null: never). */
  nInner?: number | null;
  /** Softmax fixed point temperature (default 1). */
  temperature?: number;
  /** Number of iterations K (default 100). */
  maxIterations?: number;
  /**
   * Stop when e_k ≤ atol + rtol·e_0, checked from k = 0 on (null counts as 0). As in MFGLib, the
   * criterion is off when neither is non-zero (both null or 0). Defaults 1e-3, 1e-3.
   */
  atol?: number | null;
  rtol?: number | null;
  /** Initial policy (default uniform). Multiplicative methods (PD, PMD, Munchausen) keep its zeros. */
  pi0?: TabularPolicy;
  /** Compute the exploitability trace (default true). When false: no trace and no early stopping. */
  computeExploitability?: boolean;
  /** Evaluate the exploitability every this many iterations (default 1; the last one is always evaluated). */
  evalEvery?: number;
  /** PMD update form (default "proximal"). */
  pmdForm?: "proximal" | "linearised";
  /** Tie rule of greedy best responses (default "tolerance"). */
  ties?: TieRule;
  /** Abort to stop after the current iteration; the result then has `interrupted: true`. */
  signal?: AbortSignal;
  /** Called after the initial evaluation (k = 0) and after every iteration k ≥ 1. */
  onIteration?: (k: number, exploitability: number | undefined) => void;
}

/** The trace of a run of {@link solve}. */
export interface SolveResult {
  /** The last iterate π_K (a copy). */
  policy: TabularPolicy;
  /** The iterate with the smallest evaluated exploitability (first one on ties; π_K without a trace). */
  bestPolicy: TabularPolicy;
  /** Evaluated exploitabilities e_0..e_K (every iteration when evalEvery = 1; empty without a trace). */
  exploitability: number[];
  /** The iteration index of each entry of `exploitability`. */
  evaluatedIterations: number[];
  /** Cumulative wall time in ms after each iteration (exploitability included), runtimeMs[0] = 0. */
  runtimeMs: number[];
  /** Iterations performed, K. */
  iterations: number;
  /** True when the tolerance stopped the run before maxIterations. */
  stoppedEarly: boolean;
  /** True when the signal aborted the run. */
  interrupted: boolean;
  /** τ-regularised exploitabilities (PMD with τ > 0), aligned with `exploitability`. */
  regularizedExploitability?: number[];
  /** The resolved parameters the run used (defaults filled in). */
  parameters: ResolvedParameters;
}

/** Parameters after defaults are filled in. */
export interface ResolvedParameters {
  algorithm: Algorithm;
  alpha: number;
  eta: number;
  tau: number;
  nInner: number | null;
  temperature: number;
  maxIterations: number;
  atol: number | null;
  rtol: number | null;
  evalEvery: number;
  pmdForm: "proximal" | "linearised";
  ties: TieRule;
}

/** What a solver sees: the game's tables and sizes. */
export interface SolverContext {
  readonly tables: GameTables;
  readonly nActions: number;
  /** Number of (t, s) rows, (T+1)·S. */
  readonly rows: number;
  /** Policy length, (T+1)·S·A. */
  readonly size: number;
}

/** One algorithm: π_{k+1} from π_k and its evaluation against its own flow L_k = Γ(π_k). */
export interface Solver {
  /** Writes π_{k+1} into `next`; `ev` holds π_k (ev.policyTable) evaluated lazily. */
  step(k: number, ev: PolicyEvaluator, next: Float64Array): void;
}

/** Builds a solver's state (buffers allocated here, once per run) from π_0. */
export type SolverFactory = (ctx: SolverContext, p: ResolvedParameters, pi0: TabularPolicy) => Solver;
