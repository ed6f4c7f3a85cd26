/**
 * The finite system against its limit, side by side: the simulation mean ± a confidence band and the
 * ODE at the same instants, with the sup-norm distance (over every learner parameter) per instant and
 * overall, and the same for the state law (ν_{x(t)} against the replicas' state frequencies).
 */
import { type BandComparison, compareWithBand } from "@mfkit/core";
import type { Experiment } from "./experiment.js";
import { type HomogenizeOptions, type HomogenizeResult, homogenize } from "./homogenize.js";
import { type SimulateOptions, type SimulateResult, simulate } from "./simulate.js";
import { type ParallelSimulateOptions, simulateInWorkers } from "./simulate-in-workers.js";

/** Options of {@link compare}: the replicas, the ODE solver (without its signal and progress) and the bands. */
export interface CompareOptions extends SimulateOptions, Omit<HomogenizeOptions, "signal" | "onProgress"> {
  /** Confidence level of the bands (default 0.95). */
  confidence?: number;
}

/** The comparison at one recorded instant. */
export interface ComparisonRow {
  /** Iteration k and its time on the experiment's clock. */
  iteration: number;
  time: number;
  /** max over learner parameters of |simulation mean − ODE|. */
  paramsSup: number;
  /** max over parameters of the band's half-width z·sd/√R. */
  paramsHalfWidth: number;
  /** max over states of |state frequency − ν_{x(t)}|. */
  stateSup: number;
}

/** Both paths, the distance per instant, and its sup over instants. */
export interface CompareResult {
  ode: HomogenizeResult;
  simulation: SimulateResult;
  /** One row per recorded instant. */
  rows: ComparisonRow[];
  /** sup over instants of paramsSup. */
  paramsSup: number;
  /**
   * sup over instants after the first of stateSup. At iteration 0 the state follows the spec's initial
   * law, not ν_{x(0)}: the averaging statement is about the slow variable, the fast state needs to mix.
   */
  stateSup: number;
  /** Fraction of (instant, parameter) pairs whose ODE value lies inside the band. */
  fractionInsideBand: number;
  confidence: number;
  params: BandComparison;
}

/** Runs the simulation in this thread, solves the ODE at the simulation's instants, and compares them. */
export function compare(experiment: Experiment, options: CompareOptions): CompareResult {
  return compareSimulation(experiment, simulate(experiment, options), options);
}

/** As {@link compare}, with the replicas on worker threads (bit-identical results). */
export async function compareInWorkers(
  experiment: Experiment,
  options: CompareOptions & ParallelSimulateOptions,
): Promise<CompareResult> {
  return compareSimulation(experiment, await simulateInWorkers(experiment, options), options);
}

/** Solves the ODE at the instants of a finished simulation and compares the two. */
export function compareSimulation(
  experiment: Experiment,
  simulation: SimulateResult,
  options: Omit<CompareOptions, "runs" | "seed"> = {},
): CompareResult {
  const ode = homogenize(
    experiment,
    {
      ...(options.rtol !== undefined ? { rtol: options.rtol } : {}),
      ...(options.atol !== undefined ? { atol: options.atol } : {}),
      ...(options.method !== undefined ? { method: options.method } : {}),
      ...(options.step !== undefined ? { step: options.step } : {}),
    },
    simulation.clockTimes,
  );
  const confidence = options.confidence ?? 0.95;
  const dim = experiment.model.dim;
  const S = experiment.model.game.nStates;
  const { summary } = simulation;
  const odeStates = ode.stateDistribution;
  const params = compareWithBand(
    summary.mean.map((m) => m.subarray(0, dim)),
    summary.std.map((s) => s.subarray(0, dim)),
    summary.runs,
    ode.x,
    simulation.t,
    confidence,
  );
  const rows: ComparisonRow[] = simulation.t.map((iteration, k) => {
    let stateSup = 0;
    for (let s = 0; s < S; s++) {
      stateSup = Math.max(stateSup, Math.abs(summary.mean[k]![dim + s]! - odeStates[k]![s]!));
    }
    return {
      iteration,
      time: simulation.clockTimes[k]!,
      paramsSup: params.supDistance[k]!,
      paramsHalfWidth: params.halfWidth[k]!,
      stateSup,
    };
  });
  return {
    ode,
    simulation,
    rows,
    paramsSup: params.overallSup,
    stateSup: Math.max(0, ...rows.filter((r) => r.iteration > 0).map((r) => r.stateSup)),
    fractionInsideBand: params.fractionInside,
    confidence,
    params,
  };
}
