/**
 * Entropy-regularised policy mirror descent (docs/induced-mfg.md §7), proximal form:
 *
 *     π_k = softmax(ζ_k),   ζ_{k+1} = (ζ_k + η·Q̂_k)/(1 + ητ),   ζ_0 = 0 (π_0 uniform)
 *
 * with Q̂_k = TD_N(π_k, M, τ) from pooled N-player trajectories (`pooled-td`), the exact Q^τ of the
 * induced MFG against Γ(π_k) (`exact`), or per-agent independent TD estimates (`independent`, each
 * agent its own ζ^i). Returns the last iterate. The equilibrium approached: with `exact`, the induced
 * MFG's (size N); with `pooled-td`, the induced game's up to TD's bias; `independent`, per-agent.
 */
import { MfkitError } from "@mfkit/core";
import {
  exploitability,
  forwardFlow,
  type MeanFieldGame,
  regularizedPolicyValues,
  softmaxInto,
  type TabularPolicy,
} from "@mfkit/mean-field";
import type { NPlayerGame } from "./game.js";
import { inducedMeanFieldGame } from "./induced.js";
import { createTDState, independentTD, pooledTD } from "./td.js";

/** Where PMD's Q comes from: pooled TD_N over all agents, the exact induced-MFG Q, or one TD per agent. */
export type QEstimator = "pooled-td" | "exact" | "independent";

/** Options of {@link learnPMD}: ζ_{k+1} = (ζ_k + η·Q̂_k)/(1 + ητ), π_k = softmax(ζ_k) (the module comment). */
export interface PMDOptions {
  /** Step size η > 0 (default 0.5). */
  eta?: number;
  /** Temperature τ ≥ 0 (default 0.1). */
  tau?: number;
  iterations: number;
  /** Episodes M per iteration for the TD estimators (default 10). */
  episodesPerIteration?: number;
  estimator?: QEstimator;
  seed?: number;
  /** Keep TD estimates across iterations (warm start; default false: a fresh TD_N per iteration). */
  warmStart?: boolean;
  /** Evaluate the induced-MFG exploitability every this many iterations (default 1; 0 = never). */
  evalEvery?: number;
  /** The MFG used for exact Q and for evaluation (default: the nearest-grid induced MFG). */
  mfg?: MeanFieldGame;
  signal?: AbortSignal;
  onIteration?: (k: number, exploitability: number | undefined) => void;
}

/** The PMD run: last iterate, exploitability trace and simulated agent-steps. */
export interface PMDResult {
  /** The last iterate (for `independent`: the agents' average policy). */
  policy: TabularPolicy;
  /** Per-agent last iterates (`independent` only). */
  agentPolicies?: TabularPolicy[];
  /** Unregularised exploitability in the induced MFG, by iteration (NaN where not evaluated). */
  exploitability: number[];
  iterations: number;
  /** N-player agent-steps simulated. */
  agentSteps: number;
  estimator: QEstimator;
  /** Which equilibrium the run approaches (for output labels). */
  target: string;
}

/** Runs PMD on an N-player game with the chosen Q estimator. */
export function learnPMD(game: NPlayerGame, options: PMDOptions): PMDResult {
  const eta = options.eta ?? 0.5;
  const tau = options.tau ?? 0.1;
  if (!(eta > 0) || !Number.isFinite(eta))
    throw new MfkitError("invalid-argument", `eta must be > 0, got ${eta}`, ["eta"]);
  if (!(tau >= 0) || !Number.isFinite(tau))
    throw new MfkitError("invalid-argument", `tau must be ≥ 0, got ${tau}`, ["tau"]);
  if (!Number.isInteger(options.iterations) || options.iterations < 0) {
    throw new MfkitError("invalid-argument", `iterations must be an integer ≥ 0`, ["iterations"]);
  }
  const estimator = options.estimator ?? "pooled-td";
  const M = options.episodesPerIteration ?? 10;
  const seed = options.seed ?? 1;
  const evalEvery = options.evalEvery ?? 1;
  const mfg = options.mfg ?? inducedMeanFieldGame(game);
  const N = game.nAgents;
  const A = game.nActions;
  const size = (game.horizon + 1) * game.nStates * A;
  const agents = estimator === "independent" ? N : 1;
  const zeta = new Float64Array(agents * size);
  const pis = Array.from({ length: agents }, () => new Float64Array(size).fill(1 / A));
  const expl: number[] = [];
  const mean = new Float64Array(size);
  const currentPolicy = () => {
    if (agents === 1) return pis[0]!;
    mean.fill(0);
    for (const p of pis) for (let j = 0; j < size; j++) mean[j] = mean[j]! + p[j]! / agents;
    return mean;
  };
  const evaluate = (k: number) => {
    const e = evalEvery > 0 && k % evalEvery === 0 ? exploitability(mfg, currentPolicy()) : Number.NaN;
    expl.push(e);
    options.onIteration?.(k, Number.isNaN(e) ? undefined : e);
  };
  evaluate(0);
  let pooledState = createTDState(game);
  let indepState: { Q: Float64Array; n: Float64Array } | undefined;
  let agentSteps = 0;
  let k = 0;
  for (; k < options.iterations; k++) {
    if (options.signal?.aborted) break;
    let Q: Float64Array;
    if (estimator === "exact") {
      const pi = pis[0]!;
      Q = regularizedPolicyValues(mfg, pi, forwardFlow(mfg, pi), tau).Q;
    } else if (estimator === "pooled-td") {
      if (!options.warmStart) pooledState = createTDState(game);
      const r = pooledTD(game, pis[0]!, { episodes: M, seed, stream: k + 1, tau, state: pooledState });
      agentSteps += r.episodes * N * (game.horizon + 1);
      Q = r.Q;
    } else {
      if (!options.warmStart || indepState === undefined) {
        indepState = { Q: new Float64Array(N * size), n: new Float64Array(N * size) };
      }
      const r = independentTD(game, pis, { episodes: M, seed, stream: k + 1, tau, state: indepState });
      agentSteps += r.episodes * N * (game.horizon + 1);
      Q = r.Q;
    }
    for (let j = 0; j < agents * size; j++) zeta[j] = (zeta[j]! + eta * Q[j]!) / (1 + eta * tau);
    for (let i = 0; i < agents; i++)
      softmaxInto(zeta.subarray(i * size, (i + 1) * size), size / A, A, 1, pis[i]!);
    evaluate(k + 1);
  }
  const target =
    estimator === "exact"
      ? `the τ-regularised equilibrium of ${mfg.name}`
      : estimator === "pooled-td"
        ? `the τ-regularised equilibrium of ${mfg.name}, up to pooled TD's O(1/√N + α + β) bias`
        : "per-agent independent learners (no common target)";
  return {
    policy: Float64Array.from(currentPolicy()),
    ...(agents > 1 ? { agentPolicies: pis.map((p) => Float64Array.from(p)) } : {}),
    exploitability: expl,
    iterations: k,
    agentSteps,
    estimator,
    target,
  };
}
