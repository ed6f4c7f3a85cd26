/**
 * TD estimation of Q_t from N-player trajectories (docs/induced-mfg.md §6). All agents play π; after
 * each episode a backward sweep t = T..0 updates, with 1/n step sizes,
 *
 *     Q[t][z] += (y − Q[t][z]) / n[t][z],   y = r + Σ_{a'} π_{t+1}(a'|s')(Q[t+1][s'][a'] − τ log π_{t+1}(a'|s'))
 *
 * for every agent's transition (z = (s, a), r, s') at epoch t (y = r at t = T). Pooling over agents is
 * symmetrisation. Within one epoch of one episode every sample uses the same Q[t+1], so the sequential
 * 1/n updates equal one batch update Q += (Σ y − m·Q)/(n + m): the sweep needs only the pooled counts
 * (visits, reward sums, next-state counts), O((T+1)·K·S) per episode whatever N is.
 */
import { createRandomStream, MfkitError } from "@mfkit/core";
import {
  forwardFlow,
  type MeanFieldGame,
  regularizedPolicyValues,
  type TabularPolicy,
} from "@mfkit/mean-field";
import type { NPlayerGame } from "./game.js";
import { createPooledStats, NPlayerSimulator, type PooledStats } from "./simulate.js";

/** Soft value V^τ_t(s) = Σ_a π(a|s)(Q(s,a) − τ log π(a|s)) with 0·log 0 = 0. */
function softValue(Q: Float64Array, pi: TabularPolicy, off: number, A: number, tau: number): number {
  let v = 0;
  for (let a = 0; a < A; a++) {
    const p = pi[off + a]!;
    if (p > 0) v += p * (Q[off + a]! - (tau > 0 ? tau * Math.log(p) : 0));
  }
  return v;
}

/** Running pooled TD state: Q and visit counts n (both flat ((T+1)·S·A)). */
export interface TDState {
  readonly Q: Float64Array;
  readonly n: Float64Array;
}

/** Zeroed TD state. */
export function createTDState(game: NPlayerGame): TDState {
  const size = (game.horizon + 1) * game.nStates * game.nActions;
  return { Q: new Float64Array(size), n: new Float64Array(size) };
}

/** One backward sweep of pooled TD over one episode's pooled statistics. */
export function pooledSweep(
  game: NPlayerGame,
  pi: TabularPolicy,
  tau: number,
  stats: PooledStats,
  state: TDState,
): void {
  const S = game.nStates;
  const A = game.nActions;
  const K = S * A;
  const T = game.horizon;
  const { Q, n } = state;
  const vNext = new Float64Array(S);
  for (let t = T; t >= 0; t--) {
    if (t < T) {
      for (let s = 0; s < S; s++) vNext[s] = softValue(Q, pi, ((t + 1) * S + s) * A, A, tau);
    }
    for (let z = 0; z < K; z++) {
      const cell = t * K + z;
      const m = stats.visits[cell]!;
      if (m === 0) continue;
      let sumY = stats.rewardSum[cell]!;
      if (t < T) for (let s = 0; s < S; s++) sumY += stats.next[cell * S + s]! * vNext[s]!;
      n[cell] = n[cell]! + m;
      Q[cell] = Q[cell]! + (sumY - m * Q[cell]!) / n[cell]!;
    }
  }
}

/** Options of {@link pooledTD}: M episodes, seed, temperature τ and an optional warm-start state. */
export interface PooledTDOptions {
  episodes: number;
  seed: number;
  /** Entropy temperature τ ≥ 0 of the estimated Q (default 0). */
  tau?: number;
  signal?: AbortSignal;
  /** Continue from this state (default: zeros). */
  state?: TDState;
  /** Random stream index (default 0). */
  stream?: number;
}

/** TD_N(π, M, τ): pooled TD over M episodes of the N-player game with everyone on π. */
export function pooledTD(
  game: NPlayerGame,
  pi: TabularPolicy,
  options: PooledTDOptions,
): TDState & { episodes: number } {
  const tau = options.tau ?? 0;
  if (!(tau >= 0) || !Number.isFinite(tau)) {
    throw new MfkitError("invalid-argument", `tau must be finite and ≥ 0, got ${tau}`, ["tau"]);
  }
  if (!Number.isInteger(options.episodes) || options.episodes < 1) {
    throw new MfkitError("invalid-argument", `episodes must be a positive integer, got ${options.episodes}`, [
      "episodes",
    ]);
  }
  const sim = new NPlayerSimulator(game);
  const cum = sim.preparePolicies([pi]);
  const rng = createRandomStream(options.seed, options.stream ?? 0);
  const state = options.state ?? createTDState(game);
  const stats = createPooledStats(game);
  let done = 0;
  for (let e = 0; e < options.episodes; e++) {
    if (options.signal?.aborted) break;
    stats.visits.fill(0);
    stats.rewardSum.fill(0);
    stats.next.fill(0);
    sim.runEpisode(rng, cum, undefined, stats);
    pooledSweep(game, pi, tau, stats, state);
    done += 1;
  }
  return { ...state, episodes: done };
}

/**
 * Independent per-agent TD: agent i keeps its own Q^i from its own transitions only (policies π^i,
 * flat N·(T+1)·S·A). Returns the updated per-agent state (Q and n of size N·(T+1)·S·A).
 */
export function independentTD(
  game: NPlayerGame,
  policies: readonly TabularPolicy[],
  options: PooledTDOptions,
): TDState & { episodes: number } {
  const N = game.nAgents;
  const S = game.nStates;
  const A = game.nActions;
  const K = S * A;
  const T = game.horizon;
  const tau = options.tau ?? 0;
  if (policies.length !== N) {
    throw new MfkitError("invalid-shape", `independent learners need one policy per agent (${N})`, [
      "policies",
    ]);
  }
  const size = (T + 1) * K;
  const state = options.state ?? { Q: new Float64Array(N * size), n: new Float64Array(N * size) };
  const sim = new NPlayerSimulator(game);
  const cum = sim.preparePolicies(policies);
  const policyOf = Int32Array.from({ length: N }, (_, i) => i);
  const rng = createRandomStream(options.seed, options.stream ?? 0);
  const cells = new Int32Array((T + 1) * N);
  const rewards = new Float64Array((T + 1) * N);
  const nexts = new Int32Array((T + 1) * N);
  let done = 0;
  for (let e = 0; e < options.episodes; e++) {
    if (options.signal?.aborted) break;
    sim.runEpisode(rng, cum, policyOf, undefined, (t, states, actions, r, next) => {
      for (let i = 0; i < N; i++) {
        cells[t * N + i] = states[i]! * A + actions[i]!;
        rewards[t * N + i] = r[i]!;
        if (next !== undefined) nexts[t * N + i] = next[i]!;
      }
    });
    for (let t = T; t >= 0; t--) {
      for (let i = 0; i < N; i++) {
        const base = i * size;
        const z = cells[t * N + i]!;
        let y = rewards[t * N + i]!;
        if (t < T) {
          const off = ((t + 1) * S + nexts[t * N + i]!) * A;
          const pi = policies[i]!;
          let v = 0;
          for (let a = 0; a < A; a++) {
            const p = pi[off + a]!;
            if (p > 0) v += p * (state.Q[base + off + a]! - (tau > 0 ? tau * Math.log(p) : 0));
          }
          y += v;
        }
        const cell = base + t * K + z;
        state.n[cell] = state.n[cell]! + 1;
        state.Q[cell] = state.Q[cell]! + (y - state.Q[cell]!) / state.n[cell]!;
      }
    }
    done += 1;
  }
  return { ...state, episodes: done };
}

/**
 * Flow-weighted RMS error of a Q estimate against the exact Q^τ of π in an MFG:
 * √( Σ_t Σ_z L_t(z)(Q̂_t(z) − Q_t(z))² / (T + 1) ), L = Γ(π). Unvisited cells carry no weight.
 */
export function qError(mfg: MeanFieldGame, pi: TabularPolicy, Qhat: Float64Array, tau: number): number {
  const L = forwardFlow(mfg, pi);
  const { Q } = regularizedPolicyValues(mfg, pi, L, tau);
  let acc = 0;
  for (let j = 0; j < Q.length; j++) acc += L[j]! * (Qhat[j]! - Q[j]!) ** 2;
  return Math.sqrt(acc / (mfg.horizon + 1));
}
