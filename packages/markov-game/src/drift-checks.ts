/**
 * Independent checks of a learning model's averaged drift (docs/homogenization.md §5), public so that
 * the author of a new learning rule can verify its closed form:
 *
 * - {@link oracleTransitionLaw}: μ_x on E = S×A×S from the dense |E|×|E| kernel (tiny games only);
 * - {@link oracleDrift}: Σ_e μ_x(e) f(x, e) with that μ_x;
 * - {@link monteCarloDrift}: the mean increment over e ~ μ_x (s ~ ν_x, a ~ π_x(·|s), s' ~ T), with
 *   its standard error per component.
 */
import { MfkitError, type RandomSource, sampleIndex, stationaryDistribution } from "@mfkit/core";
import type { MarkovLearningModel } from "./learning-model.js";

/** Largest fast space for which the dense oracle is built (|E|² doubles). */
export const ORACLE_MAX_FAST_STATES = 2000;

/** μ_x from the |E|×|E| kernel P_x by a dense stationary solve; "invalid-shape" beyond {@link ORACLE_MAX_FAST_STATES}. */
export function oracleTransitionLaw(model: MarkovLearningModel, x: Float64Array): Float64Array {
  const m = model.fastSize;
  if (m > ORACLE_MAX_FAST_STATES) {
    throw new MfkitError(
      "invalid-shape",
      `the oracle needs |E| ≤ ${ORACLE_MAX_FAST_STATES}, this game has |E| = ${m}`,
      ["game"],
    );
  }
  const kernel = new Float64Array(m * m);
  model.kernel(x, kernel);
  return stationaryDistribution(kernel, m);
}

/** The factored law μ_x(s, j, s') = ν_x(s)·π_x(j|s)·T(s, j, s'), indexed like the oracle. */
export function factoredTransitionLaw(model: MarkovLearningModel, x: Float64Array): Float64Array {
  const { game } = model;
  const S = game.nStates;
  const J = game.nJointActions;
  const nu = model.stationaryStateLaw(x);
  const joint = model.computePolicies(x);
  const out = new Float64Array(model.fastSize);
  for (let s = 0; s < S; s++) {
    for (let j = 0; j < J; j++) {
      for (let s2 = 0; s2 < S; s2++) {
        out[model.fastIndex(s, j, s2)] = nu[s]! * joint[s * J + j]! * game.transitions[(s * J + j) * S + s2]!;
      }
    }
  }
  return out;
}

/** Σ_e μ_x(e) f(x, e) with μ_x from the dense oracle. */
export function oracleDrift(model: MarkovLearningModel, x: Float64Array): Float64Array {
  const mu = oracleTransitionLaw(model, x);
  const out = new Float64Array(model.dim);
  const f = new Float64Array(model.dim);
  for (let e = 0; e < model.fastSize; e++) {
    if (mu[e] === 0) continue;
    model.incrementAt(x, e, f);
    for (let i = 0; i < model.dim; i++) out[i] = out[i]! + mu[e]! * f[i]!;
  }
  return out;
}

/** A Monte-Carlo estimate of the drift: the sample mean of f(x, e), e ~ μ_x, and its standard error per component. */
export interface MonteCarloDrift {
  mean: Float64Array;
  standardError: Float64Array;
  /** The number of independent draws. */
  samples: number;
}

/** The mean of f(x, e) over `samples` independent draws e ~ μ_x, with per-component standard errors. */
export function monteCarloDrift(
  model: MarkovLearningModel,
  x: Float64Array,
  samples: number,
  random: RandomSource,
): MonteCarloDrift {
  const { game } = model;
  const S = game.nStates;
  const J = game.nJointActions;
  const nu = model.stationaryStateLaw(x);
  const joint = Float64Array.from(model.computePolicies(x));
  const d = model.dim;
  const sum = new Float64Array(d);
  const sumSq = new Float64Array(d);
  const f = new Float64Array(d);
  for (let k = 0; k < samples; k++) {
    const s = sampleIndex(nu, 0, S, random.next());
    const j = sampleIndex(joint, s * J, J, random.next());
    const s2 = sampleIndex(game.transitions, (s * J + j) * S, S, random.next());
    model.incrementAt(x, model.fastIndex(s, j, s2), f);
    for (let i = 0; i < d; i++) {
      sum[i] = sum[i]! + f[i]!;
      sumSq[i] = sumSq[i]! + f[i]! * f[i]!;
    }
  }
  const mean = sum.map((v) => v / samples);
  const standardError = sumSq.map((v, i) =>
    Math.sqrt(Math.max(0, v / samples - mean[i]! ** 2) / (samples - 1)),
  );
  return { mean, standardError, samples };
}
