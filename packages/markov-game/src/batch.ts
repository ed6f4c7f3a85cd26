/**
 * Batch updates (docs/homogenization.md §3, "Batch updates").
 *
 * With batch size B the learners collect B consecutive transitions e_1…e_B of the chain under frozen
 * parameters x and then apply the mean increment, X ← X + ε·(1/B)·Σ_b f(X, e_b). The fast state is the
 * block (e_1…e_B), a Markov chain on E^B whose invariant law has every e_b marginally ~ μ_x, so
 *
 * - per update (the clock of the simulation and of the experiment): dx/dτ = F(x), the same ODE as B = 1;
 * - per transition, τ' = ε·(#transitions) = B·τ: dx/dτ' = F(x)/B.
 *
 * Only the fluctuations change (their covariance shrinks, by 1/B for independent blocks).
 * The engine implements it ({@link MarkovLearningOptions.batchSize}); this module validates the size.
 */
import { describe, type ErrorPath, MfkitError } from "@mfkit/core";

/** Reads a batch size: an integer ≥ 1 (default 1); errors name `path`. */
export function readBatchSize(value: unknown, path: ErrorPath = ["batchSize"]): number {
  if (value === undefined) return 1;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new MfkitError(
      "invalid-argument",
      `the batch size must be an integer ≥ 1, got ${describe(value)}`,
      path,
    );
  }
  return value;
}
