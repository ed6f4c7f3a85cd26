/**
 * Simulation mean against the limit ODE as the step shrinks (docs/homogenization.md §5.3), for tests
 * and the convergence bench (not exported from the package index).
 *
 * For each step size α (every learner gets α, ε = α) R replicas run to τ = horizon; the error is the
 * sup over parameters and over the recorded instants τ ∈ {horizon/4, horizon/2, 3·horizon/4, horizon}
 * of |simulation mean − x(τ)|, with x from an accurate DOPRI5 solve. `noise` is the largest standard
 * error of the mean at those instants: the error is meaningful when it is well above it.
 */
import { simulateReplicas, solveLimitOde } from "@mfkit/core";
import type { MarkovLearningModel, MarkovLearningOptions } from "@mfkit/markov-game";
import { type RuleSetup, randomRuleModel } from "./rule-fixtures.js";

/** Simulation error against the ODE at one step size, with the Monte-Carlo noise of its estimate. */
export interface ConvergenceRow {
  alpha: number;
  error: number;
  noise: number;
}

/** Sup-norm error of the replica mean against the ODE at a few instants. */
export function simulationError(
  model: MarkovLearningModel,
  horizon: number,
  runs: number,
  seed: number,
): { error: number; noise: number } {
  const eps = model.referenceRate;
  const steps = Math.round(horizon / eps);
  const recordSteps = [1, 2, 3, 4].map((q) => Math.round((q * steps) / 4));
  const summary = simulateReplicas(model, {
    x0: model.initialParams(),
    scale: eps,
    recordSteps,
    runs,
    seed,
  });
  const ode = solveLimitOde(model, model.initialParams(), {
    referenceRate: eps,
    horizon: recordSteps[3]! * eps,
    evalTimes: recordSteps.map((k) => k * eps),
    rtol: 1e-10,
    atol: 1e-12,
  });
  let error = 0;
  let noise = 0;
  for (let k = 0; k < recordSteps.length; k++) {
    for (let i = 0; i < model.dim; i++) {
      error = Math.max(error, Math.abs(summary.mean[k]![i]! - ode.y[k]![i]!));
      noise = Math.max(noise, summary.std[k]![i]! / Math.sqrt(summary.runs));
    }
  }
  return { error, noise };
}

/** The error table of one rule on one random game at several step sizes. */
export function convergenceTable(
  rule: string,
  setup: RuleSetup,
  alphas: readonly number[],
  horizon: number,
  runs: number,
  options: MarkovLearningOptions = {},
): ConvergenceRow[] {
  return alphas.map((alpha) => {
    const model = randomRuleModel(rule, setup, options, { alpha });
    return { alpha, ...simulationError(model, horizon, runs, 1000 + Math.round(1 / alpha)) };
  });
}
