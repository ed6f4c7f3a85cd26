/**
 * The common solver driver (MFGLib semantics, docs/mean-field-games.md §5):
 *
 *     trace = { π_0, e_0 = expl(π_0), runtime 0 }
 *     for k = 0 .. K−1:  π_{k+1} = step(π_k);  record e_{k+1} (every evalEvery), cumulative time
 *                        stop if e_{k+1} ≤ atol + rtol·e_0
 *
 * Each iterate π_k is evaluated once against its own flow (flow, Q*, Q^π memoised), and the
 * exploitability and the next step share that evaluation. All buffers are allocated once per run.
 */
import { MfkitError } from "@mfkit/core";
import { GameTables } from "../evaluation.js";
import type { MeanFieldGame, TabularPolicy } from "../model.js";
import { badOption as bad, numberOption as num } from "../options.js";
import { normalizePolicyInto, uniformPolicy, validatePolicyOrThrow } from "../policy.js";
import { PolicyEvaluator } from "../policy-evaluator.js";
import { validateMeanFieldGameOrThrow } from "../validate.js";
import { createFictitiousPlay } from "./fictitious-play.js";
import { createFixedPoint } from "./fixed-point.js";
import { createMunchausen } from "./munchausen.js";
import { createOnlineMirrorDescent } from "./online-mirror-descent.js";
import { createPolicyMirrorDescent } from "./policy-mirror-descent.js";
import { createPriorDescent } from "./prior-descent.js";
import { createSoftmaxFixedPoint } from "./softmax-fixed-point.js";
import {
  ALGORITHMS,
  type Algorithm,
  type ResolvedParameters,
  type SolveOptions,
  type SolveResult,
  type SolverFactory,
} from "./types.js";

const FACTORIES: Record<Algorithm, SolverFactory> = {
  fp: createFictitiousPlay,
  "fixed-point": createFixedPoint,
  "softmax-fixed-point": createSoftmaxFixedPoint,
  omd: createOnlineMirrorDescent,
  munchausen: createMunchausen,
  pd: createPriorDescent,
  pmd: createPolicyMirrorDescent,
};

/** Default parameters per algorithm (MFGLib's where MFGLib has the method). */
export const SOLVER_DEFAULTS = {
  fpAlpha: 0,
  omdAlpha: 1,
  pdEta: 1,
  pmdEta: 0.5,
  pmdTau: 0.1,
  temperature: 1,
  maxIterations: 100,
  atol: 1e-3,
  rtol: 1e-3,
} as const;

function tolerance(value: unknown, key: string, fallback: number): number | null {
  if (value === null) return null;
  return num(value, key, fallback, (x) => x >= 0, "a number ≥ 0 or null");
}

/** Fills in defaults and checks every option (typed errors naming ["options", key]). */
export function resolveSolveOptions(options: SolveOptions): ResolvedParameters {
  if (options === null || typeof options !== "object") bad("options must be an object", "algorithm", options);
  const algorithm = options.algorithm;
  if (!ALGORITHMS.includes(algorithm)) {
    throw new MfkitError(
      "unknown-name",
      `unknown algorithm "${String(algorithm)}" (known: ${ALGORITHMS.join(", ")})`,
      ["options", "algorithm"],
    );
  }
  const isFp = algorithm === "fp";
  const alpha = isFp
    ? num(options.alpha, "alpha", SOLVER_DEFAULTS.fpAlpha, (x) => x >= 0 && x <= 1, "in [0, 1] (0: 1/(k+2))")
    : num(options.alpha, "alpha", SOLVER_DEFAULTS.omdAlpha, (x) => x > 0, "> 0");
  const eta = num(
    options.eta,
    "eta",
    algorithm === "pmd" ? SOLVER_DEFAULTS.pmdEta : SOLVER_DEFAULTS.pdEta,
    (x) => x > 0,
    "> 0",
  );
  const tau = num(options.tau, "tau", SOLVER_DEFAULTS.pmdTau, (x) => x >= 0, "≥ 0");
  const temperature = num(
    options.temperature,
    "temperature",
    SOLVER_DEFAULTS.temperature,
    (x) => x > 0,
    "> 0",
  );
  let nInner: number | null = null;
  if (options.nInner !== undefined && options.nInner !== null) {
    nInner = num(options.nInner, "nInner", 1, (x) => Number.isInteger(x) && x >= 1, "an integer ≥ 1 or null");
  }
  const maxIterations = num(
    options.maxIterations,
    "maxIterations",
    SOLVER_DEFAULTS.maxIterations,
    (x) => Number.isInteger(x) && x >= 0,
    "an integer ≥ 0",
  );
  const evalEvery = num(
    options.evalEvery,
    "evalEvery",
    1,
    (x) => Number.isInteger(x) && x >= 1,
    "an integer ≥ 1",
  );
  const pmdForm = options.pmdForm ?? "proximal";
  if (pmdForm !== "proximal" && pmdForm !== "linearised")
    bad('pmdForm must be "proximal" or "linearised"', "pmdForm", pmdForm);
  if (algorithm === "pmd" && pmdForm === "linearised" && !(eta * tau > 0 && eta * tau <= 1)) {
    bad("the linearised PMD form needs 0 < η·τ ≤ 1", "tau", tau);
  }
  const ties = options.ties ?? "tolerance";
  if (ties !== "tolerance" && ties !== "exact" && ties !== "first") {
    bad('ties must be "tolerance", "exact" or "first"', "ties", ties);
  }
  return {
    algorithm,
    alpha,
    eta,
    tau,
    nInner,
    temperature,
    maxIterations,
    atol: tolerance(options.atol, "atol", SOLVER_DEFAULTS.atol),
    rtol: tolerance(options.rtol, "rtol", SOLVER_DEFAULTS.rtol),
    evalEvery,
    pmdForm,
    ties,
  };
}

function checkFinitePolicy(pi: Float64Array, iteration: number, algorithm: Algorithm): void {
  let sum = 0;
  for (let i = 0; i < pi.length; i++) sum += pi[i]!;
  if (!Number.isFinite(sum)) {
    throw new MfkitError(
      "non-finite",
      `${algorithm} produced a non-finite policy at iteration ${iteration} (overflow? try a smaller step)`,
      ["solve", "iteration", iteration],
    );
  }
}

/**
 * Runs one of the algorithms of §5 from π_0 (default uniform) for at most `maxIterations`
 * iterations and returns the trace: last iterate, argmin-exploitability iterate, exploitabilities
 * e_0..e_K (MFGLib's definition), cumulative runtimes. Validates the game and the options first.
 */
export function solve(game: MeanFieldGame, options: SolveOptions): SolveResult {
  const p = resolveSolveOptions(options);
  validateMeanFieldGameOrThrow(game);
  const tables = new GameTables(game);
  const size = (game.horizon + 1) * game.nStates * game.nActions;
  let current: TabularPolicy = new Float64Array(size);
  if (options.pi0 !== undefined) {
    normalizePolicyInto(game, validatePolicyOrThrow(game, options.pi0), current);
  } else {
    current.set(uniformPolicy(game));
  }
  let next: TabularPolicy = new Float64Array(size);
  const ctx = { tables, nActions: game.nActions, rows: (game.horizon + 1) * game.nStates, size };
  const solver = FACTORIES[p.algorithm](ctx, p, current);
  const ev = new PolicyEvaluator(tables);
  const compute = options.computeExploitability ?? true;
  const regularized = p.algorithm === "pmd" && p.tau > 0 ? ([] as number[]) : undefined;
  const exploitabilities: number[] = [];
  const evaluatedIterations: number[] = [];
  const runtimeMs = [0];
  const best = current.slice();
  let bestValue = Infinity;
  let threshold = -Infinity;
  // MFGLib: stopping is on iff atol or rtol is truthy (so null and 0 both count as "off" when alone).
  const stopping = Boolean(p.atol) || Boolean(p.rtol);

  const evaluate = (k: number): number => {
    const e = ev.exploitability();
    if (!Number.isFinite(e)) {
      throw new MfkitError("non-finite", `exploitability is ${e} at iteration ${k}`, [
        "solve",
        "iteration",
        k,
      ]);
    }
    exploitabilities.push(e);
    evaluatedIterations.push(k);
    if (regularized) regularized.push(ev.regularizedExploitability(p.tau));
    if (e < bestValue) {
      bestValue = e;
      best.set(current);
    }
    return e;
  };

  ev.setPolicy(current);
  const e0 = compute ? evaluate(0) : undefined;
  if (e0 !== undefined && stopping) threshold = (p.atol ?? 0) + (p.rtol ?? 0) * e0;
  options.onIteration?.(0, e0);

  const start = performance.now();
  let iterations = 0;
  // MFGLib checks the criterion at e_0 too and then performs no iteration.
  let stoppedEarly = e0 !== undefined && e0 <= threshold && p.maxIterations > 0;
  let interrupted = false;
  for (let k = 0; k < p.maxIterations && !stoppedEarly; k++) {
    if (options.signal?.aborted) {
      interrupted = true;
      break;
    }
    solver.step(k, ev, next);
    checkFinitePolicy(next, k + 1, p.algorithm);
    const previous = current;
    current = next;
    next = previous;
    ev.setPolicy(current);
    iterations = k + 1;
    let e: number | undefined;
    if (compute && (iterations % p.evalEvery === 0 || iterations === p.maxIterations))
      e = evaluate(iterations);
    runtimeMs.push(performance.now() - start);
    options.onIteration?.(iterations, e);
    if (e !== undefined && e <= threshold) {
      stoppedEarly = iterations < p.maxIterations;
      break;
    }
  }
  if (!compute) best.set(current);
  const result: SolveResult = {
    policy: current.slice(),
    bestPolicy: best,
    exploitability: exploitabilities,
    evaluatedIterations,
    runtimeMs,
    iterations,
    stoppedEarly,
    interrupted,
    parameters: p,
  };
  if (regularized) result.regularizedExploitability = regularized;
  return result;
}
