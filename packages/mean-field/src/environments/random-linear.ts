import { createRandomStream } from "@mfkit/core";
import type { MeanFieldGame } from "../model.js";
import { assembleGame, badParam, densePattern, horizonInfo, mu0Info, readParams } from "./common.js";
import type { EnvironmentInfo } from "./types.js";

/**
 * Options of {@link createRandomLinear}. Either all of R1, R2, P1, P2 are given, or none.
 * Absent (undefined or null) options take the defaults of {@link randomLinearInfo}.
 */
export interface RandomLinearOptions {
  T?: number;
  /** Number of states = number of actions. */
  n?: number;
  /** Entries are drawn in [−m, m]. */
  m?: number;
  /** Seed of our own generator when the matrices are not given. */
  seed?: number;
  /** R1[s, k], row-major n×n. */
  R1?: readonly number[];
  /** R2[s, a], row-major n×n. */
  R2?: readonly number[];
  /** P1[s', s, k], row-major n×n×n. */
  P1?: readonly number[];
  /** P2[s', s, a], row-major n×n×n. */
  P2?: readonly number[];
  /** The dtype the given matrices were drawn in ("float32" or "float64"; default "float64"). */
  dtype?: string;
  mu0?: readonly number[];
}

/** The data of a random_linear instance and where they came from. */
export interface RandomLinearData {
  readonly R1: Float64Array;
  readonly R2: Float64Array;
  readonly P1: Float64Array;
  readonly P2: Float64Array;
  /** "float32"/"float64" for given data; "mfkit-seeded" for our own draw with `seed`. */
  readonly dtype: string;
  readonly seed: number | null;
}

/** A random_linear game, carrying its matrices. */
export interface RandomLinearGame extends MeanFieldGame {
  readonly data: RandomLinearData;
}

/** Name, description, source, parameters and defaults of {@link createRandomLinear}. */
export const randomLinearInfo: EnvironmentInfo = {
  name: "random_linear",
  description: "Rewards and transition logits linear in L with random coefficient matrices R1, R2, P1, P2.",
  source: "MFGLib random_linear (matrices as explicit data; default draw from mfkit's own seeded generator)",
  params: [
    horizonInfo(3),
    { name: "n", type: "integer", default: 5, description: "number of states = actions" },
    { name: "m", type: "number", default: 10, description: "entries lie in [−m, m]" },
    {
      name: "seed",
      type: "integer",
      default: 0,
      description: "seed of mfkit's generator when no matrices are given",
    },
    { name: "R1", type: "number[]", default: null, description: "R1[s,k], n×n row-major" },
    { name: "R2", type: "number[]", default: null, description: "R2[s,a], n×n row-major" },
    { name: "P1", type: "number[]", default: null, description: "P1[s',s,k], n×n×n row-major" },
    { name: "P2", type: "number[]", default: null, description: "P2[s',s,a], n×n×n row-major" },
    {
      name: "dtype",
      type: "string",
      default: null,
      description: "dtype the given matrices came from (float32 | float64; default float64)",
    },
    mu0Info(),
  ],
};

/**
 * MFGLib's random_linear: S = A = {0..n−1},
 * r_t(s, a) = Σ_k R1[s,k]·L_t(k,a) + R2[s,a],
 * P_t(·|s, a) = softmax_{s'}(Σ_k P1[s',s,k]·L_t(k,a) + P2[s',s,a]) (log-sum-exp).
 * Without data, R1, R2, P1, P2 are drawn in that order as 2m·U[0,1) − m from createRandomStream(seed) of @mfkit/core.
 */
export function createRandomLinear(options: RandomLinearOptions = {}): RandomLinearGame {
  const env = randomLinearInfo.name;
  const params = readParams(randomLinearInfo, options);
  const horizon = params.integer("T", 0);
  const n = params.integer("n", 1);
  const m = params.number("m", { min: 0 });
  const seed = params.integer("seed", Number.MIN_SAFE_INTEGER);
  const matrices = ["R1", "R2", "P1", "P2"] as const;
  const given = matrices.filter((k) => params.given(k) !== undefined).length;
  let data: RandomLinearData;
  if (given === 4) {
    // dtype's listed default is null (no matrices, no dtype); given matrices are float64 unless stated.
    const dtype = params.value("dtype") ?? "float64";
    if (dtype !== "float32" && dtype !== "float64") badParam(env, "dtype", `must be "float32" or "float64"`);
    data = {
      R1: params.numberArray("R1", n * n),
      R2: params.numberArray("R2", n * n),
      P1: params.numberArray("P1", n * n * n),
      P2: params.numberArray("P2", n * n * n),
      dtype,
      seed: null,
    };
  } else if (given === 0) {
    if (params.given("dtype") !== undefined) badParam(env, "dtype", "applies only to given matrices");
    const stream = createRandomStream(seed);
    const draw = (size: number): Float64Array => {
      const out = new Float64Array(size);
      for (let i = 0; i < size; i++) out[i] = 2 * m * stream.next() - m;
      return out;
    };
    const R1 = draw(n * n);
    const R2 = draw(n * n);
    const P1 = draw(n * n * n);
    const P2 = draw(n * n * n);
    data = { R1, R2, P1, P2, dtype: "mfkit-seeded", seed };
  } else {
    const missing = matrices.find((k) => params.given(k) === undefined)!;
    badParam(env, missing, "is missing: give all of R1, R2, P1, P2 or none");
  }
  const { R1, R2, P1, P2 } = data;
  const mu0 = params.mu0(n);
  const logits = new Float64Array(n);
  const game = assembleGame({
    name: env,
    horizon,
    nStates: n,
    nActions: n,
    mu0,
    pattern: densePattern(n, n),
    rewardDependsOnMeanField: true,
    timeHomogeneous: true,
    reward(_t, L, out) {
      for (let s = 0; s < n; s++) {
        for (let a = 0; a < n; a++) {
          let v = 0;
          for (let k = 0; k < n; k++) v += R1[s * n + k]! * L[k * n + a]!;
          out[s * n + a] = v + R2[s * n + a]!;
        }
      }
    },
    transitionValues(_t, L, out) {
      for (let s = 0; s < n; s++) {
        for (let a = 0; a < n; a++) {
          let max = Number.NEGATIVE_INFINITY;
          for (let sp = 0; sp < n; sp++) {
            let z = 0;
            const base = (sp * n + s) * n;
            for (let k = 0; k < n; k++) z += P1[base + k]! * L[k * n + a]!;
            z += P2[base + a]!;
            logits[sp] = z;
            if (z > max) max = z;
          }
          let total = 0;
          const row = (s * n + a) * n;
          for (let sp = 0; sp < n; sp++) {
            const e = Math.exp(logits[sp]! - max);
            out[row + sp] = e;
            total += e;
          }
          for (let sp = 0; sp < n; sp++) out[row + sp]! /= total;
        }
      }
    },
  });
  return { ...game, data };
}
