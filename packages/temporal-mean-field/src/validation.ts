/**
 * Input validation for TMF games, activations and policies. Every problem is a typed
 * {@link MfkitError} with a path naming the offending entry (e.g. `passiveKernel[2][0]` for
 * P0(o' = 0 | o = 2)); the validate functions collect all problems, the `…OrThrow` variants throw.
 */
import { getOrThrow, invalid, MfkitError, type Validation, valid } from "@mfkit/core";
import type { Activation, TemporalMeanFieldGame } from "./model.js";

const STOCHASTIC_TOLERANCE = 1e-9;

function checkRows(
  values: Float64Array,
  rows: number,
  width: number,
  rowPath: (row: number) => Array<string | number>,
  label: string,
  errors: MfkitError[],
): void {
  for (let row = 0; row < rows; row++) {
    let sum = 0;
    for (let j = 0; j < width; j++) {
      const v = values[row * width + j];
      if (!Number.isFinite(v)) {
        errors.push(new MfkitError("non-finite", `${label} entry is ${v}`, [...rowPath(row), j]));
      } else if (v < 0) {
        errors.push(
          new MfkitError("invalid-probability", `${label} entry is negative (${v})`, [...rowPath(row), j]),
        );
      }
      sum += v;
    }
    if (Number.isFinite(sum) && Math.abs(sum - 1) > STOCHASTIC_TOLERANCE) {
      errors.push(
        new MfkitError("invalid-probability", `${label} row sums to ${sum}, not 1`, rowPath(row), { sum }),
      );
    }
  }
}

/**
 * Checks the shapes, μ0, γ, and that P and P0 are stochastic and the rewards finite at μ0 and at the
 * uniform distribution.
 */
export function validateTmfGame(game: TemporalMeanFieldGame): Validation<TemporalMeanFieldGame> {
  const errors: MfkitError[] = [];
  const { nObs, nActions } = game;
  if (!Number.isInteger(nObs) || nObs < 1) {
    errors.push(new MfkitError("invalid-shape", `nObs must be a positive integer, got ${nObs}`, ["nObs"]));
  }
  if (!Number.isInteger(nActions) || nActions < 1) {
    errors.push(
      new MfkitError("invalid-shape", `nActions must be a positive integer, got ${nActions}`, ["nActions"]),
    );
  }
  if (!Number.isInteger(game.horizon) || game.horizon < 0) {
    errors.push(
      new MfkitError("invalid-argument", `horizon must be an integer ≥ 0, got ${game.horizon}`, ["horizon"]),
    );
  }
  if (!(game.discount > 0 && game.discount <= 1)) {
    errors.push(
      new MfkitError("invalid-argument", `discount must lie in (0, 1], got ${game.discount}`, ["discount"]),
    );
  }
  if (errors.length > 0) return invalid(errors);
  if (game.mu0.length !== nObs) {
    errors.push(
      new MfkitError("invalid-shape", `mu0 has length ${game.mu0.length}, expected ${nObs}`, ["mu0"]),
    );
    return invalid(errors);
  }
  checkRows(game.mu0, 1, nObs, () => ["mu0"], "mu0", errors);
  if (errors.length > 0) return invalid(errors);

  const uniform = new Float64Array(nObs).fill(1 / nObs);
  const active = new Float64Array(nObs * nActions * nObs);
  const passive = new Float64Array(nObs * nObs);
  const reward = new Float64Array(nObs * nActions);
  const reward0 = new Float64Array(nObs);
  for (const mu of [game.mu0, uniform]) {
    const before = errors.length;
    game.activeKernel(mu, active);
    checkRows(
      active,
      nObs * nActions,
      nObs,
      (r) => ["activeKernel", Math.floor(r / nActions), r % nActions],
      "P",
      errors,
    );
    game.passiveKernel(mu, passive);
    checkRows(passive, nObs, nObs, (o) => ["passiveKernel", o], "P0", errors);
    game.activeReward(mu, reward);
    for (let i = 0; i < reward.length; i++) {
      if (!Number.isFinite(reward[i])) {
        errors.push(
          new MfkitError("non-finite", `r is ${reward[i]}`, [
            "activeReward",
            Math.floor(i / nActions),
            i % nActions,
          ]),
        );
      }
    }
    game.passiveReward(mu, reward0);
    for (let o = 0; o < nObs; o++) {
      if (!Number.isFinite(reward0[o])) {
        errors.push(new MfkitError("non-finite", `r0 is ${reward0[o]}`, ["passiveReward", o]));
      }
    }
    if (errors.length > before) break;
  }
  return errors.length > 0 ? invalid(errors) : valid(game);
}

/** {@link validateTmfGame}, throwing the first error. */
export function validateTmfGameOrThrow(game: TemporalMeanFieldGame): TemporalMeanFieldGame {
  return getOrThrow(validateTmfGame(game));
}

/** Checks N ≥ 1 (integer), 1 ≤ B ≤ N (integer) or ρ = p ∈ (0, 1]. */
export function validateActivation(activation: Activation, populationSize: number): Validation<Activation> {
  const errors: MfkitError[] = [];
  if (!Number.isInteger(populationSize) || populationSize < 1 || populationSize > Number.MAX_SAFE_INTEGER) {
    errors.push(
      new MfkitError("invalid-argument", `population size N must be an integer ≥ 1, got ${populationSize}`, [
        "populationSize",
      ]),
    );
    return invalid(errors);
  }
  if (activation.kind === "bernoulli") {
    if (!(activation.p > 0 && activation.p <= 1)) {
      errors.push(
        new MfkitError(
          "invalid-probability",
          `activation rate ρ = p must lie in (0, 1], got ${activation.p}`,
          ["activation", "p"],
        ),
      );
    }
  } else if (activation.kind === "uniform" || activation.kind === "roundRobin") {
    const b = activation.batch;
    if (!Number.isInteger(b)) {
      errors.push(
        new MfkitError("invalid-argument", `batch B must be an integer, got ${b}`, ["activation", "batch"]),
      );
    } else if (b < 1) {
      errors.push(
        new MfkitError("invalid-argument", `batch B must be ≥ 1, got ${b}`, ["activation", "batch"]),
      );
    } else if (b > populationSize) {
      errors.push(
        new MfkitError(
          "invalid-argument",
          `batch B = ${b} exceeds the population size N = ${populationSize}`,
          ["activation", "batch"],
        ),
      );
    }
  } else {
    errors.push(
      new MfkitError("unknown-name", `unknown activation kind ${(activation as { kind: string }).kind}`, [
        "activation",
        "kind",
      ]),
    );
  }
  return errors.length > 0 ? invalid(errors) : valid(activation);
}

/** {@link validateActivation}, throwing the first error. */
export function validateActivationOrThrow(activation: Activation, populationSize: number): Activation {
  return getOrThrow(validateActivation(activation, populationSize));
}

/** Checks an activation rate ρ ∈ (0, 1] (mean-field computations that need only ρ). */
export function validateRate(rho: number, path: Array<string | number> = ["rho"]): void {
  if (!(rho > 0 && rho <= 1)) {
    throw new MfkitError("invalid-probability", `activation rate ρ must lie in (0, 1], got ${rho}`, path);
  }
}

/** Checks that a tabular policy has the right length and stochastic rows. */
export function validatePolicyOrThrow(game: TemporalMeanFieldGame, policy: Float64Array): void {
  const size = game.nObs * game.nActions;
  if (policy.length !== size && policy.length !== (game.horizon + 1) * size) {
    throw new MfkitError(
      "invalid-shape",
      `policy has length ${policy.length}, expected ${(game.horizon + 1) * size} (time-indexed) or ${size} (stationary)`,
      ["policy"],
    );
  }
  const errors: MfkitError[] = [];
  const rows = policy.length / game.nActions;
  checkRows(
    policy,
    rows,
    game.nActions,
    (r) => ["policy", Math.floor(r / game.nObs), r % game.nObs],
    "π",
    errors,
  );
  if (errors.length > 0) throw errors[0];
}
