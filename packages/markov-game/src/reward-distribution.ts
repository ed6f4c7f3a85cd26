/**
 * Stochastic rewards (docs/homogenization.md §3, "Stochastic rewards"): the reward of player i on
 * (s, a) is r_i = R̄_i(s, a) + ξ, with R̄ the game's mean tensor and ξ an independent zero-mean noise:
 *
 * - `gaussian`: ξ ~ N(0, σ²), σ ≥ 0 a number or a tensor of the rewards' shape (σ_i(s, a));
 * - `discrete`: ξ takes `values[m]` with `probabilities[m]`, Σ_m p_m v_m = 0 (checked).
 *
 * Every learning rule whose increment is affine in r has the same drift as with R̄, so the limit ODE
 * uses R̄ only; the noise changes the fluctuations. The simulation draws r through {@link RewardSampler}.
 */
import { describe, type ErrorPath, MfkitError, readTensor } from "@mfkit/core";
import type { RewardSampler } from "./learning-model.js";
import type { MarkovGame } from "./markov-game.js";

/** The JSON form of a zero-mean reward noise: Gaussian with a standard deviation, or a discrete law. */
export type RewardNoiseSpec =
  | { kind: "gaussian"; std: number | Float64Array }
  | { kind: "discrete"; values: readonly number[]; probabilities: readonly number[] };

/** A zero-mean reward noise bound to a game. */
export interface RewardNoise {
  readonly spec: RewardNoiseSpec;
  /** Draws r = R̄(s, j) + ξ for every player into `out`. */
  readonly sampler: RewardSampler;
  /** Var(r_i | s, j). */
  variance(state: number, jointAction: number, player: number): number;
}

/** Gaussian noise: r_i = R̄_i(s, a) + σ·Z, σ a number or a tensor shaped like the rewards. */
export function gaussianRewardNoise(
  game: MarkovGame,
  std: number | Float64Array,
  path: ErrorPath = ["std"],
): RewardNoise {
  const n = game.nPlayers;
  const size = game.rewards.length;
  const sigma = typeof std === "number" ? new Float64Array(size).fill(std) : std;
  if (sigma.length !== size)
    throw new MfkitError(
      "invalid-shape",
      `expected ${size} standard deviations (the rewards' shape), got ${sigma.length}`,
      path,
    );
  for (let k = 0; k < size; k++) {
    if (!(sigma[k]! >= 0) || !Number.isFinite(sigma[k]!))
      throw new MfkitError(
        "invalid-argument",
        `standard deviations must be finite and ≥ 0, got ${sigma[k]}`,
        path,
      );
  }
  const R = game.rewards;
  const J = game.nJointActions;
  return {
    spec: { kind: "gaussian", std },
    sampler(s, j, random, out) {
      const base = (s * J + j) * n;
      for (let i = 0; i < n; i++) {
        // Box–Muller with u1 ∈ (0, 1]: one standard normal per player.
        const u1 = 1 - random.next();
        const u2 = random.next();
        const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        out[i] = R[base + i]! + sigma[base + i]! * z;
      }
    },
    variance: (s, j, i) => sigma[(s * J + j) * n + i]! ** 2,
  };
}

/** Discrete zero-mean noise: ξ = values[m] with probability probabilities[m], independent per player. */
export function discreteRewardNoise(
  game: MarkovGame,
  values: readonly number[],
  probabilities: readonly number[],
  path: ErrorPath = [],
): RewardNoise {
  if (values.length === 0 || values.length !== probabilities.length)
    throw new MfkitError(
      "invalid-shape",
      `values and probabilities must be non-empty and of equal length, got ${values.length} and ${probabilities.length}`,
      [...path, "probabilities"],
    );
  let total = 0;
  let mean = 0;
  let second = 0;
  let scale = 0;
  values.forEach((v, m) => {
    const p = probabilities[m]!;
    if (!Number.isFinite(v))
      throw new MfkitError("non-finite", `expected a finite number, got ${v}`, [...path, "values", m]);
    if (!(p >= 0) || !Number.isFinite(p))
      throw new MfkitError("invalid-probability", `probability ${p} is not a finite nonnegative number`, [
        ...path,
        "probabilities",
        m,
      ]);
    total += p;
    mean += p * v;
    second += p * v * v;
    scale = Math.max(scale, Math.abs(v));
  });
  if (Math.abs(total - 1) > 1e-9)
    throw new MfkitError("invalid-probability", `probabilities sum to ${total}, not 1`, [
      ...path,
      "probabilities",
    ]);
  if (Math.abs(mean) > 1e-12 * Math.max(1, scale))
    throw new MfkitError(
      "invalid-argument",
      `the noise must have mean 0 (the game's rewards are the means), got ${mean}`,
      [...path, "values"],
    );
  const cumulative = new Float64Array(values.length);
  let c = 0;
  for (let m = 0; m < values.length; m++) {
    c += probabilities[m]! / total;
    cumulative[m] = c;
  }
  cumulative[values.length - 1] = 1;
  const v = Float64Array.from(values);
  const R = game.rewards;
  const n = game.nPlayers;
  const J = game.nJointActions;
  const last = values.length - 1;
  return {
    spec: { kind: "discrete", values: [...values], probabilities: [...probabilities] },
    sampler(s, j, random, out) {
      const base = (s * J + j) * n;
      for (let i = 0; i < n; i++) {
        const u = random.next();
        let m = 0;
        while (m < last && cumulative[m]! <= u) m++;
        out[i] = R[base + i]! + v[m]!;
      }
    },
    variance: () => second - mean * mean,
  };
}

/**
 * Reads `{ "kind": "gaussian", "std": σ | tensor }` or
 * `{ "kind": "discrete", "values": [...], "probabilities": [...] }`; errors name `path`.
 */
export function rewardNoiseFromJson(
  json: unknown,
  game: MarkovGame,
  path: ErrorPath = ["game", "rewardNoise"],
): RewardNoise {
  if (typeof json !== "object" || json === null || Array.isArray(json))
    throw new MfkitError("invalid-argument", `expected a reward noise object, got ${describe(json)}`, path);
  const record = json as Record<string, unknown>;
  const known = record.kind === "gaussian" ? ["kind", "std"] : ["kind", "values", "probabilities"];
  for (const key of Object.keys(record)) {
    if (!known.includes(key))
      throw new MfkitError("invalid-argument", `unknown field "${key}" (known: ${known.join(", ")})`, [
        ...path,
        key,
      ]);
  }
  const need = (key: string) => {
    if (record[key] === undefined)
      throw new MfkitError("missing-field", `missing field "${key}"`, [...path, key]);
    return record[key];
  };
  if (record.kind === "gaussian") {
    const std = need("std");
    if (typeof std === "number") return gaussianRewardNoise(game, std, [...path, "std"]);
    const tensor = readTensor(std, [...path, "std"]);
    const expected = [game.nStates, ...game.actionCounts, game.nPlayers];
    if (tensor.shape.length !== expected.length || tensor.shape.some((d, k) => d !== expected[k]))
      throw new MfkitError(
        "invalid-shape",
        `expected a number or shape [${expected.join(", ")}], got [${tensor.shape.join(", ")}]`,
        [...path, "std"],
      );
    return gaussianRewardNoise(game, tensor.data, [...path, "std"]);
  }
  if (record.kind === "discrete") {
    const list = (key: string): number[] => {
      const value = need(key);
      if (!Array.isArray(value) || value.some((v) => typeof v !== "number"))
        throw new MfkitError("invalid-argument", `expected an array of numbers, got ${describe(value)}`, [
          ...path,
          key,
        ]);
      return value as number[];
    };
    return discreteRewardNoise(game, list("values"), list("probabilities"), path);
  }
  throw new MfkitError("invalid-argument", `must be "gaussian" or "discrete", got ${describe(record.kind)}`, [
    ...path,
    "kind",
  ]);
}
