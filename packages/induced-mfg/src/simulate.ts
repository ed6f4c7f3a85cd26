/**
 * N-player simulation at scale (docs/induced-mfg.md §1): N agents in typed arrays, one step costing
 * O(N + types·(K + nnz)) — draw a^i_t ~ π^{c(i)}_t(·|s^i_t), form σ_t (agent itself included), evaluate
 * f and g once per type (or once per affine basis function), then draw r^i_t and s^i_{t+1} per agent.
 * Seeded: the same seed gives bit-identical trajectories.
 */
import { createRandomStream, MfkitError, type RandomStream } from "@mfkit/core";
import type { TabularPolicy } from "@mfkit/mean-field";
import type { NPlayerGame } from "./game.js";
import { TypeTables } from "./symmetrize.js";

/** 2^-32: uniforms on the 32-bit grid are ample for sampling from tables (one RNG word per draw). */
const U32 = 2.3283064365386963e-10;

/** Pooled per-episode statistics over all agents (sufficient for pooled TD with 1/n steps). */
export interface PooledStats {
  /** visits[t·K + z]: number of agents at cell z = s·A + a at epoch t. */
  readonly visits: Float64Array;
  /** rewardSum[t·K + z]: sum of their rewards. */
  readonly rewardSum: Float64Array;
  /** next[(t·K + z)·S + s']: number of those moving to s' (t < T). */
  readonly next: Float64Array;
}

/** Allocates zeroed {@link PooledStats} for a game. */
export function createPooledStats(game: NPlayerGame): PooledStats {
  const K = game.nStates * game.nActions;
  const T = game.horizon;
  return {
    visits: new Float64Array((T + 1) * K),
    rewardSum: new Float64Array((T + 1) * K),
    next: new Float64Array((T + 1) * K * game.nStates),
  };
}

/** Per-step observer: `next` is undefined at t = T. Arrays are reused between calls (copy what you keep). */
export type StepObserver = (
  t: number,
  states: Int32Array,
  actions: Int32Array,
  rewards: Float64Array,
  next: Int32Array | undefined,
) => void;

function checkPolicy(game: NPlayerGame, pi: TabularPolicy, path: (string | number)[]): Float64Array {
  const { nStates: S, nActions: A, horizon: T } = game;
  if (!(pi instanceof Float64Array) || pi.length !== (T + 1) * S * A) {
    throw new MfkitError(
      "invalid-shape",
      `policy must be a Float64Array of length (T+1)·S·A = ${(T + 1) * S * A}`,
      path,
    );
  }
  const cum = new Float64Array(pi.length);
  for (let row = 0; row < (T + 1) * S; row++) {
    let acc = 0;
    for (let a = 0; a < A; a++) {
      const p = pi[row * A + a]!;
      if (!(p >= 0) || !Number.isFinite(p)) {
        throw new MfkitError("invalid-probability", `policy entry ${p} is negative or not finite`, [
          ...path,
          Math.floor(row / S),
          row % S,
          a,
        ]);
      }
      acc += p;
      cum[row * A + a] = acc;
    }
    if (Math.abs(acc - 1) > 1e-9) {
      throw new MfkitError("invalid-probability", `policy row sums to ${acc}, not 1`, [
        ...path,
        Math.floor(row / S),
        row % S,
      ]);
    }
    for (let a = 0; a < A; a++) cum[row * A + a] = cum[row * A + a]! / acc;
    cum[row * A + A - 1] = 1;
  }
  return cum;
}

/** A reusable N-player simulator with preallocated workspaces. */
export class NPlayerSimulator {
  readonly game: NPlayerGame;
  readonly states: Int32Array;
  readonly actions: Int32Array;
  readonly nextStates: Int32Array;
  private readonly nextActions: Int32Array;
  private readonly countsNext: Float64Array;
  readonly rewards: Float64Array;
  /** Per-agent return of the last episode. */
  readonly returns: Float64Array;
  private readonly tables: TypeTables;
  private readonly sigma: Float64Array;
  private readonly counts: Float64Array;
  private readonly transCum: Float64Array;
  private readonly mu0Cum: Float64Array;

  constructor(game: NPlayerGame) {
    this.game = game;
    const N = game.nAgents;
    const K = game.nStates * game.nActions;
    this.states = new Int32Array(N);
    this.actions = new Int32Array(N);
    this.nextStates = new Int32Array(N);
    this.nextActions = new Int32Array(N);
    this.countsNext = new Float64Array(K);
    this.rewards = new Float64Array(N);
    this.returns = new Float64Array(N);
    this.tables = new TypeTables(game);
    this.sigma = new Float64Array(K);
    this.counts = new Float64Array(K);
    this.transCum = new Float64Array(this.tables.transitions.length);
    this.mu0Cum = new Float64Array(game.nStates);
    let acc = 0;
    for (let s = 0; s < game.nStates; s++) {
      acc += game.mu0[s]!;
      this.mu0Cum[s] = acc;
    }
    this.mu0Cum[game.nStates - 1] = 1;
  }

  /** Cumulative policy tables for {@link runEpisode} (validates each policy). */
  preparePolicies(policies: readonly TabularPolicy[]): Float64Array[] {
    return policies.map((pi, c) => checkPolicy(this.game, pi, ["policies", c]));
  }

  /**
   * Runs one episode. `policyOf[i]` selects agent i's policy (all use policy 0 when undefined).
   * Accumulates pooled statistics into `stats` when given; `observe` sees every step.
   */
  runEpisode(
    rng: RandomStream,
    cumPolicies: readonly Float64Array[],
    policyOf?: Int32Array,
    stats?: PooledStats,
    observe?: StepObserver,
  ): void {
    const g = this.game;
    const N = g.nAgents;
    const S = g.nStates;
    const A = g.nActions;
    const K = S * A;
    const T = g.horizon;
    const { rowPtr, col } = g.transitionPattern;
    const nnz = col.length;
    const states = this.states;
    const actions = this.actions;
    const next = this.nextStates;
    const rewards = this.rewards;
    const returns = this.returns;
    const counts = this.counts;
    const sigma = this.sigma;
    const tables = this.tables;
    const cum = this.transCum;
    const typeOf = tables.types.typeOf;
    const typesMode = tables.mode === "types";
    const single = typesMode && tables.types.count === 1;
    const pol0 = cumPolicies[0]!;
    const mu0Cum = this.mu0Cum;
    const nextActions = this.nextActions;
    const countsNext = this.countsNext;
    // s_0 ~ μ0 and a_0 ~ π_0(·|s_0). Later actions are drawn right after each agent's move (one pass
    // per epoch), so the draws of one agent alternate: move, then the next epoch's action.
    counts.fill(0);
    for (let i = 0; i < N; i++) {
      const u = rng.nextUint32() * U32;
      let s = 0;
      while (s < S - 1 && u >= mu0Cum[s]!) s++;
      states[i] = s;
      returns[i] = 0;
      const pol = policyOf === undefined ? pol0 : cumPolicies[policyOf[i]!]!;
      const v = rng.nextUint32() * U32;
      let a = 0;
      while (a < A - 1 && v >= pol[s * A + a]!) a++;
      actions[i] = a;
      counts[s * A + a] = counts[s * A + a]! + 1;
    }
    for (let t = 0; t <= T; t++) {
      for (let k = 0; k < K; k++) sigma[k] = counts[k]! / N;
      countsNext.fill(0);
      const nextBase = (t + 1) * S;
      const last = t === T;
      tables.prepare(t, sigma, !last);
      const R = tables.rewards;
      if (!last && typesMode) {
        // Cumulative rows per type, checking stochasticity.
        for (let ty = 0; ty < tables.types.count; ty++) {
          const off = ty * nnz;
          for (let r = 0; r < K; r++) {
            let acc = 0;
            for (let k = rowPtr[r]!; k < rowPtr[r + 1]!; k++) {
              const p = tables.transitions[off + k]!;
              if (p < -1e-9 || !(p <= 1 + 1e-9)) this.badRow(t, r, p);
              acc += p;
              cum[off + k] = acc;
            }
            if (Math.abs(acc - 1) > 1e-9) this.badRow(t, r, acc);
            cum[off + rowPtr[r + 1]! - 1] = 2; // guard against rounding: the last entry always accepts
          }
        }
      }
      const statOff = t * K;
      if (typesMode) {
        for (let i = 0; i < N; i++) {
          const z = states[i]! * A + actions[i]!;
          const ty = single ? 0 : typeOf[i]!;
          const r = R[ty * K + z]!;
          rewards[i] = r;
          returns[i] = returns[i]! + r;
          if (last) continue;
          const u = rng.nextUint32() * U32;
          let k = rowPtr[z]!;
          const end = rowPtr[z + 1]! - 1;
          const off = ty * nnz;
          for (let j = rowPtr[z]!; j < end; j++) k += u >= cum[off + j]! ? 1 : 0;
          const s2 = col[k]!;
          next[i] = s2;
          const pol = policyOf === undefined ? pol0 : cumPolicies[policyOf[i]!]!;
          const base2 = (nextBase + s2) * A;
          const v = rng.nextUint32() * U32;
          // Branch-free inverse-CDF draw: count the cumulative entries ≤ v (a fixed-length loop).
          let a2 = 0;
          for (let b = 0; b < A - 1; b++) a2 += v >= pol[base2 + b]! ? 1 : 0;
          nextActions[i] = a2;
          countsNext[s2 * A + a2] = countsNext[s2 * A + a2]! + 1;
        }
      } else {
        // Affine in θ: f(θ_i) = f(θ̄) + Σ_p (θ_ip − θ̄_p)·D_p, combined inline per agent.
        const P = g.nParams;
        const deltas = tables.deltas;
        const D = tables.transitions;
        for (let i = 0; i < N; i++) {
          const z = states[i]! * A + actions[i]!;
          let r = R[z]!;
          for (let p = 0; p < P; p++) r += deltas[i * P + p]! * R[(p + 1) * K + z]!;
          rewards[i] = r;
          returns[i] = returns[i]! + r;
          if (last) continue;
          const u = rng.nextUint32() * U32;
          let k = rowPtr[z]!;
          const end = rowPtr[z + 1]! - 1;
          let acc = 0;
          for (; k <= end; k++) {
            let q = D[k]!;
            for (let p = 0; p < P; p++) q += deltas[i * P + p]! * D[(p + 1) * nnz + k]!;
            if (q < -1e-9) this.badRow(t, z, q);
            acc += q;
            if (u < acc || k === end) break;
          }
          const s2 = col[k]!;
          next[i] = s2;
          const pol = policyOf === undefined ? pol0 : cumPolicies[policyOf[i]!]!;
          const base2 = (nextBase + s2) * A;
          const v = rng.nextUint32() * U32;
          // Branch-free inverse-CDF draw: count the cumulative entries ≤ v (a fixed-length loop).
          let a2 = 0;
          for (let b = 0; b < A - 1; b++) a2 += v >= pol[base2 + b]! ? 1 : 0;
          nextActions[i] = a2;
          countsNext[s2 * A + a2] = countsNext[s2 * A + a2]! + 1;
        }
      }
      if (stats !== undefined) {
        // Visits are the action counts; reward sums and next-state counts per cell.
        for (let z = 0; z < K; z++) stats.visits[statOff + z] = stats.visits[statOff + z]! + counts[z]!;
        const rs = stats.rewardSum;
        const nx = stats.next;
        for (let i = 0; i < N; i++) {
          const cell = statOff + states[i]! * A + actions[i]!;
          rs[cell] = rs[cell]! + rewards[i]!;
          if (!last) nx[cell * S + next[i]!] = nx[cell * S + next[i]!]! + 1;
        }
      }
      observe?.(t, states, actions, rewards, last ? undefined : next);
      if (!last) {
        states.set(next);
        actions.set(nextActions);
        counts.set(countsNext);
      }
    }
  }

  private badRow(t: number, z: number, value: number): never {
    const A = this.game.nActions;
    throw new MfkitError(
      "invalid-probability",
      `transition probabilities are not stochastic at t = ${t} (value ${value})`,
      ["transitions", t, Math.floor(z / A), z % A],
      { value },
    );
  }
}

/** Options of {@link simulate}. */
export interface SimulateOptions {
  /** One policy for everyone, or one per class with `policyOf`. */
  policies: TabularPolicy | readonly TabularPolicy[];
  policyOf?: Int32Array;
  episodes: number;
  seed: number;
  /** Collect pooled statistics (default true). */
  pooled?: boolean;
  observe?: StepObserver;
  signal?: AbortSignal;
}

/** Result of {@link simulate}: mean per-agent returns and pooled statistics. */
export interface SimulationResult {
  episodes: number;
  /** Mean return of each agent over the episodes. */
  meanReturns: Float64Array;
  /** Sum of squared episode returns per agent (for standard errors). */
  sumSquares: Float64Array;
  stats: PooledStats | undefined;
}

/** Runs `episodes` seeded episodes of the N-player game. Stops early (keeping what is done) on `signal`. */
export function simulate(game: NPlayerGame, options: SimulateOptions): SimulationResult {
  const sim = new NPlayerSimulator(game);
  const list = options.policies instanceof Float64Array ? [options.policies] : [...options.policies];
  const cum = sim.preparePolicies(list);
  if (options.policyOf !== undefined) {
    const po = options.policyOf;
    if (po.length !== game.nAgents) {
      throw new MfkitError("invalid-shape", `policyOf must have one entry per agent (${game.nAgents})`, [
        "policyOf",
      ]);
    }
    for (let i = 0; i < po.length; i++) {
      if (!(po[i]! >= 0 && po[i]! < list.length)) {
        throw new MfkitError("invalid-argument", `policyOf[${i}] = ${po[i]} is not a policy index`, [
          "policyOf",
          i,
        ]);
      }
    }
  }
  if (!Number.isInteger(options.episodes) || options.episodes < 1) {
    throw new MfkitError("invalid-argument", `episodes must be a positive integer`, ["episodes"]);
  }
  const rng = createRandomStream(options.seed, 0);
  const stats = options.pooled === false ? undefined : createPooledStats(game);
  const N = game.nAgents;
  const sum = new Float64Array(N);
  const sq = new Float64Array(N);
  let done = 0;
  for (let e = 0; e < options.episodes; e++) {
    if (options.signal?.aborted) break;
    sim.runEpisode(rng, cum, options.policyOf, stats, options.observe);
    for (let i = 0; i < N; i++) {
      const r = sim.returns[i]!;
      sum[i] = sum[i]! + r;
      sq[i] = sq[i]! + r * r;
    }
    done += 1;
  }
  for (let i = 0; i < N; i++) sum[i] = sum[i]! / Math.max(done, 1);
  return { episodes: done, meanReturns: sum, sumSquares: sq, stats };
}
