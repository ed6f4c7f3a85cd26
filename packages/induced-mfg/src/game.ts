/**
 * N-player dynamic games in anonymous-parametric form (docs/induced-mfg.md §1):
 *
 *     r^i_t = f_t(s^i, a^i, σ_t; θ_i),     s^i_{t+1} ~ g_t(·| s^i, a^i, σ_t; θ_i),
 *
 * where σ_t ∈ Δ^N is the empirical state-action measure of all N agents (the agent itself included),
 * stored flat as σ[s·|A| + a], and θ_i ∈ ℝ^P is agent i's parameter vector. Epochs t = 0..T,
 * s^i_0 ~ μ0 i.i.d. Transitions use the sparse pattern of @mfkit/mean-field.
 */
import { getOrThrow, MfkitError, tryValidate, type Validation } from "@mfkit/core";
import type { MeanFieldGame, TransitionPattern } from "@mfkit/mean-field";

/** How the population variable enters f and g. */
export type PopulationDependence = "state-action" | "state";

/** An N-player game with per-agent parameters. Functions write into caller buffers. */
export interface NPlayerGame {
  readonly name: string;
  /** N ≥ 2. */
  readonly nAgents: number;
  /** T: epochs 0..T. */
  readonly horizon: number;
  readonly nStates: number;
  readonly nActions: number;
  readonly mu0: Float64Array;
  readonly transitionPattern: TransitionPattern;
  /** P, the length of each θ_i (0 for a symmetric game). */
  readonly nParams: number;
  /** θ flat, agent i at [i·P, (i+1)·P). */
  readonly params: Float64Array;
  /** True when f and g are affine in θ (then sym(G) is the θ̄-game and evaluation is O(P) per agent). */
  readonly affineInParams: boolean;
  /** "state": f and g read σ only through its state marginal μ (enables the exact N-player bracket). */
  readonly populationDependence: PopulationDependence;
  /** Which parts depend on σ. */
  readonly dependsOnPopulation: { readonly reward: boolean; readonly transition: boolean };
  /** A reward range [lo, hi] covering every agent (used to normalise the bound); optional. */
  readonly rewardRange?: readonly [number, number];
  /** Writes f_t(s, a, σ; θ) into out[s·A + a]. `theta` has length P. */
  reward(t: number, sigma: Float64Array, theta: Float64Array, out: Float64Array): void;
  /** Writes g_t(s'|s, a, σ; θ) for each pattern entry into out (length nnz). */
  transitionValues(t: number, sigma: Float64Array, theta: Float64Array, out: Float64Array): void;
}

/** The distinct parameter vectors ("types") of a game and the agents of each. */
export interface AgentTypes {
  readonly count: number;
  /** Agent → type index. */
  readonly typeOf: Int32Array;
  /** Type parameters, type k at [k·P, (k+1)·P). */
  readonly theta: Float64Array;
  /** Number of agents of each type. */
  readonly size: Int32Array;
}

/** Groups agents with bit-identical θ into types (first appearance order). */
export function agentTypes(game: NPlayerGame): AgentTypes {
  const { nAgents: N, nParams: P, params } = game;
  const typeOf = new Int32Array(N);
  const keys = new Map<string, number>();
  const thetas: number[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < N; i++) {
    let key = "";
    for (let p = 0; p < P; p++) key += `${params[i * P + p]},`;
    let k = keys.get(key);
    if (k === undefined) {
      k = sizes.length;
      keys.set(key, k);
      sizes.push(0);
      for (let p = 0; p < P; p++) thetas.push(params[i * P + p]!);
    }
    typeOf[i] = k;
    sizes[k] = sizes[k]! + 1;
  }
  return { count: sizes.length, typeOf, theta: Float64Array.from(thetas), size: Int32Array.from(sizes) };
}

/** θ̄ = (1/N) Σ_i θ_i. */
export function meanParams(game: NPlayerGame): Float64Array {
  const { nAgents: N, nParams: P, params } = game;
  const mean = new Float64Array(P);
  for (let i = 0; i < N; i++) for (let p = 0; p < P; p++) mean[p] = mean[p]! + params[i * P + p]!;
  for (let p = 0; p < P; p++) mean[p] = mean[p]! / N;
  return mean;
}

/** Input of {@link createNPlayerGame}: an N-player game before validation. */
export interface NPlayerGameSpec
  extends Omit<
    NPlayerGame,
    "params" | "mu0" | "populationDependence" | "dependsOnPopulation" | "affineInParams"
  > {
  readonly params?: ArrayLike<number>;
  readonly mu0: ArrayLike<number>;
  readonly affineInParams?: boolean;
  readonly populationDependence?: PopulationDependence;
  readonly dependsOnPopulation?: { readonly reward: boolean; readonly transition: boolean };
}

const ROW_TOLERANCE = 1e-9;

function probeMeasures(S: number, A: number): Float64Array[] {
  const K = S * A;
  const out: Float64Array[] = [];
  const uniform = new Float64Array(K).fill(1 / K);
  out.push(uniform);
  for (let k = 0; k < K; k++) {
    const v = new Float64Array(K);
    v[k] = 1;
    out.push(v);
  }
  return out;
}

function checkRows(
  pattern: TransitionPattern,
  values: Float64Array,
  S: number,
  A: number,
  t: number,
  where: string,
): void {
  const { rowPtr } = pattern;
  for (let r = 0; r < S * A; r++) {
    let sum = 0;
    for (let k = rowPtr[r]!; k < rowPtr[r + 1]!; k++) {
      const p = values[k]!;
      if (!(p >= -ROW_TOLERANCE) || !Number.isFinite(p)) {
        throw new MfkitError(
          "invalid-probability",
          `transition probability ${p} is negative or not finite (${where})`,
          ["transitions", t, Math.floor(r / A), r % A],
          { value: p },
        );
      }
      sum += p;
    }
    if (Math.abs(sum - 1) > ROW_TOLERANCE) {
      throw new MfkitError(
        "invalid-probability",
        `transition row sums to ${sum}, not 1 (${where})`,
        ["transitions", t, Math.floor(r / A), r % A],
        { sum },
      );
    }
  }
}

/**
 * Validates and freezes an N-player game: N integer ≥ 2, params of length N·P and finite, μ0 a
 * distribution, a well-formed pattern, and stochastic finite transitions / finite rewards for every
 * type at probe measures (uniform and every pure σ) and every epoch. Problems become typed errors.
 */
export function validateNPlayerGame(spec: NPlayerGameSpec): Validation<NPlayerGame> {
  return tryValidate(() => buildGame(spec));
}

/** {@link validateNPlayerGame}, throwing the first error. */
export function createNPlayerGame(spec: NPlayerGameSpec): NPlayerGame {
  return getOrThrow(validateNPlayerGame(spec));
}

function buildGame(spec: NPlayerGameSpec): NPlayerGame {
  const N = spec.nAgents;
  if (!Number.isInteger(N) || N < 2) {
    throw new MfkitError("invalid-argument", `an N-player game needs an integer N ≥ 2, got ${N}`, [
      "nAgents",
    ]);
  }
  const T = spec.horizon;
  if (!Number.isInteger(T) || T < 0) {
    throw new MfkitError("invalid-argument", `horizon must be an integer ≥ 0, got ${T}`, ["horizon"]);
  }
  const S = spec.nStates;
  const A = spec.nActions;
  if (!Number.isInteger(S) || S < 1 || !Number.isInteger(A) || A < 1) {
    throw new MfkitError("invalid-shape", `nStates and nActions must be positive integers`, ["nStates"]);
  }
  const P = spec.nParams;
  if (!Number.isInteger(P) || P < 0) {
    throw new MfkitError("invalid-argument", `nParams must be an integer ≥ 0, got ${P}`, ["nParams"]);
  }
  const params = Float64Array.from(spec.params ?? []);
  if (params.length !== N * P) {
    throw new MfkitError(
      "invalid-shape",
      `params must hold N·P = ${N}·${P} = ${N * P} numbers (one θ per agent), got ${params.length}`,
      ["params"],
      { expected: N * P, got: params.length },
    );
  }
  for (let j = 0; j < params.length; j++) {
    if (!Number.isFinite(params[j]!)) {
      throw new MfkitError("non-finite", `parameter ${params[j]} is not finite`, [
        "params",
        Math.floor(j / Math.max(P, 1)),
        j % Math.max(P, 1),
      ]);
    }
  }
  const mu0 = Float64Array.from(spec.mu0);
  if (mu0.length !== S) {
    throw new MfkitError("invalid-shape", `mu0 must have length ${S}, got ${mu0.length}`, ["mu0"]);
  }
  let mass = 0;
  for (let s = 0; s < S; s++) {
    if (!(mu0[s]! >= 0)) throw new MfkitError("invalid-probability", `mu0[${s}] = ${mu0[s]} < 0`, ["mu0", s]);
    mass += mu0[s]!;
  }
  if (Math.abs(mass - 1) > ROW_TOLERANCE) {
    throw new MfkitError("invalid-probability", `mu0 sums to ${mass}, not 1`, ["mu0"]);
  }
  const { rowPtr, col } = spec.transitionPattern;
  if (rowPtr.length !== S * A + 1 || rowPtr[0] !== 0 || col.length !== rowPtr[S * A]) {
    throw new MfkitError("invalid-shape", "transition pattern does not match S·A rows", [
      "transitionPattern",
    ]);
  }
  for (let r = 0; r < S * A; r++) {
    if (rowPtr[r + 1]! <= rowPtr[r]!) {
      throw new MfkitError("invalid-shape", `pattern row ${r} is empty`, ["transitionPattern", "rowPtr", r]);
    }
  }
  for (let k = 0; k < col.length; k++) {
    if (!(col[k]! >= 0 && col[k]! < S)) {
      throw new MfkitError("invalid-shape", `pattern column ${col[k]} out of range`, [
        "transitionPattern",
        "col",
        k,
      ]);
    }
  }
  const game: NPlayerGame = {
    name: spec.name,
    nAgents: N,
    horizon: T,
    nStates: S,
    nActions: A,
    mu0,
    transitionPattern: spec.transitionPattern,
    nParams: P,
    params,
    affineInParams: spec.affineInParams ?? P === 0,
    populationDependence: spec.populationDependence ?? "state-action",
    dependsOnPopulation: spec.dependsOnPopulation ?? { reward: true, transition: true },
    ...(spec.rewardRange ? { rewardRange: spec.rewardRange } : {}),
    reward: spec.reward,
    transitionValues: spec.transitionValues,
  };
  // Probe every type (or, for affine games with many types, the extreme agents of each coordinate).
  const types = agentTypes(game);
  const probeTypes: number[] = [];
  if (types.count <= 32 || !game.affineInParams) {
    for (let k = 0; k < Math.min(types.count, 256); k++) probeTypes.push(k);
  } else {
    for (let p = 0; p < P; p++) {
      let lo = 0;
      let hi = 0;
      for (let k = 0; k < types.count; k++) {
        if (types.theta[k * P + p]! < types.theta[lo * P + p]!) lo = k;
        if (types.theta[k * P + p]! > types.theta[hi * P + p]!) hi = k;
      }
      probeTypes.push(lo, hi);
    }
  }
  const rewards = new Float64Array(S * A);
  const trans = new Float64Array(col.length);
  const probes = probeMeasures(S, A);
  const probeEpochs =
    T <= 8 ? Array.from({ length: T + 1 }, (_, t) => t) : [0, 1, Math.floor(T / 2), T - 1, T];
  for (const k of probeTypes) {
    const theta = types.theta.subarray(k * P, (k + 1) * P);
    const agent = types.typeOf.indexOf(k);
    for (const t of probeEpochs) {
      for (const sigma of probes) {
        game.reward(t, sigma, theta, rewards);
        for (let r = 0; r < S * A; r++) {
          if (!Number.isFinite(rewards[r]!)) {
            throw new MfkitError("non-finite", `reward ${rewards[r]} of agent ${agent} is not finite`, [
              "rewards",
              t,
              Math.floor(r / A),
              r % A,
            ]);
          }
        }
        if (t < T) {
          game.transitionValues(t, sigma, theta, trans);
          checkRows(spec.transitionPattern, trans, S, A, t, `agent ${agent}`);
        }
      }
    }
  }
  return game;
}

/** Optional per-agent perturbations of a symmetric base environment (in-place edits of its output). */
export interface Perturbation {
  /** P, the length of each θ_i. */
  nParams: number;
  /** θ flat (N·P). */
  params: ArrayLike<number>;
  /** True when the edits are affine in θ. */
  affine: boolean;
  /** Edits the base rewards `out` (already written) for an agent with parameters θ. */
  reward?(t: number, sigma: Float64Array, theta: Float64Array, out: Float64Array): void;
  /** Edits the base transition values `out` (already written) for an agent with parameters θ. */
  transition?(t: number, sigma: Float64Array, theta: Float64Array, out: Float64Array): void;
  /** Reward range over all agents, if known. */
  rewardRange?: readonly [number, number];
  /** Name suffix. */
  label?: string;
}

/**
 * The N-player game of a mean-field environment: f_t(z, σ; θ) = r_t(z, σ) and g_t(·|z, σ; θ) = P_t(·|z, σ)
 * of `base`, evaluated at the empirical measure σ (agent included), optionally edited per agent by a
 * {@link Perturbation}. Without one, the game is exactly symmetric.
 */
export function fromMeanFieldGame(
  base: MeanFieldGame,
  nAgents: number,
  options: {
    perturbation?: Perturbation;
    populationDependence?: PopulationDependence;
    rewardRange?: readonly [number, number];
  } = {},
): NPlayerGame {
  const pert = options.perturbation;
  const dependence = options.populationDependence ?? knownDependence(base.name);
  const rewardRange = pert?.rewardRange ?? options.rewardRange;
  return createNPlayerGame({
    name: pert ? `${base.name}${pert.label ? `-${pert.label}` : "-heterogeneous"}` : base.name,
    nAgents,
    horizon: base.horizon,
    nStates: base.nStates,
    nActions: base.nActions,
    mu0: base.mu0,
    transitionPattern: base.transitionPattern,
    nParams: pert?.nParams ?? 0,
    params: pert?.params ?? [],
    affineInParams: pert ? pert.affine : true,
    populationDependence: dependence,
    dependsOnPopulation: base.dependsOnMeanField,
    ...(rewardRange ? { rewardRange } : {}),
    reward(t, sigma, theta, out) {
      base.reward(t, sigma, out);
      pert?.reward?.(t, sigma, theta, out);
    },
    transitionValues(t, sigma, theta, out) {
      base.transitionValues(t, sigma, out);
      pert?.transition?.(t, sigma, theta, out);
    },
  });
}

/** The MFGLib benchmarks whose r and P read L only through μ. */
const STATE_ONLY = new Set([
  "left_right",
  "rock_paper_scissors",
  "susceptible_infected",
  "beach_bar",
  "crowd_motion",
  "building_evacuation",
  "linear_quadratic",
]);

function knownDependence(name: string): PopulationDependence {
  return STATE_ONLY.has(name) ? "state" : "state-action";
}
