/**
 * Heterogeneous N-player variants of the benchmarks (docs/induced-mfg.md §9): agent i gets
 * θ_i = θ̄ + u_i with Σ_i u_i = 0, |u_i| ≤ u_max (default: evenly spaced in [−u_max, u_max]).
 * Every edit is affine in θ, so sym(G) is the θ̄-game, i.e. the base environment itself.
 *
 * - susceptible_infected: θ = (u, v); infection probability 0.81·μ(I)·(1 + u) (α ≤ 1.62·u_max, β = 0);
 *   reward scale (1 + v) (β = 1.5·v_max).
 * - left_right, rock_paper_scissors: θ = (v); payoff scale (1 + v) (β only).
 * - beach_bar: θ = (c); crowd-aversion weight (1 + c) on −log(μ(s) + ε) (β ∝ c_max·log N; finite
 *   because the agent itself gives μ(s) ≥ 1/N).
 */
import { MfkitError } from "@mfkit/core";
import { createEnvironment } from "@mfkit/mean-field";
import { fromMeanFieldGame, type NPlayerGame, type Perturbation } from "./game.js";

/** Offsets u_i evenly spaced in [−u_max, u_max] (sum exactly 0 up to rounding; all 0 if u_max = 0). */
export function evenlySpaced(N: number, uMax: number): Float64Array {
  const u = new Float64Array(N);
  for (let i = 0; i < N; i++) u[i] = N === 1 ? 0 : uMax * (-1 + (2 * i) / (N - 1));
  return u;
}

/** Options of {@link heterogeneousGame}. */
export interface HeterogeneousOptions {
  /** N ≥ 2. */
  nAgents: number;
  /** Spread of the dynamics parameter (SIS infection factor). Default 0. */
  uMax?: number;
  /** Spread of the reward parameter (payoff scale, SIS cost scale, beach-bar crowd aversion). Default 0. */
  vMax?: number;
  /** Explicit offsets (overrides the even spacing); each must have length N. */
  u?: ArrayLike<number>;
  v?: ArrayLike<number>;
  /** Parameters of the base environment (createEnvironment). */
  envParams?: Record<string, unknown>;
}

function offsets(
  name: "u" | "v",
  N: number,
  given: ArrayLike<number> | undefined,
  max: number,
): Float64Array {
  if (given === undefined) return evenlySpaced(N, max);
  if (given.length !== N) {
    throw new MfkitError(
      "invalid-shape",
      `${name} must hold one offset per agent (${N}), got ${given.length}`,
      [name],
    );
  }
  return Float64Array.from(given);
}

/**
 * A heterogeneous variant of `susceptible_infected`, `left_right`, `rock_paper_scissors` or `beach_bar`.
 * With u_max = v_max = 0 it is the exactly symmetric N-player version of the environment.
 */
export function heterogeneousGame(envName: string, options: HeterogeneousOptions): NPlayerGame {
  const base = createEnvironment(envName, options.envParams ?? {});
  const N = options.nAgents;
  if (!Number.isInteger(N) || N < 2) {
    throw new MfkitError("invalid-argument", `an N-player game needs an integer N ≥ 2, got ${N}`, [
      "nAgents",
    ]);
  }
  const u = offsets("u", N, options.u, options.uMax ?? 0);
  const v = offsets("v", N, options.v, options.vMax ?? 0);
  const maxAbs = (x: Float64Array) => x.reduce((m, y) => Math.max(m, Math.abs(y)), 0);
  const A = base.nActions;
  const { rowPtr, col } = base.transitionPattern;
  let perturbation: Perturbation;
  switch (envName) {
    case "susceptible_infected": {
      const params = new Float64Array(2 * N);
      for (let i = 0; i < N; i++) {
        params[2 * i] = u[i]!;
        params[2 * i + 1] = v[i]!;
      }
      // Row (S, go out) = row 0: entries {S, I}; move the extra infection mass from S to I.
      const rowSU = 0;
      let kS = -1;
      let kI = -1;
      for (let k = rowPtr[rowSU]!; k < rowPtr[rowSU + 1]!; k++) {
        if (col[k] === 0) kS = k;
        if (col[k] === 1) kI = k;
      }
      const scale = 1 + maxAbs(v);
      perturbation = {
        nParams: 2,
        params,
        affine: true,
        label: `het(u=${maxAbs(u)},v=${maxAbs(v)})`,
        rewardRange: [-1.5 * scale, 0],
        transition(_t, _sigma, theta, out) {
          const extra = out[kI]! * theta[0]!;
          out[kI] = out[kI]! + extra;
          out[kS] = out[kS]! - extra;
        },
        reward(_t, _sigma, theta, out) {
          for (let r = 0; r < out.length; r++) out[r] = out[r]! * (1 + theta[1]!);
        },
      };
      break;
    }
    case "left_right":
    case "rock_paper_scissors": {
      const rMax = envName === "left_right" ? 2 : 6;
      const scale = 1 + maxAbs(v);
      perturbation = {
        nParams: 1,
        params: v,
        affine: true,
        label: `het(v=${maxAbs(v)})`,
        rewardRange: [-rMax * scale, rMax * scale],
        reward(_t, _sigma, theta, out) {
          for (let r = 0; r < out.length; r++) out[r] = out[r]! * (1 + theta[0]!);
        },
      };
      break;
    }
    case "beach_bar": {
      const n = base.nStates;
      const logEps = Number(options.envParams?.log_eps ?? 1e-20);
      const scale = 1 + maxAbs(v);
      perturbation = {
        nParams: 1,
        params: v,
        affine: true,
        label: `het(c=${maxAbs(v)})`,
        // −d − 1/n + (1 + c)·(−log μ): μ ≥ 1/N for the agent's own state.
        rewardRange: [-(n / 2) - 1 / n, scale * Math.log(N)],
        reward(_t, sigma, theta, out) {
          for (let s = 0; s < n; s++) {
            let mu = 0;
            for (let a = 0; a < A; a++) mu += sigma[s * A + a]!;
            const crowd = -Math.log(mu + logEps);
            for (let a = 0; a < A; a++) out[s * A + a] = out[s * A + a]! + theta[0]! * crowd;
          }
        },
      };
      break;
    }
    default:
      throw new MfkitError(
        "unknown-name",
        `no heterogeneous variant of '${envName}' (valid: susceptible_infected, left_right, rock_paper_scissors, beach_bar)`,
        ["environment"],
      );
  }
  return fromMeanFieldGame(base, N, { perturbation });
}

/** The names with a heterogeneous variant. */
export const HETEROGENEOUS_ENVIRONMENTS = [
  "susceptible_infected",
  "left_right",
  "rock_paper_scissors",
  "beach_bar",
] as const;
