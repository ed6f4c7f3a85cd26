/**
 * The Temporal Mean Field (TMF) model (docs/temporal-mean-field.md §1): N exchangeable agents with
 * individual states ("observations") O and actions A. At each global step t only the active agents
 * act: an active agent in o draws a ~ π_t(·|o), earns r(o, a, μ_t) and moves by P(·|o, a, μ_t); an
 * idle agent earns r0(o, μ_t) and moves by the passive kernel P0(·|o, μ_t). Epochs t = 0..T, discount γ^t.
 *
 * Layouts (flat, row-major, float64):
 *   active kernel  P[(o·|A| + a)·|O| + o'],   active reward  r[o·|A| + a],
 *   passive kernel P0[o·|O| + o'],            passive reward r0[o],
 *   policy π[(t·|O| + o)·|A| + a] for t = 0..T (the same layout as `@mfkit/mean-field`'s TabularPolicy).
 */

/** A TMF game. Kernel and reward functions write into caller buffers and allocate nothing. */
export interface TemporalMeanFieldGame {
  readonly name: string;
  /** |O|. */
  readonly nObs: number;
  /** |A|. */
  readonly nActions: number;
  /** T: the last epoch (global step); epochs are 0..T. */
  readonly horizon: number;
  /** γ ∈ (0, 1]. */
  readonly discount: number;
  /** μ_0 (length |O|, sums to 1). */
  readonly mu0: Float64Array;
  /** Which parts depend on μ (simulators recompute only those each step). */
  readonly dependsOnMeanField: {
    readonly activeKernel: boolean;
    readonly passiveKernel: boolean;
    readonly activeReward: boolean;
    readonly passiveReward: boolean;
  };
  /** True when P0 is the identity for every μ (idle agents stay put). */
  readonly passiveIsIdentity: boolean;
  /** P(o'|o, a, μ) into `out` (length |O|·|A|·|O|). */
  activeKernel(mu: Float64Array, out: Float64Array): void;
  /** r(o, a, μ) into `out` (length |O|·|A|). */
  activeReward(mu: Float64Array, out: Float64Array): void;
  /** P0(o'|o, μ) into `out` (length |O|·|O|). */
  passiveKernel(mu: Float64Array, out: Float64Array): void;
  /** r0(o, μ) into `out` (length |O|). */
  passiveReward(mu: Float64Array, out: Float64Array): void;
  /** Optional names of the observations and actions (reports). */
  readonly obsNames?: readonly string[];
  readonly actionNames?: readonly string[];
}

/**
 * Who acts at a global step.
 * - `uniform`: a uniform random subset of exactly `batch` agents (without replacement); ρ = B/N.
 * - `bernoulli`: every agent independently with probability p; ρ = p.
 * - `roundRobin`: agents (i + t·B) mod N for i < B; deterministic, breaks exchangeability; ρ = B/N.
 */
export type Activation =
  | { readonly kind: "uniform"; readonly batch: number }
  | { readonly kind: "bernoulli"; readonly p: number }
  | { readonly kind: "roundRobin"; readonly batch: number };

/** The activation rate ρ = B/N (uniform, round-robin) or p (Bernoulli). */
export function activationRate(activation: Activation, populationSize: number): number {
  return activation.kind === "bernoulli" ? activation.p : activation.batch / populationSize;
}

/**
 * A policy: a tabular time-indexed π_t(a|o) (length (T+1)·|O|·|A|), a stationary table (length
 * |O|·|A|, used at every t), or a μ-aware map (t, μ, out) → π(·|·, μ) writing an |O|·|A| table.
 */
export type TmfPolicy = Float64Array | ((t: number, mu: Float64Array, out: Float64Array) => void);

/**
 * Writes the |O|·|A| table π_t(·|·) of `policy` at step t into `out`. Tables indexed past their last
 * epoch use the last epoch (so a horizon-T policy can drive a longer simulation).
 */
export function policyTableAt(
  policy: TmfPolicy,
  t: number,
  mu: Float64Array,
  nObs: number,
  nActions: number,
  out: Float64Array,
): void {
  const size = nObs * nActions;
  if (typeof policy === "function") {
    policy(t, mu, out);
    return;
  }
  const epochs = policy.length / size;
  const epoch = Math.min(t, epochs - 1);
  const start = epoch * size;
  for (let i = 0; i < size; i++) out[i] = policy[start + i];
}

/** The uniform time-indexed policy π_t(a|o) = 1/|A| for t = 0..T. */
export function uniformPolicy(game: TemporalMeanFieldGame): Float64Array {
  return new Float64Array((game.horizon + 1) * game.nObs * game.nActions).fill(1 / game.nActions);
}

/** A stationary policy repeated over epochs 0..T (a time-indexed table). */
export function repeatPolicy(game: TemporalMeanFieldGame, stationary: Float64Array): Float64Array {
  const size = game.nObs * game.nActions;
  const out = new Float64Array((game.horizon + 1) * size);
  for (let t = 0; t <= game.horizon; t++) out.set(stationary.subarray(0, size), t * size);
  return out;
}

/** A copy of `game` with another horizon / discount / μ0 (everything else shared). */
export function withOverrides(
  game: TemporalMeanFieldGame,
  overrides: { horizon?: number; discount?: number; mu0?: Float64Array },
): TemporalMeanFieldGame {
  const base = game;
  return {
    name: base.name,
    nObs: base.nObs,
    nActions: base.nActions,
    horizon: overrides.horizon ?? base.horizon,
    discount: overrides.discount ?? base.discount,
    mu0: overrides.mu0 ?? base.mu0,
    dependsOnMeanField: base.dependsOnMeanField,
    passiveIsIdentity: base.passiveIsIdentity,
    activeKernel: (mu, out) => base.activeKernel(mu, out),
    activeReward: (mu, out) => base.activeReward(mu, out),
    passiveKernel: (mu, out) => base.passiveKernel(mu, out),
    passiveReward: (mu, out) => base.passiveReward(mu, out),
    obsNames: base.obsNames,
    actionNames: base.actionNames,
  };
}
