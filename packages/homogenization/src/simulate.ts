/**
 * The finite system of an experiment: R seeded replicas of the learners playing the game with their
 * own step sizes α_i, recorded (before the k-th update, as mgap) at the iterations matching the
 * experiment's evalTimes.
 */
import {
  type Observable,
  type ReplicaOptions,
  type ReplicaSummary,
  simulateReplicas,
  toNested,
} from "@mfkit/core";
import type { TransitionSample } from "@mfkit/markov-game";
import { type Experiment, iterationAt, timeOfIteration } from "./experiment.js";

export interface SimulateOptions {
  runs: number;
  seed: number | string;
  signal?: AbortSignal;
  onProgress?: (runsDone: number) => void;
}

/**
 * `meanParams[i][k]` / `stdParams[i][k]`: learner i's table (mean, standard deviation across
 * replicas) at iteration `t[k]`; `stateFrequency[k][s]`: fraction of replicas in state s there.
 */
export interface SimulateResult {
  /** Iterations k. */
  t: number[];
  /** The same instants on the experiment's clock (t = k, or τ = ε·k). */
  clockTimes: number[];
  meanParams: unknown[][];
  stdParams: unknown[][];
  stateFrequency: number[][];
  runs: number;
  interrupted: boolean;
  /** The raw summary (flat vectors), for comparisons. */
  summary: ReplicaSummary;
}

/** The one-hot indicator of s_k, the state where transition e_k = (s_k, a_k, s_{k+1}) starts. */
function stateIndicator(nStates: number): Observable<TransitionSample> {
  return {
    size: nStates,
    write(_x, e, out) {
      out.fill(0);
      out[e.state] = 1;
    },
  };
}

/** Iterations at which an experiment records, one per distinct rounded evalTime. */
export function recordIterations(
  experiment: Experiment,
  times: readonly number[] = experiment.evalTimes,
): number[] {
  const steps = times.map((t) => iterationAt(experiment, t));
  return steps.filter((k, i) => i === 0 || k !== steps[i - 1]);
}

/** The core replica options of an experiment (record iterations, step size ε, state observable). */
export function replicaOptions(
  experiment: Experiment,
  options: SimulateOptions,
): ReplicaOptions<TransitionSample> {
  const { model } = experiment;
  return {
    x0: model.initialParams(),
    scale: experiment.referenceRate,
    recordSteps: recordIterations(experiment),
    runs: options.runs,
    seed: options.seed,
    observable: stateIndicator(model.game.nStates),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
}

/** Reshapes a replica summary into the experiment's tables. */
export function simulationResult(experiment: Experiment, summary: ReplicaSummary): SimulateResult {
  const { model } = experiment;
  const dim = model.dim;
  const S = model.game.nStates;
  const nested = (series: Float64Array[]) =>
    model.learners.map((learner, i) => series.map((v) => toNested(v, learner.paramShape, model.offsets[i])));
  return {
    t: summary.recordSteps,
    clockTimes: summary.recordSteps.map((k) => timeOfIteration(experiment, k)),
    meanParams: nested(summary.mean),
    stdParams: nested(summary.std),
    stateFrequency: summary.mean.map((v) => Array.from(v.subarray(dim, dim + S))),
    runs: summary.runs,
    interrupted: summary.interrupted,
    summary,
  };
}

/** Runs the replicas of an experiment in this thread. */
export function simulate(experiment: Experiment, options: SimulateOptions): SimulateResult {
  return simulationResult(
    experiment,
    simulateReplicas(experiment.model, replicaOptions(experiment, options)),
  );
}
